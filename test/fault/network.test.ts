// Network faults against the real server: transports cut in the middle of commands, a display
// offline while 60 calls happen, and a staff console that loses its connection right after
// pressing call-next. Nothing is issued twice, nothing is lost, and every screen ends up showing
// what the server holds.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HallSnapshot, IssuedTicket, TicketView } from '@hall/shared/contracts/entities';
import { startTestServer, type TestServer } from '../support/testServer';
import {
  connectClient,
  emitAck,
  login,
  newRequestId,
  staffAtWindow,
  type ConnectedClient,
  type TestSocket,
} from '../support/clients';
import { drawn, expectMirrorsServer, mirrorHall, reconnectingSocket } from './support/hallMirror';
import { queueProblems } from './support/invariants';
import { createTally } from './support/tally';

const tally = createTally('network (drops, offline screens)');
let server: TestServer;
let kiosk: ConnectedClient;
let serviceA: number;
const windowId = (n: number) => kiosk.snapshot.windows.find((w) => w.number === n)!.id;

beforeAll(async () => {
  server = await startTestServer({ extraStaff: ['w4'] });
  kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey });
  serviceA = kiosk.snapshot.services.find((s) => s.code === 'A')!.id;
});
afterAll(async () => {
  kiosk.close();
  await server.close();
});

/** Cuts the transport under the socket (as a pulled cable would) and waits until it is down. */
async function cutTransport(socket: TestSocket): Promise<void> {
  const down = new Promise<void>((resolve) =>
    socket.connected ? socket.once('disconnect', () => resolve()) : resolve(),
  );
  socket.io.engine.close();
  await down;
}

async function reconnect(socket: TestSocket): Promise<void> {
  const up = new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  socket.connect();
  await up;
}

const issueOne = (socket: TestSocket, requestId = newRequestId()) =>
  emitAck<IssuedTicket>(socket, 'ticket:issue', { requestId, serviceId: serviceA });

function countWithRequest(requestId: string): number {
  const check = db();
  try {
    return check
      .prepare('SELECT COUNT(*) FROM tickets WHERE request_id = ?')
      .pluck()
      .get(requestId) as number;
  } finally {
    check.close();
  }
}

function db(): Database.Database {
  return new Database(server.dbFile, { readonly: true, fileMustExist: true });
}

