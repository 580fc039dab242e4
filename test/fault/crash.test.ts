// Repeated SIGKILL of the real server process during a mixed load (kiosk issues, windows calling,
// starting, finishing, marking no-shows). After every restart: every acknowledged ticket and state
// change is on disk, numbering has no gap or duplicate, a display and a staff console that stayed
// connected (reconnecting by themselves) show exactly what a fresh hall:sync shows, and the console
// learns its window's ticket from counter:current. Complements test/server/crashRecovery.test.ts.
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedTicket, TicketView } from '@hall/shared/contracts/entities';
import { startChildServer, type ChildServer } from '../support/childServer';
import { connectClient, emitAck, login, staffAtWindow } from '../support/clients';
import { allTickets, queueProblems } from './support/invariants';
import { expectMirrorsServer, mirrorHall, reconnectingSocket, type HallMirror } from './support/hallMirror';
import { counterLoop, issueLoop, newLedger, type Ledger } from './support/workers';
import { createTally } from './support/tally';
import { BUDGET } from './support/mode';

/** 10 SIGKILLs in `npm test`, 100 in `npm run test:faults` (support/mode.ts). */
const ROUNDS = BUDGET.kills;
const tally = createTally('crash (SIGKILL under mixed load)');
let server: ChildServer;
let display: HallMirror;
let consoleMirror: HallMirror;

beforeAll(async () => {
  server = await startChildServer();
  const session = await login(server.url, 'staff', server.passwords.staff);
  display = mirrorHall(reconnectingSocket(server.url, { role: 'display', deviceKey: server.displayKey }));
  consoleMirror = mirrorHall(reconnectingSocket(server.url, { role: 'staff', sessionToken: session.token }));
  await Promise.all([display.waitForSnapshot(0), consoleMirror.waitForSnapshot(0)]);
}, 60_000);
afterAll(async () => {
  display?.close();
  consoleMirror?.close();
  await server?.close();
});

function openDb(): Database.Database {
  return new Database(path.join(server.dataDir, 'hall.sqlite'), { readonly: true, fileMustExist: true });
}

/** One round of load, cut short by SIGKILL at a random moment. */
async function loadAndKill(ledger: Ledger): Promise<void> {
  const kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.kioskKey });
  const ids = Object.fromEntries(kiosk.snapshot.services.map((s) => [s.code, s.id]));
  const windowId = (n: number) => kiosk.snapshot.windows.find((w) => w.number === n)!.id;
  const staff = await staffAtWindow(server.url, 'staff', server.passwords.staff, windowId(3));
  const admin = await staffAtWindow(server.url, 'admin', server.passwords.admin, windowId(5));
  let stopped = false;
  const stop = () => stopped;
  const load = Promise.all([
    issueLoop(kiosk.socket, [ids.A!, ids.B!, ids.C!], ledger, stop),
    counterLoop(staff.socket, windowId(3), ledger, stop),
    counterLoop(admin.socket, windowId(5), ledger, stop),
  ]);
  await new Promise((wake) => setTimeout(wake, 300 + Math.random() * 500));
  tally.add({ faultsInjected: 1 });
  await server.kill();
  stopped = true;
  await load;
  for (const c of [kiosk, staff, admin]) c.close();
}

/** Tickets counted in the summary so far (each once, however many rounds it lives through). */
const counted = { acknowledged: 0, lost: new Set<number>() };

/** Every acknowledged ticket is on disk in a state its acknowledgements allow. */
function checkLedger(db: Database.Database, ledger: Ledger): string[] {
  const problems: string[] = [];
  const stored = new Map(allTickets(db).map((t) => [t.id, t]));
  const lostBefore = counted.lost.size;
  const lostCallUsed = new Set<number>();
  for (const [id, allowed] of ledger.allowed) {
    const row = stored.get(id);
    if (!row) {
      counted.lost.add(id);
      problems.push(`ticket ${id} lost`);
      continue;
    }
    if (allowed.has(row.state)) continue;
    // A call-next whose answer was lost may have called one waiting ticket at that window.
    const lostCall =
      row.state === 'called' &&
      allowed.has('waiting') &&
      row.window_id !== null &&
      ledger.lostCalls.has(row.window_id);
    if (lostCall && !lostCallUsed.has(row.window_id!)) lostCallUsed.add(row.window_id!);
    else problems.push(`ticket ${id} is ${row.state}, acknowledged as ${[...allowed].join('|')}`);
  }
  tally.add({
    ticketsAcknowledged: ledger.allowed.size - counted.acknowledged,
    ticketsLost: counted.lost.size - lostBefore,
  });
  counted.acknowledged = ledger.allowed.size;
  return tally.integrity(problems);
}

describe('SIGKILL during a mixed load', () => {
  it(
    'loses nothing, keeps numbering, and screens resync after every restart',
    async () => {
      const ledger = newLedger();
      for (let round = 0; round < ROUNDS; round += 1) {
        const seenDisplay = display.snapshotsReceived();
        const seenConsole = consoleMirror.snapshotsReceived();
        await loadAndKill(ledger);
        await server.start();

        const db = openDb();
        try {
          expect(checkLedger(db, ledger)).toEqual([]);
          expect(tally.integrity(queueProblems(db))).toEqual([]);
          ledger.lostCalls.clear();
          // The kiosk retries what it never heard back about: same request id, same ticket.
          const kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.kioskKey });
          for (const requestId of ledger.unackedIssues) {
            const before = db.prepare('SELECT id FROM tickets WHERE request_id = ?').get(requestId) as
              { id: number } | undefined;
            const again = await emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
              requestId,
              serviceId: kiosk.snapshot.services[0]!.id,
            });
            if (!again.ok) throw new Error(again.error.code);
            if (before) expect(again.data.ticket.id).toBe(before.id);
            ledger.allowed.set(
              again.data.ticket.id,
              new Set(['waiting', 'called', 'serving', 'done', 'no_show']),
            );
          }
          ledger.unackedIssues.clear();
          kiosk.close();
        } finally {
          db.close();
        }

        // Screens that were connected through the crash come back on their own and match the server.
        await Promise.all([display.waitForSnapshot(seenDisplay), consoleMirror.waitForSnapshot(seenConsole)]);
        await expectMirrorsServer(display);
        await expectMirrorsServer(consoleMirror);
        const current = await emitAck<{ ticket: TicketView | null }>(consoleMirror.socket, 'counter:current');
        const check = openDb();
        try {
          const held = check
            .prepare('SELECT current_ticket_id AS id FROM windows WHERE number = 3')
            .get() as {
            id: number | null;
          };
          // The console learns its window's ticket (if any) even when the call's answer was lost.
          expect(current.ok && (current.data.ticket?.id ?? null)).toBe(held.id);
        } finally {
          check.close();
        }
        tally.add({ faultsSurvived: 1 });
      }
      // The load really ran: many acknowledged commands were checked.
      expect(ledger.acked).toBeGreaterThan(50);
    },
    60_000 + ROUNDS * 10_000,
  );
});
