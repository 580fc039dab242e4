// The ticket state machine and queue rules through the real server: legal moves, the specific
// refusal for each illegal one, transfer keeping the issue time, requeue a few places back,
// calling a specific number, and the daily restart of numbering at the hall's midnight.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { IssuedTicket, TicketStatus, TicketView } from '@hall/shared/contracts/entities';
import { startTestServer, type TestServer } from '../support/testServer';
import {
  connectClient,
  connectRaw,
  emitAck,
  newRequestId,
  nextDelta,
  nextEvent,
  nextEventWhere,
  onDeltas,
  staffAtWindow,
  type ConnectedClient,
  type KioskClient,
} from '../support/clients';

// 2026-11-28 09:00 in Shanghai.
let now = Date.parse('2026-11-28T01:00:00Z');
let server: TestServer;
let kiosk: KioskClient;
let staff: Awaited<ReturnType<typeof staffAtWindow>>;
let other: Awaited<ReturnType<typeof staffAtWindow>>;

const service = (code: string) => kiosk.snapshot.services.find((s) => s.code === code)!.id;
const windowId = (n: number) => server.windowId(n);

async function issue(code: string, priorityClass = 'normal'): Promise<IssuedTicket> {
  now += 1000;
  const result = await emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
    requestId: newRequestId(),
    serviceId: service(code),
    priorityClass,
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

async function act<T = TicketView>(who: ConnectedClient, event: string, payload?: unknown) {
  now += 1000;
  return payload === undefined ? emitAck<T>(who.socket, event) : emitAck<T>(who.socket, event, payload);
}

beforeAll(async () => {
  server = await startTestServer({ clock: () => now, extraStaff: ['clerk'], rules: { requeueOffset: 2 } });
  kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey });
  staff = await staffAtWindow(server.url, 'staff', server.credentials.staff.password, windowId(3));
  other = await staffAtWindow(server.url, 'clerk', 'clerk-pass', windowId(4));
});
afterAll(async () => {
  kiosk.close();
  staff.close();
  other.close();
  await server.close();
});
beforeEach(async () => {
  // Drain whatever the previous test left at both windows.
  for (const who of [staff, other]) {
    const current = await act<{ ticket: TicketView | null }>(who, 'counter:current');
    const ticket = current.ok ? current.data.ticket : null;
    if (ticket?.state === 'called') await act(who, 'counter:noShow', { ticketId: ticket.id });
    if (ticket?.state === 'serving') await act(who, 'counter:finish', { ticketId: ticket.id });
  }
});

