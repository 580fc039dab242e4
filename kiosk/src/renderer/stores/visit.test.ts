import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { nextTick } from 'vue';
import { checkCharacter } from '@hall/shared/idNumber';
import type { IssueTicketInput } from '@hall/shared/contracts/schemas';
import { useHallStore } from './hall';
import { useVisitStore } from './visit';
import { FakeSocket, demoSnapshot, issuedTicket } from '../testing/fakeHall';
import type { PrintResult, TicketPrinter } from '../printing/ticketPrinter';

async function setup(printResults: PrintResult[] = [{ ok: true }]) {
  setActivePinia(createPinia());
  const hall = useHallStore();
  const visit = useVisitStore();
  const socket = new FakeSocket();
  const printed: number[] = [];
  const printer: TicketPrinter = {
    local: true,
    print: async (issued) => {
      printed.push(issued.ticket.id);
      return printResults.shift() ?? { ok: true };
    },
  };
  visit.configure({ locale: 'zh-CN', idleSeconds: null, printer, origin: 'http://hall' });
  hall.attach(socket.asSocket());
  socket.fire('connect');
  socket.fire('hall:snapshot', demoSnapshot(1));
  await nextTick();
  const issues = () =>
    socket.emits.filter((e) => e.event === 'ticket:issue').map((e) => e.payload as IssueTicketInput);
  return { hall, visit, socket, printed, issues };
}

const okIssue = (priorityClass = 'normal', proxy = false) => ({
  ok: true,
  data: issuedTicket({
    id: 42,
    number: priorityClass === 'normal' ? 'A001' : 'A-L001',
    priorityClass,
    proxy,
  }),
});

