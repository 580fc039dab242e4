// Issue 14 through a real server on port 0 with real Socket.IO clients: opening hours enforced
// (HALL_CLOSED in words, an admin extends today), estimates that never say "soon" without an open
// window, a returned no-show called after exactly requeueOffset others, people ahead that count
// the tickets competing for the same windows and agree everywhere, and one window per account.
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '@hall/shared/contracts/admin';
import type {
  Hall,
  HallWindow,
  IssuedTicket,
  TicketStatus,
  TicketView,
} from '@hall/shared/contracts/entities';
import type { KioskSnapshot } from '@hall/shared/contracts/frames';
import { planCalls } from '@hall/shared/queue/callPlan';
import {
  startTestServer,
  TEST_PASSWORDS,
  type TestServer,
  type TestServerOptions,
} from '../support/testServer';
import {
  connectClient,
  connectRaw,
  emitAck,
  login,
  newRequestId,
  nextKioskSnapshot,
  staffAtWindow,
  type ConnectedClient,
  type KioskClient,
} from '../support/clients';

/** An instant on the hall's clock (Asia/Shanghai); 2026-12-04 is a Friday. */
const at = (day: string, hhmm: string): number => Date.parse(`${day}T${hhmm}:00+08:00`);

let server: TestServer | null = null;
const open: { close(): void }[] = [];
afterEach(async () => {
  for (const c of open.splice(0)) c.close();
  await server?.close();
  server = null;
});

async function start(options: TestServerOptions = {}) {
  server = await startTestServer(options);
  const kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey });
  open.push(kiosk);
  return { server, kiosk };
}

const serviceOf = (kiosk: KioskClient, code: string) =>
  kiosk.snapshot.services.find((s) => s.code === code)!.id;

function issue(kiosk: KioskClient, code: string, priorityClass = 'normal') {
  return emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
    requestId: newRequestId(),
    serviceId: serviceOf(kiosk, code),
    priorityClass,
  });
}

