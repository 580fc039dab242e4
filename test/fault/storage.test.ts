// Storage faults on the live database: disk full (max_page_count pinned at the current size) and
// a read-only file (query_only). The client must get STORAGE_FAILURE, nothing half-saved may stay
// (no ticket, no event, no sequence bump, no version bump), reads go on, the admin is told, and
// everything works again - numbering continuing with no gap - when space or write access returns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HallSnapshot, IssuedTicket, TicketView } from '@hall/shared/contracts/entities';
import type { Result } from '@hall/shared/contracts/errors';
import type { ServerToClientEvents } from '@hall/shared/contracts/events';
import { startTestServer, type TestServer } from '../support/testServer';
import {
  connectClient,
  connectRaw,
  emitAck,
  login,
  newRequestId,
  nextEvent,
  staffAtWindow,
  type ConnectedClient,
} from '../support/clients';
import { queueProblems } from './support/invariants';
import { createTally } from './support/tally';

type StorageNotice = Parameters<ServerToClientEvents['storage:faulted']>[0];
const tally = createTally('storage (disk full, read-only)');
let offset = 0;
let server: TestServer;
let kiosk: ConnectedClient;
let admin: ConnectedClient;
const notices: StorageNotice[] = [];
let serviceA: number;
let adminToken = '';

beforeAll(async () => {
  server = await startTestServer({ clock: () => Date.now() + offset });
  kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey });
  serviceA = kiosk.snapshot.services.find((s) => s.code === 'A')!.id;
  const session = await login(server.url, 'admin', server.credentials.admin.password);
  adminToken = session.token;
  admin = await connectClient(server.url, { role: 'admin', sessionToken: session.token });
  admin.socket.on('storage:faulted', (notice) => notices.push(notice));
});
afterAll(async () => {
  kiosk.close();
  admin.close();
  await server.close();
});

const db = () => server.app.repos.db;
const issue = () =>
  emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', { requestId: newRequestId(), serviceId: serviceA });

/** Everything a half-done issue or call could leave behind. */
function fingerprint(): string {
  const count = (sql: string) => db().prepare(sql).pluck().get();
  return JSON.stringify([
    count('SELECT COUNT(*) FROM tickets'),
    count('SELECT COUNT(*) FROM events'),
    count('SELECT COALESCE(SUM(last_sequence), 0) FROM ticket_sequences'),
    count('SELECT version FROM halls'),
    count("SELECT COUNT(*) FROM tickets WHERE state = 'waiting'"),
    db().prepare('SELECT id, state, current_ticket_id FROM windows ORDER BY id').all(),
  ]);
}

const lastSequence = (): number =>
  db().prepare('SELECT MAX(sequence) FROM tickets WHERE service_id = ?').pluck().get(serviceA) as number;

function expectLegalQueue(): void {
  expect(tally.integrity(queueProblems(db()))).toEqual([]);
}

async function waitFor<T>(read: () => T | undefined, ms = 2000): Promise<T | undefined> {
  const until = Date.now() + ms;
  for (;;) {
    const value = read();
    if (value !== undefined || Date.now() > until) return value;
    await new Promise((wake) => setTimeout(wake, 25));
  }
}

describe('disk full', () => {
  it('refuses with STORAGE_FAILURE, leaves nothing half-saved, and numbering continues once space returns', async () => {
    const pages = db().pragma('page_count', { simple: true }) as number;
    tally.add({ faultsInjected: 1 });
    db().pragma(`max_page_count = ${pages}`);
    let refused: Result<IssuedTicket> | null = null;
    let before = '';
    try {
      // Free room in the last pages takes a few tickets; then the file has to grow and cannot.
      for (let i = 0; i < 2000 && !refused; i += 1) {
        before = fingerprint();
        const r = await issue();
        if (!r.ok) refused = r;
      }
      expect(refused && !refused.ok && refused.error.code).toBe('STORAGE_FAILURE');
      expect(fingerprint()).toBe(before);
      // Still full: every retry is refused the same way and changes nothing.
      for (let i = 0; i < 5; i += 1) {
        const again = await issue();
        expect(!again.ok && again.error.code).toBe('STORAGE_FAILURE');
      }
      expect(fingerprint()).toBe(before);
      // An admin who opens the console now is told at once, not only at the next failed write.
      const late = connectRaw(server.url, { role: 'admin', sessionToken: adminToken });
      const greeting = await nextEvent(late, 'storage:faulted');
      expect(greeting.fault?.code).toBe('SQLITE_FULL');
      late.close();
    } finally {
      db().pragma('max_page_count = 1073741823');
    }
    const last = lastSequence();
    const next = await issue();
    if (!next.ok) throw new Error(next.error.code);
    expect(next.data.ticket.sequence).toBe(last + 1);
    expectLegalQueue();
    tally.add({ faultsSurvived: 1, ticketsAcknowledged: last + 1 });
  });
});