describe('visit store: two taps to a ticket', () => {
  afterEach(() => vi.useRealTimers());

  it('idle → service is a normal ticket (one tap)', async () => {
    const { visit, socket, issues, printed } = await setup();
    socket.answer = async () => okIssue();
    await visit.takeTicket(1);
    expect(issues()).toHaveLength(1);
    expect(issues()[0]).toMatchObject({ serviceId: 1, priorityClass: 'normal' });
    expect(issues()[0]!.requestId).toMatch(/^[0-9a-f]{32}$/);
    expect(visit.screen).toBe('result');
    expect(printed).toEqual([42]);
    expect(visit.printState).toBe('printed');
  });

  it('green channel → service is an elderly priority ticket (two taps)', async () => {
    const { visit, socket, issues } = await setup();
    socket.answer = async () => okIssue('elderly');
    visit.chooseElderly();
    await visit.takeTicket(2);
    expect(issues()[0]).toMatchObject({ serviceId: 2, priorityClass: 'elderly' });
    expect(visit.isPriority).toBe(true);
  });

  it('proxy → service is a priority ticket marked proxy; relationship is optional and sent in Chinese', async () => {
    const { visit, socket, issues } = await setup();
    socket.answer = async () => okIssue('elderly', true);
    visit.chooseProxy();
    await visit.takeTicket(1);
    expect(issues()[0]).toMatchObject({ priorityClass: 'elderly', proxy: true, proxyRelation: null });
    visit.goIdle();
    visit.chooseProxy();
    visit.setProxyRelation('child');
    visit.setProxyForElderly(false);
    await visit.takeTicket(1);
    expect(issues()[1]).toMatchObject({ priorityClass: 'normal', proxy: true, proxyRelation: '子女' });
  });

  it('another priority class on the start screen → service is a ticket of that class (two taps)', async () => {
    const { visit, socket, issues } = await setup();
    socket.answer = async () => okIssue('military');
    expect(visit.otherPriorityClasses.map((c) => c.id)).toEqual(['disabled', 'military']);
    visit.choosePriorityClass('military');
    expect(visit.screen).toBe('choose');
    expect(visit.chosenClass?.nameZh).toBe('军人');
    await visit.takeTicket(1);
    expect(issues()[0]).toMatchObject({ serviceId: 1, priorityClass: 'military' });
    visit.goIdle();
    expect(visit.priorityClassId).toBeNull();
  });

  it('proxy for a person of another priority class asks for that class', async () => {
    const { visit, socket, issues } = await setup();
    socket.answer = async () => okIssue('disabled', true);
    visit.chooseProxy();
    visit.setProxyFor('disabled');
    expect(visit.proxyForElderly).toBe(false);
    await visit.takeTicket(2);
    expect(issues()[0]).toMatchObject({ priorityClass: 'disabled', proxy: true });
    visit.goIdle();
    visit.chooseProxy();
    expect(visit.proxyFor).toBe('elderly');
  });

  it('an ID number of someone aged 60+ gives priority and only the masked number is sent', async () => {
    const { visit, socket } = await setup();
    socket.answer = async () => okIssue('elderly');
    const first17 = '44050219500101123';
    const id = first17 + checkCharacter(first17);
    expect(visit.acceptIdReading({ kind: 'raw', number: id })).toBeNull();
    expect(visit.screen).toBe('choose');
    await visit.takeTicket(1);
    const sent = JSON.stringify(socket.emits);
    expect(sent).not.toContain(id);
    expect(socket.emits.find((e) => e.event === 'ticket:issue')?.payload).toMatchObject({
      priorityClass: 'elderly',
      maskedIdNumber: `4405**********123${id[17]}`,
    });
  });

  it('a retry after a lost acknowledgement reuses the request id; a new visitor gets a new one', async () => {
    vi.useFakeTimers();
    const { visit, socket, issues } = await setup();
    let calls = 0;
    socket.answer = () => {
      calls += 1;
      return calls < 2 ? new Promise(() => undefined) : Promise.resolve(okIssue());
    };
    const done = visit.takeTicket(1);
    await vi.advanceTimersByTimeAsync(9_000);
    await done;
    expect(issues()).toHaveLength(2);
    expect(issues()[1]!.requestId).toBe(issues()[0]!.requestId);
    expect(visit.screen).toBe('result');
    visit.goIdle();
    socket.answer = async () => okIssue();
    await visit.takeTicket(1);
    expect(issues()[2]!.requestId).not.toBe(issues()[0]!.requestId);
  });

  it('shows the server’s refusal in both languages and "try again" resends the same request', async () => {
    const { visit, socket, issues } = await setup();
    socket.answer = async () => ({
      ok: false,
      error: {
        code: 'SERVICE_DISABLED',
        message: 'x',
        zh: '该业务暂停取号',
        en: 'This service is not issuing tickets now',
      },
    });
    await visit.takeTicket(1);
    expect(visit.screen).toBe('idle');
    expect(visit.issueError?.zh).toBe('该业务暂停取号');
    socket.answer = async () => okIssue();
    await visit.retryIssue();
    expect(issues()[1]!.requestId).toBe(issues()[0]!.requestId);
    expect(visit.screen).toBe('result');
  });

  it('a print fault keeps the ticket; reprint prints the same ticket and never issues again', async () => {
    const { visit, socket, issues, printed } = await setup([{ ok: false, kind: 'paper_out' }, { ok: true }]);
    socket.answer = async () => okIssue();
    await visit.takeTicket(1);
    expect(visit.printState).toBe('failed');
    expect(visit.printFault).toBe('paper_out');
    expect(visit.issued?.ticket.number).toBe('A001');
    await visit.reprint();
    expect(visit.printState).toBe('printed');
    expect(printed).toEqual([42, 42]);
    expect(issues()).toHaveLength(1);
  });

  it('while disconnected nothing is issued; the pending request resumes with the same id on reconnect', async () => {
    const { visit, socket, issues } = await setup();
    socket.fire('disconnect', 'transport close');
    await visit.takeTicket(1);
    expect(issues()).toHaveLength(0);
    expect(visit.issuing).toBe(true);
    const firstInput = visit.issued;
    expect(firstInput).toBeNull();
    socket.answer = async () => okIssue();
    socket.fire('connect');
    socket.fire('hall:snapshot', demoSnapshot(5));
    await nextTick();
    await vi.waitFor(() => expect(visit.screen).toBe('result'));
    expect(issues()).toHaveLength(1);
  });

  it('a visitor mid-choice goes back to idle when the server comes back', async () => {
    const { visit, socket } = await setup();
    visit.chooseElderly();
    visit.toggleLocale();
    socket.fire('disconnect', 'transport close');
    socket.fire('connect');
    socket.fire('hall:snapshot', demoSnapshot(3));
    await nextTick();
    expect(visit.screen).toBe('idle');
    expect(visit.locale).toBe('zh-CN');
  });
});