describe('network faults', () => {
  it('a kiosk cut off mid-issue retries with the same request id and gets one ticket', async () => {
    let savedButUnheard = 0;
    for (let i = 0; i < 20; i += 1) {
      const requestId = newRequestId();
      tally.add({ faultsInjected: 1 });
      const first = issueOne(kiosk.socket, requestId).catch(() => null);
      // Cut at a different moment each time: before, during or after the server's answer.
      if (i % 3 === 1) await new Promise((wake) => setImmediate(wake));
      if (i % 3 === 2) await new Promise((wake) => setTimeout(wake, 2));
      await cutTransport(kiosk.socket);
      const heard = await first;
      await reconnect(kiosk.socket);
      const saved = countWithRequest(requestId);
      if (!heard && saved === 1) savedButUnheard += 1;
      const retry = await issueOne(kiosk.socket, requestId);
      if (!retry.ok) throw new Error(retry.error.code);
      if (heard?.ok) expect(retry.data.ticket.id).toBe(heard.data.ticket.id);
      expect(countWithRequest(requestId)).toBe(1);
      tally.add({ faultsSurvived: 1, ticketsAcknowledged: 1 });
    }
    // The cut really fell between saving and answering at least once.
    expect(savedButUnheard).toBeGreaterThan(0);
  });

  it('a console cut off right after call-next learns its ticket from counter:current', async () => {
    for (let i = 0; i < 15; i += 1) await issueOne(kiosk.socket);
    const staff = await staffAtWindow(server.url, 'staff', server.credentials.staff.password, windowId(3));
    let learnedAfterLoss = 0;
    for (let i = 0; i < 15; i += 1) {
      tally.add({ faultsInjected: 1 });
      const pressed = emitAck<TicketView>(staff.socket, 'counter:callNext').catch(() => null);
      if (i % 2 === 1) await new Promise((wake) => setImmediate(wake));
      await cutTransport(staff.socket);
      const heard = await pressed;
      await reconnect(staff.socket);
      const now = await emitAck<{ ticket: TicketView | null }>(staff.socket, 'counter:current');
      if (!now.ok) throw new Error(now.error.code);
      const check = db();
      const held = check
        .prepare('SELECT current_ticket_id AS id FROM windows WHERE id = ?')
        .get(windowId(3)) as { id: number | null };
      check.close();
      expect(now.data.ticket?.id ?? null).toBe(held.id);
      if (heard?.ok) expect(now.data.ticket?.id).toBe(heard.data.id);
      if (!heard && now.data.ticket) learnedAfterLoss += 1;
      // The console carries on with the ticket it learned about; a lost press just retries.
      const ticket = now.data.ticket ?? (await emitAck<TicketView>(staff.socket, 'counter:callNext'));
      const id = 'id' in ticket ? ticket.id : ticket.ok ? ticket.data.id : -1;
      expect((await emitAck(staff.socket, 'counter:noShow', { ticketId: id })).ok).toBe(true);
      tally.add({ faultsSurvived: 1 });
    }
    // The call was saved but its answer lost at least once, and the console still learned it.
    expect(learnedAfterLoss).toBeGreaterThan(0);
    staff.close();
    const check = db();
    expect(tally.integrity(queueProblems(check))).toEqual([]);
    check.close();
  });

  it('a display offline while 60 calls happen shows the right calls when it returns', async () => {
    for (let i = 0; i < 60; i += 1) await issueOne(kiosk.socket);
    const display = mirrorHall(
      reconnectingSocket(server.url, { role: 'display', deviceKey: server.credentials.displayKey }),
    );
    await display.waitForSnapshot(0);
    const staff = await staffAtWindow(server.url, 'staff', server.credentials.staff.password, windowId(3));
    const other = await staffAtWindow(server.url, 'w4', 'w4-pass', windowId(4));
    tally.add({ faultsInjected: 1 });
    display.socket.disconnect();
    const lastCalls: number[] = [];
    for (let i = 0; i < 30; i += 1) {
      for (const s of [staff, other]) {
        const called = await emitAck<TicketView>(s.socket, 'counter:callNext');
        if (!called.ok) throw new Error(called.error.code);
        lastCalls.unshift(called.data.id);
        await emitAck(s.socket, 'counter:noShow', { ticketId: called.data.id });
      }
    }
    const seen = display.snapshotsReceived();
    display.socket.connect();
    await display.waitForSnapshot(seen);
    const fresh = await expectMirrorsServer(display);
    const mine = display.state()!;
    expect(mine.recentCalls.map((c) => c.ticketId)).toEqual(lastCalls.slice(0, mine.recentCalls.length));
    expect(mine.recentCalls.length).toBe(12);
    expect(drawn(mine)).toEqual(drawn(fresh));
    tally.add({ faultsSurvived: 1, ticketsAcknowledged: lastCalls.length });
    for (const c of [staff, other, display]) c.close();
  });

  it('screens whose transport is cut again and again during a load still match the server', async () => {
    const session = await login(server.url, 'admin', server.credentials.admin.password);
    const screens = [
      mirrorHall(
        reconnectingSocket(server.url, { role: 'display', deviceKey: server.credentials.displayKey }),
      ),
      mirrorHall(reconnectingSocket(server.url, { role: 'admin', sessionToken: session.token })),
    ];
    await Promise.all(screens.map((s) => s.waitForSnapshot(0)));
    const staff = await staffAtWindow(server.url, 'staff', server.credentials.staff.password, windowId(3));
    for (let round = 0; round < 10; round += 1) {
      const work = (async () => {
        for (let i = 0; i < 6; i += 1) {
          await issueOne(kiosk.socket);
          const called = await emitAck<TicketView>(staff.socket, 'counter:callNext');
          if (called.ok) await emitAck(staff.socket, 'counter:noShow', { ticketId: called.data.id });
        }
      })();
      await new Promise((wake) => setTimeout(wake, Math.random() * 20));
      const victim = screens[round % 2]!;
      tally.add({ faultsInjected: 1 });
      victim.socket.io.engine.close();
      await work;
      await expectMirrorsServer(victim, 8000);
      tally.add({ faultsSurvived: 1 });
    }
    for (const s of screens) await expectMirrorsServer(s);
    const snapshot: HallSnapshot = screens[0]!.state()!;
    expect(snapshot.activeTickets.length).toBeGreaterThan(0);
    staff.close();
    screens.forEach((s) => s.close());
  });
});