describe('read-only database', () => {
  it('refuses writes with STORAGE_FAILURE, keeps serving reads, and recovers', async () => {
    for (let i = 0; i < 3; i += 1) await issue();
    const staff = await staffAtWindow(
      server.url,
      'staff',
      server.credentials.staff.password,
      kiosk.snapshot.windows.find((w) => w.number === 3)!.id,
    );
    const snapshotBefore = await emitAck<HallSnapshot>(kiosk.socket, 'hall:sync');
    const before = fingerprint();
    tally.add({ faultsInjected: 1 });
    db().pragma('query_only = 1');
    try {
      const issued = await issue();
      const called = await emitAck<TicketView>(staff.socket, 'counter:callNext');
      const signIn = await fetch(`${server.url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'staff', password: server.credentials.staff.password }),
      });
      const signInResult = (await signIn.json()) as Result<unknown>;
      expect(!issued.ok && issued.error.code).toBe('STORAGE_FAILURE');
      expect(!called.ok && called.error.code).toBe('STORAGE_FAILURE');
      expect(signIn.status).toBe(503);
      expect(!signInResult.ok && signInResult.error.code).toBe('STORAGE_FAILURE');
      expect(fingerprint()).toBe(before);
      // Screens keep reading the hall as it was.
      const during = await emitAck<HallSnapshot>(kiosk.socket, 'hall:sync');
      expect(during.ok && during.data.version).toBe(snapshotBefore.ok && snapshotBefore.data.version);
    } finally {
      db().pragma('query_only = 0');
    }
    const last = lastSequence();
    const called = await emitAck<TicketView>(staff.socket, 'counter:callNext');
    expect(called.ok && called.data.state).toBe('called');
    const next = await issue();
    expect(next.ok && next.data.ticket.sequence).toBe(last + 1);
    staff.close();
    expectLegalQueue();
    tally.add({ faultsSurvived: 1 });
  });

  it('a display connecting while the database is read-only still gets the hall, and the server stays up', async () => {
    tally.add({ faultsInjected: 1 });
    db().pragma('query_only = 1');
    let outcome: string;
    try {
      const display = await connectClient(
        server.url,
        { role: 'display', deviceKey: server.credentials.displayKey },
        2000,
      );
      outcome = `snapshot v${display.snapshot.version}`;
      display.close();
    } catch (error) {
      outcome = (error as Error).message;
    } finally {
      db().pragma('query_only = 0');
    }
    expect(outcome).toMatch(/^snapshot v\d+$/);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    tally.add({ faultsSurvived: 1 });
  });

  it('staff reconnecting while the database is read-only are not told their sign-in is invalid', async () => {
    const session = await login(server.url, 'staff', server.credentials.staff.password);
    // Past the point where the server refreshes a session's last-seen time (a write).
    offset += 2 * 60_000;
    tally.add({ faultsInjected: 1 });
    db().pragma('query_only = 1');
    let outcome: string;
    try {
      const console = await connectClient(server.url, { role: 'staff', sessionToken: session.token }, 2000);
      outcome = 'connected';
      console.close();
    } catch (error) {
      outcome = (error as Error).message;
    } finally {
      db().pragma('query_only = 0');
    }
    expect(outcome).toBe('connected');
    tally.add({ faultsSurvived: 1 });
  });
});

describe('the admin', () => {
  it('is told when a write fails for lack of storage, and again when writes work', async () => {
    notices.length = 0;
    tally.add({ faultsInjected: 1 });
    db().pragma('query_only = 1');
    try {
      const refused = await issue();
      expect(!refused.ok && refused.error.code).toBe('STORAGE_FAILURE');
      const fault = await waitFor(() => notices.find((n) => n.fault !== null));
      expect(fault?.fault).toMatchObject({ code: 'SQLITE_READONLY', command: 'ticket:issue' });
    } finally {
      db().pragma('query_only = 0');
    }
    expect((await issue()).ok).toBe(true);
    const cleared = await waitFor(() => notices.find((n) => n.fault === null));
    expect(cleared).toEqual({ fault: null });
    tally.add({ faultsSurvived: 1 });
  });
});
