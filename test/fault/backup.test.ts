// Online backup under load: `npm run backup` copies the database of a running server (a separate
// process) while a kiosk issues and windows call; `npm run restore -- <file>` puts the copy into a
// fresh data folder and a server started on it shows exactly the queue of one moment during the
// backup: every ticket acknowledged before the backup began, every event up to a point and none
// after, each ticket in the state its events lead to, and numbering that continues from there.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HallSnapshot, IssuedTicket } from '@hall/shared/contracts/entities';
import { createServerPrinter } from '../../server/src/printing/createServerPrinter';
import { startServer } from '../../server/src/server';
import { startChildServer, type ChildServer } from '../support/childServer';
import { connectClient, emitAck, newRequestId, staffAtWindow } from '../support/clients';
import { REPO_ROOT, testHallConfig } from '../support/testServer';
import { queueProblems } from './support/invariants';
import { counterLoop, issueLoop, newLedger } from './support/workers';
import { createTally } from './support/tally';

const tally = createTally('backup and restore under load');
let server: ChildServer;
const freshDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hall-restored-'));

beforeAll(async () => {
  server = await startChildServer();
}, 60_000);
afterAll(async () => {
  await server?.close();
  fs.rmSync(freshDir, { recursive: true, force: true });
});

/** Runs an npm script of the project with DATA_DIR pointing at `dataDir`; resolves with its output. */
function npmRun(args: string[], dataDir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATA_DIR: dataDir },
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`npm run ${args.join(' ')} exited ${code}:\n${output}`)),
    );
  });
}

interface EventRow {
  id: number;
  ticket_id: number | null;
  type: string;
  at: number;
}
const IMMUTABLE = 'id, service_id, sequence, number, issued_at, status_token, request_id';

describe('online backup', () => {
  it('copies a consistent moment of a busy hall, and a server restored from it carries on', async () => {
    const kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.kioskKey });
    const ids = Object.fromEntries(kiosk.snapshot.services.map((s) => [s.code, s.id]));
    const staff = await staffAtWindow(
      server.url,
      'staff',
      server.passwords.staff,
      kiosk.snapshot.windows.find((w) => w.number === 3)!.id,
    );
    const ledger = newLedger();
    let stopped = false;
    const load = Promise.all([
      issueLoop(kiosk.socket, [ids.A!, ids.B!], ledger, () => stopped),
      counterLoop(
        staff.socket,
        staff.snapshot.windows.find((w) => w.number === 3)!.id,
        ledger,
        () => stopped,
      ),
    ]);
    await new Promise((wake) => setTimeout(wake, 300));
    const ackedBefore = [...ledger.allowed.keys()];
    tally.add({ faultsInjected: 1 });
    const output = await npmRun(['backup'], server.dataDir);
    const ackedDuring = ledger.acked;
    // Let the load go on until at least one more change is acknowledged after the backup (on a
    // busy machine that can take longer than a fixed pause).
    for (let waited = 0; ledger.acked <= ackedDuring + 2 && waited < 10_000; waited += 50) {
      await new Promise((wake) => setTimeout(wake, 50));
    }
    stopped = true;
    await load;
    kiosk.close();
    staff.close();
    const backupFile = /Backup written: (\S+)/.exec(output)?.[1];
    expect(backupFile, output).toBeDefined();
    // The load really ran while the backup was taken.
    expect(ackedBefore.length).toBeGreaterThan(5);
    expect(ledger.acked).toBeGreaterThan(ackedDuring);

    const live = new Database(path.join(server.dataDir, 'hall.sqlite'), { readonly: true });
    const copy = new Database(backupFile!, { readonly: true });
    try {
      const copiedEvents = copy
        .prepare('SELECT id, ticket_id, type, at FROM events ORDER BY id')
        .all() as EventRow[];
      const lastEvent = copiedEvents.at(-1)!.id;
      expect(copiedEvents).toEqual(
        live.prepare('SELECT id, ticket_id, type, at FROM events WHERE id <= ? ORDER BY id').all(lastEvent),
      );
      expect(
        (live.prepare('SELECT COUNT(*) FROM events').pluck().get() as number) > copiedEvents.length,
      ).toBe(true);
      const copiedTickets = copy.prepare(`SELECT ${IMMUTABLE} FROM tickets ORDER BY id`).all() as {
        id: number;
      }[];
      const lastTicket = copiedTickets.at(-1)!.id;
      expect(copiedTickets).toEqual(
        live.prepare(`SELECT ${IMMUTABLE} FROM tickets WHERE id <= ? ORDER BY id`).all(lastTicket),
      );
      const copiedIds = new Set(copiedTickets.map((t) => t.id));
      const missing = ackedBefore.filter((id) => !copiedIds.has(id));
      tally.add({ ticketsAcknowledged: ackedBefore.length, ticketsLost: missing.length });
      expect(missing).toEqual([]);
      // Rows and events agree, numbering is whole: the copy is one moment, not a blend.
      expect(tally.integrity(queueProblems(copy))).toEqual([]);
    } finally {
      live.close();
      copy.close();
    }

    const restoreOutput = await npmRun(['restore', '--', backupFile!], freshDir);
    expect(restoreOutput).toContain('Restored');
    const restoredFile = path.join(freshDir, 'hall.sqlite');
    const expected = new Database(backupFile!, { readonly: true });
    const activeThen = expected
      .prepare(
        "SELECT id, state FROM tickets WHERE state IN ('waiting','called','serving','no_show') ORDER BY id",
      )
      .all() as { id: number; state: string }[];
    const lastA = expected
      .prepare('SELECT MAX(sequence) FROM tickets WHERE service_id = ? AND source != ?')
      .pluck()
      .get(ids.A, 'transfer') as number;
    expected.close();

    const restored = await startServer({
      dbFile: restoredFile,
      webRoot: path.join(REPO_ROOT, 'dist', 'web'),
      port: 0,
      host: '127.0.0.1',
      hallConfig: testHallConfig(),
      printer: createServerPrinter(freshDir, { interface: 'virtual', widthColumns: 48 }),
      synchronous: 'NORMAL',
      // A backup opens with the key file of the server it came from (README › Privacy).
      keyFile: server.keyFile,
    });
    try {
      expect(restored.credentials).toBeNull();
      const again = await connectClient(restored.url, { role: 'kiosk', deviceKey: server.kioskKey });
      const sync = await emitAck<HallSnapshot>(again.socket, 'hall:sync');
      expect(sync.ok && sync.data.activeTickets.map((t) => ({ id: t.id, state: t.state }))).toEqual(
        activeThen,
      );
      const next = await emitAck<IssuedTicket>(again.socket, 'ticket:issue', {
        requestId: newRequestId(),
        serviceId: ids.A!,
      });
      expect(next.ok && next.data.ticket.sequence).toBe(lastA + 1);
      again.close();
    } finally {
      await restored.close();
    }
    tally.add({ faultsSurvived: 1 });
  }, 90_000);
});