describe('visit store: idle reset', () => {
  it('a failed request on the start screen does not wait for the next visitor forever', async () => {
    vi.useFakeTimers();
    const { visit, socket } = await setup();
    socket.answer = async () => ({
      ok: false,
      error: { code: 'SERVICE_DISABLED', message: 'x', zh: '该业务暂停取号', en: 'Not issuing' },
    });
    await visit.takeTicket(1);
    await nextTick();
    expect(visit.issueError).not.toBeNull();
    expect(visit.screen).toBe('idle');
    await vi.advanceTimersByTimeAsync(91_000);
    expect(visit.issueError).toBeNull();
  });

  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('returns to idle after the hall’s idle time (never under 60 s), warning first', async () => {
    const { visit, hall } = await setup();
    expect(hall.rules?.kioskIdleSeconds).toBe(90);
    visit.chooseElderly();
    await nextTick();
    expect(visit.remainingSeconds).toBe(90);
    await vi.advanceTimersByTimeAsync(59_000);
    expect(visit.showIdleWarning).toBe(false);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(visit.showIdleWarning).toBe(true);
    visit.touch();
    expect(visit.showIdleWarning).toBe(false);
    await vi.advanceTimersByTimeAsync(89_000);
    expect(visit.screen).toBe('choose');
    await vi.advanceTimersByTimeAsync(1_500);
    expect(visit.screen).toBe('idle');
  });
});

describe('visit store: the visitor’s spoken language (粤语 / 普通话)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  async function cantoneseHall() {
    const ctx = await setup();
    const snapshot = demoSnapshot(2);
    snapshot.hall.voiceLanguages = ['cmn', 'yue'];
    ctx.socket.fire('hall:snapshot', snapshot);
    await nextTick();
    return ctx;
  }

  it('speaks the hall’s first language until the visitor chooses another', async () => {
    const { visit } = await cantoneseHall();
    expect(visit.voiceLanguages).toEqual(['cmn', 'yue']);
    expect(visit.voiceLanguage).toBe('cmn');
    visit.chooseVoice('yue');
    expect(visit.voiceLanguage).toBe('yue');
    expect(visit.locale).toBe('zh-CN'); // the text stays Chinese
  });

  it('goes back to the default when the visit ends', async () => {
    const { visit, socket } = await cantoneseHall();
    socket.answer = async () => okIssue();
    visit.chooseVoice('yue');
    await visit.takeTicket(1);
    expect(visit.voiceLanguage).toBe('yue');
    visit.goIdle();
    expect(visit.voiceLanguage).toBe('cmn');
    expect(visit.voiceChoice).toBeNull();
  });

  it('goes back to the default at idle when the visitor walks away after choosing', async () => {
    const { visit } = await cantoneseHall();
    visit.chooseVoice('yue');
    await nextTick();
    expect(visit.screen).toBe('idle');
    await vi.advanceTimersByTimeAsync(89_000);
    expect(visit.voiceLanguage).toBe('yue');
    await vi.advanceTimersByTimeAsync(1_500);
    expect(visit.voiceLanguage).toBe('cmn');
  });

  it('ignores a language the hall does not speak, and follows the hall when it drops one', async () => {
    const { visit, socket } = await cantoneseHall();
    visit.chooseVoice('yue');
    const mandarinOnly = demoSnapshot(3);
    socket.fire('hall:snapshot', mandarinOnly);
    await nextTick();
    expect(visit.voiceLanguage).toBe('cmn');
    visit.goIdle();
    visit.chooseVoice('yue');
    expect(visit.voiceChoice).toBeNull();
  });
});