async function issued(kiosk: KioskClient, code: string, priorityClass = 'normal'): Promise<IssuedTicket> {
  const result = await issue(kiosk, code, priorityClass);
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

async function command<T>(client: { socket: ConnectedClient['socket'] }, event: string, payload?: unknown) {
  const result =
    payload === undefined
      ? await emitAck<T>(client.socket, event)
      : await emitAck<T>(client.socket, event, payload);
  if (!result.ok) throw new Error(`${event}: ${result.error.message}`);
  return result.data;
}

async function adminOf(s: TestServer): Promise<ConnectedClient> {
  const session = await login(s.url, 'admin', s.credentials.admin.password);
  const admin = await connectClient(s.url, { role: 'admin', sessionToken: session.token });
  open.push(admin);
  return admin;
}

async function officer(s: TestServer, username: string, windowNumber: number) {
  const password = username === 'staff' ? TEST_PASSWORDS.staff : `${username}-pass`;
  const client = await staffAtWindow(s.url, username, password, s.windowId(windowNumber));
  open.push(client);
  return client;
}

describe('opening hours and holidays (issue 14.1)', () => {
  const HOURS: TestServerOptions = {
    hours: { opens: '08:30', closes: '17:30' },
    schedule: {
      openWeekdays: [1, 2, 3, 4, 5],
      holidays: [{ from: '2026-12-24', to: '2026-12-25', name: '年末休息' }],
      issueStopMinutes: 30,
    },
  };

  it('refuses tickets at 19:11 with the next opening in words; an admin extends today, audited', async () => {
    let now = at('2026-12-04', '19:11');
    const { server: s, kiosk } = await start({ ...HOURS, clock: () => now });
    // The kiosk has what it needs to show its closed screen itself.
    expect(kiosk.snapshot.hall.schedule.openWeekdays).toEqual([1, 2, 3, 4, 5]);
    const refused = await issue(kiosk, 'A');
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('HALL_CLOSED');
    expect(refused.error.zh).toBe('现在不是取号时间。下次取号：12月7日 星期一 08:30');
    expect(refused.error.en).toBe('Tickets are not issued now. Next: Mon 7 Dec at 08:30');

    const admin = await adminOf(s);
    const extended = nextKioskSnapshot(kiosk.socket, (k) => k.hall.issueExtension !== null);
    const hall = await command<Hall>(admin, 'admin:hallExtendToday', { until: '20:00' });
    expect(hall.issueExtension).toEqual({ day: '2026-12-04', until: '20:00' });
    expect((await extended).hall.issueExtension?.until).toBe('20:00');
    const late = await issued(kiosk, 'A');
    expect(late.ticket.number).toBe('A001');
    const audit = await command<AuditEntry[]>(admin, 'admin:audit');
    expect(audit.find((e) => e.action === 'hall.extendToday')?.detail).toEqual({
      target: { id: hall.id, label: '2026-12-04' },
      changes: [{ field: 'issueUntilToday', from: null, to: '20:00' }],
    });
    // Past the extension, issuing stops again; the waiting visitor is told the truth: no window
    // will serve them today (no estimate, not "soon").
    now = at('2026-12-04', '20:05');
    expect((await issue(kiosk, 'A')).ok).toBe(false);
    const status = await statusOf(s, late);
    expect(status).toMatchObject({ state: 'waiting', outlook: 'none', estimatedWaitMinutes: 0 });
  });

  it('is closed on holidays and weekends, and before opening says today at 08:30', async () => {
    let now = at('2026-12-25', '10:00');
    const { kiosk } = await start({ ...HOURS, clock: () => now });
    const holiday = await issue(kiosk, 'B');
    expect(!holiday.ok && holiday.error.zh).toBe('现在不是取号时间。下次取号：12月28日 星期一 08:30');
    now = at('2026-12-05', '10:00'); // a Saturday
    expect(!(await issue(kiosk, 'B')).ok).toBe(true);
    now = at('2026-12-07', '08:00');
    const early = await issue(kiosk, 'B');
    expect(!early.ok && early.error.zh).toBe('现在不是取号时间。下次取号：今天 08:30');
    now = at('2026-12-07', '08:30');
    expect((await issue(kiosk, 'B')).ok).toBe(true);
    now = at('2026-12-07', '17:00'); // the cut-off, 30 minutes before closing
    expect((await issue(kiosk, 'B')).ok).toBe(false);
  });

  it('while no window serving the ticket is open, never says "soon"; it says the windows will open', async () => {
    let now = at('2026-12-07', '08:31');
    const { server: s, kiosk } = await start({ ...HOURS, clock: () => now });
    const first = await issued(kiosk, 'C');
    // Nobody ahead, but no window is open: not "0 minutes, soon".
    expect(first).toMatchObject({ peopleAhead: 0, outlook: 'later' });
    const queue = (await command<KioskSnapshot>(kiosk, 'kiosk:sync')).queue.find(
      (q) => q.serviceId === serviceOf(kiosk, 'C'),
    )!;
    expect(queue).toMatchObject({ waiting: 1, peopleAhead: 1, outlook: 'later' });
    expect(queue.estimatedWaitMinutes).toBeGreaterThan(0);
    await officer(s, 'staff', 5); // window 5 serves B and C
    now = at('2026-12-07', '08:40');
    const second = await issued(kiosk, 'C');
    expect(second).toMatchObject({ peopleAhead: 1, outlook: 'open' });
    expect(second.estimatedWaitMinutes).toBeGreaterThan(0);
  });
});

/**
 * What the ticket's status page shows when it opens. The page is closed again at once: a page left
 * open keeps being sent the last status it was computed (refreshed within STATUS_REFRESH_MS), so a
 * later page for the same ticket could first see that one.
 */
async function statusOf(s: TestServer, ticket: IssuedTicket): Promise<TicketStatus> {
  const socket = connectRaw(s.url, { role: 'ticket', statusToken: ticket.statusPath.split('/').pop() });
  const status = await new Promise<TicketStatus>((resolve) => socket.once('ticket:status', resolve));
  const closed = new Promise((resolve) => socket.once('disconnect', resolve));
  socket.close();
  await closed;
  return status;
}

describe('requeue goes back exactly requeueOffset places (issue 14.4)', () => {
  it('a normal no-show behind three elderly tickets is called after all three at an ordinary window', async () => {
    const { server: s, kiosk } = await start({ rules: { requeueOffset: 3 } });
    const officer3 = await officer(s, 'staff', 3); // window 3: A only, mixes 2 normal : 1 priority
    const missed = await issued(kiosk, 'A');
    expect((await command<TicketView>(officer3, 'counter:callNext')).id).toBe(missed.ticket.id);
    const seniors = [
      await issued(kiosk, 'A', 'elderly'),
      await issued(kiosk, 'A', 'elderly'),
      await issued(kiosk, 'A', 'elderly'),
    ];
    await command(officer3, 'counter:noShow', { ticketId: missed.ticket.id });
    const back = await command<TicketView>(officer3, 'counter:requeue', { ticketId: missed.ticket.id });
    expect(back.requeueHold).toEqual({ before: seniors.map((t) => t.ticket.id), left: 3 });
    const calls: number[] = [];
    for (let n = 0; n < 4; n += 1) {
      const called = await command<TicketView>(officer3, 'counter:callNext');
      calls.push(called.id);
      await command(officer3, 'counter:start', { ticketId: called.id });
      await command(officer3, 'counter:finish', { ticketId: called.id });
    }
    // Before this issue the window called the no-show first (its ratio wanted a normal ticket).
    expect(calls).toEqual([...seniors.map((t) => t.ticket.id), missed.ticket.id]);
  });

  it('an elderly no-show behind three normal tickets is called after all three at the elderly window', async () => {
    const { server: s, kiosk } = await start({ rules: { requeueOffset: 3 }, extraStaff: ['wu'] });
    const elderlyWindow = await officer(s, 'wu', 1);
    const missed = await issued(kiosk, 'B', 'elderly');
    expect((await command<TicketView>(elderlyWindow, 'counter:callNext')).id).toBe(missed.ticket.id);
    // Three normal tickets of three services: they share the elderly window (it serves A–D).
    const others = [await issued(kiosk, 'A'), await issued(kiosk, 'C'), await issued(kiosk, 'D')];
    await command(elderlyWindow, 'counter:noShow', { ticketId: missed.ticket.id });
    await command(elderlyWindow, 'counter:requeue', { ticketId: missed.ticket.id });
    const calls: number[] = [];
    for (let n = 0; n < 4; n += 1) {
      const called = await command<TicketView>(elderlyWindow, 'counter:callNext');
      calls.push(called.id);
      await command(elderlyWindow, 'counter:start', { ticketId: called.id });
      await command(elderlyWindow, 'counter:finish', { ticketId: called.id });
    }
    expect(calls).toEqual([...others.map((t) => t.ticket.id), missed.ticket.id]);
  });
});

describe('people ahead come from the order the policy calls, and agree everywhere (issue 14.2)', () => {
  it('an elderly B ticket counts the older elderly A ticket waiting for the same elderly window', async () => {
    const { server: s, kiosk } = await start({ extraStaff: ['wu'] });
    const console1 = await officer(s, 'wu', 1); // only the elderly window is open
    const a = await issued(kiosk, 'A', 'elderly');
    const b = await issued(kiosk, 'B', 'elderly');
    // Before this issue: "0 ahead" for B (only its own service was counted).
    expect(a.peopleAhead).toBe(0);
    expect(b.peopleAhead).toBe(1);
    expect((await command<TicketView>(console1, 'counter:callNext')).id).toBe(a.ticket.id);
  });

  it('the kiosk, the printed figures, the status page and the console say the same', async () => {
    const { server: s, kiosk } = await start({ extraStaff: ['wu', 'li'] });
    const staff = await officer(s, 'wu', 1);
    await officer(s, 'li', 4); // window 4: A and D
    const tickets: IssuedTicket[] = [];
    for (const [code, cls] of [
      ['A', 'normal'],
      ['D', 'elderly'],
      ['A', 'normal'],
      ['A', 'elderly'],
      ['D', 'normal'],
      ['B', 'normal'],
      ['A', 'disabled'],
      ['D', 'normal'],
    ] as const) {
      // What the kiosk's button said just before this ticket was taken is what the ticket says.
      const before = (await command<KioskSnapshot>(kiosk, 'kiosk:sync')).queue.find(
        (q) => q.serviceId === serviceOf(kiosk, code),
      )!;
      const ticket = await issued(kiosk, code, cls);
      const told = cls === 'normal' ? before : before.priority;
      expect({
        ahead: ticket.peopleAhead,
        minutes: ticket.estimatedWaitMinutes,
        outlook: ticket.outlook,
      }).toEqual({
        ahead: told.peopleAhead,
        minutes: told.estimatedWaitMinutes,
        outlook: told.outlook,
      });
      // …and what its status page says at once.
      const status = await statusOf(s, ticket);
      expect([status.peopleAhead, status.estimatedWaitMinutes, status.outlook]).toEqual([
        ticket.peopleAhead,
        ticket.estimatedWaitMinutes,
        ticket.outlook,
      ]);
      tickets.push(ticket);
    }
    // The console runs the same plan on its own snapshot.
    const snapshot = await command<ConnectedClient['snapshot']>(staff, 'hall:sync');
    const openWindows = snapshot.windows
      .filter((w: HallWindow) => w.state === 'open')
      .sort((x: HallWindow, y: HallWindow) => x.number - y.number);
    const waiting = snapshot.activeTickets.filter((t) => t.state === 'waiting');
    const plan = planCalls(
      openWindows,
      waiting.map((t) => ({ ...t, targetWindowId: t.targetWindowId ?? null })),
      snapshot.rules,
      snapshot.serverTime,
    );
    // Later priority tickets went ahead of earlier normal ones: every page shows today's figure.
    for (const ticket of tickets.filter((t) => t.outlook === 'open')) {
      const status = await statusOf(s, ticket);
      const inConsole = waiting.find((t) => t.id === ticket.ticket.id)!;
      expect(plan.peopleAhead({ ...inConsole, targetWindowId: null })).toBe(status.peopleAhead);
    }
    // The elderly window serves every service (and takes others), so every ticket has an open window.
    expect(tickets.every((t) => t.outlook === 'open')).toBe(true);
  });
});

describe('one account, one window (issue 14.5)', () => {
  it('an account that holds a window cannot silently take another; it switches only when confirmed', async () => {
    const { server: s } = await start();
    const first = await officer(s, 'staff', 3);
    // A second person signs in with the same account and tries window 5.
    const session = await login(s.url, 'staff', TEST_PASSWORDS.staff);
    const second = await connectClient(s.url, { role: 'staff', sessionToken: session.token });
    open.push(second);
    const refused = await emitAck(second.socket, 'window:claim', { windowId: s.windowId(5) });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('WINDOW_HELD_ELSEWHERE');
    expect(refused.error.zh).toContain('3 号窗口');
    // Window 3 is still open and still answers its officer.
    const current = await command<{ window: HallWindow | null }>(first, 'counter:current');
    expect(current.window).toMatchObject({ number: 3, state: 'open' });
    const moved = await command<HallWindow>(second, 'window:claim', {
      windowId: s.windowId(5),
      releaseHeld: true,
    });
    expect(moved.number).toBe(5);
    const after = await command<{ window: HallWindow | null }>(first, 'counter:current');
    expect(after.window?.number).toBe(5);
  });
});
