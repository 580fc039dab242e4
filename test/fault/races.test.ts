// Races on the real server: six windows pressing call-next at the same moment, transfers racing
// call-specific on the same ticket, and admin rule and window changes racing calls. After every
// burst the database must hold a legal queue: no ticket at two windows, no called ticket without
// its window, and every ticket's history a legal walk through the state machine.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedTicket, TicketView } from '@hall/shared/contracts/entities';
import type { Result } from '@hall/shared/contracts/errors';
import { startTestServer, type TestServer } from '../support/testServer';
import {
  connectClient,
  emitAck,
  newRequestId,
  staffAtWindow,
  type ConnectedClient,
} from '../support/clients';
import { queueProblems } from './support/invariants';
import { createTally } from './support/tally';

type Staff = Awaited<ReturnType<typeof staffAtWindow>>;
const tally = createTally('races (calls, transfers, admin)');
const EXTRA = ['r3', 'r4', 'r5', 'r6'];
let server: TestServer;
let kiosk: ConnectedClient;
let admin: ConnectedClient;
let windows: Staff[];
const code = (c: string) => kiosk.snapshot.services.find((s) => s.code === c)!.id;
const windowId = (n: number) => kiosk.snapshot.windows.find((w) => w.number === n)!.id;

beforeAll(async () => {
  server = await startTestServer({ extraStaff: [...EXTRA, 'boss2'] });
  kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey });
  const accounts: [string, string][] = [
    ['staff', server.credentials.staff.password],
    ['boss2', 'boss2-pass'],
    ...EXTRA.map((u): [string, string] => [u, `${u}-pass`]),
  ];
  windows = await Promise.all(accounts.map(([u, p], i) => staffAtWindow(server.url, u, p, windowId(i + 1))));
  const adminSession = await fetch(`${server.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: server.credentials.admin.password }),
  }).then((r) => r.json() as Promise<Result<{ token: string }>>);
  if (!adminSession.ok) throw new Error(adminSession.error.code);
  admin = await connectClient(server.url, { role: 'admin', sessionToken: adminSession.data.token });
});
afterAll(async () => {
  [kiosk, admin, ...windows].forEach((c) => c.close());
  await server.close();
});

async function issue(count: number, codes = ['A', 'B', 'C', 'D']): Promise<IssuedTicket[]> {
  const results = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
        requestId: newRequestId(),
        serviceId: code(codes[i % codes.length]!),
        priorityClass: i % 3 === 0 ? 'elderly' : 'normal',
      }),
    ),
  );
  return results.map((r) => {
    if (!r.ok) throw new Error(r.error.code);
    return r.data;
  });
}

function expectLegalQueue(): void {
  const db = new Database(server.dbFile, { readonly: true, fileMustExist: true });
  try {
    expect(tally.integrity(queueProblems(db))).toEqual([]);
  } finally {
    db.close();
  }
}

/** Closes whatever each window holds so the next burst starts from idle windows. */
async function clearWindows(): Promise<void> {
  await Promise.all(
    windows.map(async (w) => {
      const now = await emitAck<{ ticket: TicketView | null }>(w.socket, 'counter:current');
      const ticket = now.ok ? now.data.ticket : null;
      if (ticket?.state === 'called') await emitAck(w.socket, 'counter:noShow', { ticketId: ticket.id });
      if (ticket?.state === 'serving') await emitAck(w.socket, 'counter:finish', { ticketId: ticket.id });
    }),
  );
}

describe('races', () => {
  it('six windows pressing call-next together never share a ticket', async () => {
    await issue(240);
    const handedOut = new Set<number>();
    for (let burst = 0; burst < 30; burst += 1) {
      const results = await Promise.all(
        windows.map((w) => emitAck<TicketView>(w.socket, 'counter:callNext')),
      );
      tally.add({ faultsInjected: 1 });
      const called = results.flatMap((r) => (r.ok ? [r.data.id] : []));
      for (const r of results) if (!r.ok) expect(r.error.code).toBe('QUEUE_EMPTY');
      expect(new Set(called).size).toBe(called.length);
      for (const id of called) expect(handedOut.has(id)).toBe(false);
      called.forEach((id) => handedOut.add(id));
      // Half the windows serve to the end, half mark a no-show: both paths race each other.
      await Promise.all(
        results.map(async (r, i) => {
          if (!r.ok) return;
          if (i % 2) return emitAck(windows[i]!.socket, 'counter:noShow', { ticketId: r.data.id });
          await emitAck(windows[i]!.socket, 'counter:start', { ticketId: r.data.id });
          return emitAck(windows[i]!.socket, 'counter:finish', { ticketId: r.data.id });
        }),
      );
      tally.add({ faultsSurvived: 1 });
    }
    expect(handedOut.size).toBe(180);
    tally.add({ ticketsAcknowledged: handedOut.size });
    expectLegalQueue();
  });

  it('a ticket transferred while another window calls it by number ends in one legal place', async () => {
    await clearWindows();
    const [w3, w5] = [windows[2]!, windows[4]!];
    for (let i = 0; i < 40; i += 1) {
      const [ticket] = await issue(1, ['A']);
      // Window 3 (A) may transfer a waiting A ticket to B; window 5 (B, C) cannot call A tickets,
      // so the number is called by window 4 (A, D) at the same moment.
      const w4 = windows[3]!;
      const [moved, called] = await Promise.all([
        emitAck<TicketView>(w3.socket, 'counter:transfer', {
          ticketId: ticket!.ticket.id,
          toServiceId: code('B'),
        }),
        emitAck<TicketView>(w4.socket, 'counter:callSpecific', { number: ticket!.ticket.number }),
      ]);
      tally.add({ faultsInjected: 1 });
      // Exactly one of the two wins, or the call wins after the transfer by finding the new
      // waiting B ticket - which window 4 does not serve.
      expect(moved.ok && called.ok).toBe(false);
      if (!moved.ok) expect(moved.error.code).toBe('TICKET_NOT_AT_WINDOW');
      if (!called.ok)
        expect(['SERVICE_NOT_SERVED_BY_WINDOW', 'TICKET_NOT_FOUND']).toContain(called.error.code);
      if (called.ok) {
        expect(called.data.state).toBe('called');
        await emitAck(w4.socket, 'counter:noShow', { ticketId: called.data.id });
      }
      // The same race with a ticket that is already called at window 3: only window 3 may move it.
      const [other] = await issue(1, ['A']);
      const mine = await emitAck<TicketView>(w3.socket, 'counter:callSpecific', {
        number: other!.ticket.number,
      });
      expect(mine.ok).toBe(true);
      const [moved2, stolen] = await Promise.all([
        emitAck<TicketView>(w3.socket, 'counter:transfer', {
          ticketId: other!.ticket.id,
          toServiceId: code('B'),
        }),
        emitAck<TicketView>(w5.socket, 'counter:callSpecific', { number: other!.ticket.number }),
      ]);
      tally.add({ faultsInjected: 1 });
      expect(moved2.ok).toBe(true);
      // Window 5 serves B: it may get the new waiting B copy, never the called A ticket.
      if (stolen.ok) {
        expect(stolen.data.id).not.toBe(other!.ticket.id);
        expect(stolen.data.serviceId).toBe(code('B'));
        await emitAck(w5.socket, 'counter:noShow', { ticketId: stolen.data.id });
      } else expect(['TICKET_CALLED_ELSEWHERE', 'SERVICE_NOT_SERVED_BY_WINDOW']).toContain(stolen.error.code);
      expectLegalQueue();
      tally.add({ faultsSurvived: 2, ticketsAcknowledged: 2 });
    }
  });

  it('admin rule and window changes racing calls leave a legal queue', async () => {
    await clearWindows();
    await issue(120);
    for (let burst = 0; burst < 20; burst += 1) {
      const adminChanges = [
        emitAck(admin.socket, 'admin:rulesUpdate', {
          mixRatio: 1 + (burst % 4),
          elderlyWindowTakesOthers: burst % 2 === 0,
        }),
        emitAck(admin.socket, 'admin:windowUpsert', {
          id: windowId(4),
          number: 4,
          name: '出入境',
          serviceIds: burst % 2 ? [code('A')] : [code('A'), code('D')],
          elderlyDedicated: burst % 3 === 0,
        }),
      ];
      const calls = windows.map((w) => emitAck<TicketView>(w.socket, 'counter:callNext'));
      const [rules, window, ...results] = await Promise.all([...adminChanges, ...calls]);
      tally.add({ faultsInjected: 1 });
      expect(rules!.ok && window!.ok).toBe(true);
      const called = results.flatMap((r) => (r.ok ? [(r.data as TicketView).id] : []));
      expect(new Set(called).size).toBe(called.length);
      for (const r of results) if (!r.ok) expect(r.error.code).toBe('QUEUE_EMPTY');
      await clearWindows();
      expectLegalQueue();
      tally.add({ faultsSurvived: 1 });
    }
    // The window's last configuration is what every screen sees.
    const sync = await emitAck<{ windows: { id: number; serviceIds: number[] }[] }>(
      admin.socket,
      'hall:sync',
    );
    expect(sync.ok && sync.data.windows.find((w) => w.id === windowId(4))!.serviceIds).toEqual([code('A')]);
  });
});