describe('ticket lifecycle', () => {
  it('waiting → called → serving → done, with marks stored and counted', async () => {
    const issued = await issue('A');
    const called = await act(staff, 'counter:callNext');
    expect(called.ok && called.data.id).toBe(issued.ticket.id);
    const started = await act(staff, 'counter:start', { ticketId: issued.ticket.id });
    expect(started.ok && started.data.state).toBe('serving');
    const done = await act(staff, 'counter:finish', {
      ticketId: issued.ticket.id,
      marks: { proxy: true, proxyRelation: '女儿', assistedPayment: true, formHelp: false, note: '现金代缴' },
    });
    expect(done.ok && done.data.marks).toEqual({
      proxy: true,
      proxyRelation: '女儿',
      assistedPayment: true,
      formHelp: false,
      note: '现金代缴',
    });
    const current = await act<{ stats: { served: number; proxy: number; assistedPayment: number } }>(
      staff,
      'counter:current',
    );
    expect(current.ok && current.data.stats).toMatchObject({ served: 1, proxy: 1, assistedPayment: 1 });
  });

  it('answers each illegal transition with its own code', async () => {
    const issued = await issue('A');
    const id = issued.ticket.id;
    expect(await act(staff, 'counter:start', { ticketId: id })).toMatchObject({
      ok: false,
      error: { code: 'TICKET_NOT_CALLED' },
    });
    expect(await act(staff, 'counter:finish', { ticketId: id })).toMatchObject({
      ok: false,
      error: { code: 'TICKET_NOT_SERVING' },
    });
    expect(await act(staff, 'counter:requeue', { ticketId: id })).toMatchObject({
      ok: false,
      error: { code: 'TICKET_NOT_NO_SHOW' },
    });
    await act(staff, 'counter:callNext');
    expect(await act(staff, 'counter:cancel', { ticketId: id })).toMatchObject({
      ok: false,
      error: { code: 'TICKET_NOT_WAITING' },
    });
    expect(await act(other, 'counter:start', { ticketId: id })).toMatchObject({
      ok: false,
      error: { code: 'TICKET_NOT_AT_WINDOW' },
    });
    await act(staff, 'counter:start', { ticketId: id });
    await act(staff, 'counter:finish', { ticketId: id });
    expect(await act(staff, 'counter:recall', { ticketId: id })).toMatchObject({
      ok: false,
      error: { code: 'TICKET_ALREADY_DONE' },
    });
    expect(await act(staff, 'counter:transfer', { ticketId: id, toServiceId: service('B') })).toMatchObject({
      ok: false,
      error: { code: 'TICKET_ALREADY_DONE' },
    });
    expect(await act(staff, 'counter:recall', { ticketId: 999_999 })).toMatchObject({
      ok: false,
      error: { code: 'TICKET_NOT_FOUND' },
    });
  });

  it('recall announces the same ticket again', async () => {
    const display = await connectClient(server.url, {
      role: 'display',
      deviceKey: server.credentials.displayKey,
    });
    const issued = await issue('A');
    // Every call the display hears of this ticket, in order: exactly the call, then the recall.
    const heard: boolean[] = [];
    const stopListening = onDeltas(display.socket, (d) => {
      if (d.type === 'ticket:called' && d.ticket.id === issued.ticket.id) heard.push(d.call.recall);
    });
    const firstCall = nextDelta(display.socket, 'ticket:called', (d) => d.ticket.id === issued.ticket.id);
    await act(staff, 'counter:callNext');
    const first = await firstCall;
    expect(first.call.recall).toBe(false);
    const again = nextDelta(
      display.socket,
      'ticket:called',
      (d) => d.ticket.id === issued.ticket.id && d.call.recall,
    );
    const recalled = await act(staff, 'counter:recall', { ticketId: issued.ticket.id });
    expect(recalled.ok && recalled.data.callCount).toBe(2);
    const seen = await again;
    expect(seen.call).toMatchObject({ recall: true, number: issued.ticket.number, windowNumber: 3 });
    // A recall is a call of its own: a new identity, so a display announces it again.
    expect(seen.call.id).not.toBe(first.call.id);
    expect(heard).toEqual([false, true]);
    stopListening();
    display.close();
  });

  it('a transfer keeps the first issue time, so the visitor goes ahead of later arrivals', async () => {
    const early = await issue('A');
    await act(staff, 'counter:callNext');
    await act(staff, 'counter:start', { ticketId: early.ticket.id });
    const later = await issue('D'); // window 4 serves A and D
    const moved = await act(staff, 'counter:transfer', {
      ticketId: early.ticket.id,
      toServiceId: service('D'),
    });
    expect(moved.ok && moved.data).toMatchObject({
      state: 'waiting',
      issuedAt: early.ticket.issuedAt,
      number: early.ticket.number,
      transferredFromId: early.ticket.id,
    });
    const next = await act(other, 'counter:callNext');
    expect(next.ok && next.data.number).toBe(early.ticket.number);
    expect(next.ok && next.data.id).not.toBe(later.ticket.id);
    await act(other, 'counter:noShow', { ticketId: next.ok ? next.data.id : 0 });
  });

  it('a requeued no-show goes back the configured number of places, not to the end', async () => {
    const missed = await issue('A');
    await act(staff, 'counter:callNext');
    await act(staff, 'counter:noShow', { ticketId: missed.ticket.id });
    const queue = [await issue('A'), await issue('A'), await issue('A'), await issue('A')];
    const before = await act<{ stats: { noShows: number } }>(staff, 'counter:current');
    const requeued = await act(staff, 'counter:requeue', { ticketId: missed.ticket.id });
    expect(requeued.ok && requeued.data.state).toBe('waiting');
    // The miss still counts for this window after the visitor was put back in the queue.
    const after = await act<{ stats: { noShows: number } }>(staff, 'counter:current');
    expect(after.ok && after.data.stats.noShows).toBe(before.ok ? before.data.stats.noShows : -1);
    // Drain earlier leftovers of service A first: everything issued before `queue` is older.
    const order: string[] = [];
    for (;;) {
      const called = await act(staff, 'counter:callNext');
      if (!called.ok) break;
      order.push(called.data.number);
      await act(staff, 'counter:noShow', { ticketId: called.data.id });
      if (order.includes(queue[3]!.ticket.number)) break;
    }
    const tail = order.slice(order.indexOf(queue[0]!.ticket.number));
    expect(tail).toEqual([
      queue[0]!.ticket.number,
      queue[1]!.ticket.number,
      missed.ticket.number,
      queue[2]!.ticket.number,
      queue[3]!.ticket.number,
    ]);
  });

  it('calls a specific number, and says which window already called it', async () => {
    const first = await issue('A');
    const second = await issue('A');
    const specific = await act(staff, 'counter:callSpecific', { number: second.ticket.number });
    expect(specific.ok && specific.data.id).toBe(second.ticket.id);
    const taken = await act(other, 'counter:callSpecific', { number: second.ticket.number });
    expect(taken).toMatchObject({
      ok: false,
      error: { code: 'TICKET_CALLED_ELSEWHERE', zh: '该号已被 3 号窗口呼叫' },
    });
    const unknown = await act(other, 'counter:callSpecific', { number: 'Z999' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'TICKET_NOT_FOUND' } });
    await act(staff, 'counter:noShow', { ticketId: second.ticket.id });
    void first;
  });

  it('refuses calls from paused and closed windows, and a window held by someone else', async () => {
    await act(staff, 'window:pause', { reason: '午休' });
    expect(await act(staff, 'counter:callNext')).toMatchObject({
      ok: false,
      error: { code: 'WINDOW_PAUSED' },
    });
    await act(staff, 'window:resume');
    await act(staff, 'window:close');
    expect(await act(staff, 'counter:callNext')).toMatchObject({
      ok: false,
      error: { code: 'WINDOW_CLOSED' },
    });
    await act(staff, 'window:open');
    const taken = await act(other, 'window:claim', { windowId: windowId(3) });
    expect(taken).toMatchObject({ ok: false, error: { code: 'WINDOW_TAKEN' } });
    expect(!taken.ok && taken.error.zh).toContain('3 号窗口已由');
  });

  it('the ticket status page follows its ticket from waiting to called', async () => {
    const issued = await issue('C');
    const token = issued.statusPath.split('/').pop()!;
    const http = (await (await fetch(`${server.url}/api/ticket-status/${token}`)).json()) as {
      ok: boolean;
      data: TicketStatus;
    };
    expect(http.data).toMatchObject({ number: issued.ticket.number, state: 'waiting' });
    expect(JSON.stringify(http.data)).not.toMatch(/statusToken|maskedIdNumber|requestId/);
    const page = connectRaw(server.url, { role: 'ticket', statusToken: token });
    const first = await nextEvent(page, 'ticket:status');
    expect(first.state).toBe('waiting');
    const clerk5 = await staffAtWindow(server.url, 'admin', server.credentials.admin.password, windowId(5));
    // Opening window 5 may already have told the page its new outlook: wait for the call itself.
    const update = nextEventWhere(page, 'ticket:status', (s) => s.state === 'called');
    await act(clerk5, 'counter:callNext');
    expect(await update).toMatchObject({ state: 'called', windowNumber: 5 });
    page.close();
    clerk5.close();
    const redirect = await fetch(`${server.url}/t/${token}`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe(`/display/status/${token}`);
  });

  it('numbering restarts at 001 with the first ticket after the hall’s midnight', async () => {
    now = Date.parse('2026-11-28T15:59:58Z'); // 23:59:58 in Shanghai
    const late = await issue('B');
    expect(late.ticket.businessDay).toBe('2026-11-28');
    expect(late.ticket.sequence).toBeGreaterThan(0);
    now = Date.parse('2026-11-28T16:00:00Z'); // 00:00:00 next day
    const early = await issue('B');
    expect(early.ticket.businessDay).toBe('2026-11-29');
    expect(early.ticket.number).toBe('B001');
    // Yesterday's leftovers are not in today's queue.
    expect(early.peopleAhead).toBe(0);
  });
});
