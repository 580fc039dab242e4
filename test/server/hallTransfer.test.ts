// `npm run db -- export` / `import` (server/src/core/db/transfer): a hall day made through the real
// server is exported, imported into a fresh database of the other kind and exported again — the
// files must hold the same rows (ids, ticket numbers, events, audit, sealed personal fields).
// `npm test` (SQLite): SQLite → SQLite. `npm run test:pg` (the server on PostgreSQL, the city):
// PostgreSQL → a hall PC's SQLite file → a fresh PostgreSQL database.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedTicket, TicketView } from '@hall/shared/contracts/entities';
import { openDatabase, type Db } from '../../server/src/core/db/database';
import { exportHall, importHall, readTransferFile } from '../../server/src/core/db/transfer/hallTransfer';
import { columnRules } from '../../server/src/core/db/transfer/idReferences';
import {
  GLOBAL_TABLES,
  SKIPPED_HALL_TABLES,
  hallTables,
  listTables,
} from '../../server/src/core/db/transfer/schemaTables';
import { startTestServer, type TestServer } from '../support/testServer';
import { connectClient, emitAck, newRequestId, staffAtWindow, type KioskClient } from '../support/clients';
import { connectAdmin, data, PEOPLE, registerVisit } from '../support/personalData';
import { createTestPgDatabase, TEST_PG_URL, type TestPgDatabase } from '../support/pgTestDatabase';

let server: TestServer;
let dir: string;
const issued: TicketView[] = [];
const extraDatabases: TestPgDatabase[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hall-transfer-'));
  server = await startTestServer();
  const kiosk: KioskClient = await connectClient(server.url, {
    role: 'kiosk',
    deviceKey: server.credentials.kioskKey,
  });
  const staff = await staffAtWindow(
    server.url,
    'staff',
    server.credentials.staff.password,
    server.windowId(1),
  );
  const { client: admin } = await connectAdmin(server);
  try {
    const serviceA = kiosk.snapshot.services.find((s) => s.code === 'A')!.id;
    for (const priorityClass of ['normal', 'elderly', 'normal', 'normal']) {
      const result = await emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
        requestId: newRequestId(),
        serviceId: serviceA,
        priorityClass,
      });
      issued.push(data(result).ticket);
    }
    const first = data(await emitAck<TicketView>(staff.socket, 'counter:callNext'));
    data(await emitAck(staff.socket, 'counter:start', { ticketId: first.id }));
    data(
      await emitAck(staff.socket, 'counter:finish', {
        ticketId: first.id,
        marks: { proxy: true, proxyRelation: '女儿', assistedPayment: true, formHelp: false, note: '' },
      }),
    );
    const second = data(await emitAck<TicketView>(staff.socket, 'counter:callNext'));
    data(await emitAck(staff.socket, 'counter:noShow', { ticketId: second.id }));
    // A home visit: sealed personal fields and an audit entry.
    await registerVisit(admin, PEOPLE[0]!);
  } finally {
    kiosk.close();
    staff.close();
    admin.close();
  }
});

afterAll(async () => {
  await server.close();
  for (const db of extraDatabases) await db.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The file without the moment it was written: what must survive the trip. */
function contentOf(file: string) {
  const { header, tables } = readTransferFile(file);
  return { ...header, exportedAt: undefined, tables };
}

const rowsOf = (file: string, table: string) => {
  const t = readTransferFile(file).tables.find((x) => x.table === table)!;
  return t.rows.map((row) => Object.fromEntries(t.columns.map((c, i) => [c, row[i]])));
};

async function freshTarget(kind: 'sqlite' | 'postgres', name: string): Promise<Db> {
  if (kind === 'sqlite') return openDatabase(path.join(dir, `${name}.sqlite`));
  const database = await createTestPgDatabase(TEST_PG_URL!);
  extraDatabases.push(database);
  return openDatabase(database.url);
}

describe('moving a hall between databases (npm run db -- export / import)', () => {
  it('round-trips a hall day: ids, numbers, events, audit and sealed fields kept', async () => {
    const hallId = server.app.repos.halls.list()[0]!.id;
    const source = server.openDb();
    const original = path.join(dir, 'original.jsonl');
    try {
      exportHall(source, hallId, original);
    } finally {
      source.close();
    }

    // The file holds the day itself (so equal files below mean something).
    const tickets = rowsOf(original, 'tickets');
    expect(tickets.map((t) => [t.id, t.number])).toEqual(issued.map((t) => [t.id, t.number]));
    // The elderly visitor (second ticket) was called first and served; the first did not come.
    expect(tickets.map((t) => t.state)).toEqual(['no_show', 'done', 'waiting', 'waiting']);
    const eventTypes = new Set(rowsOf(original, 'events').map((e) => e.type));
    for (const type of ['issued', 'called', 'serving', 'done', 'no_show', 'home_visit'])
      expect(eventTypes).toContain(type);
    expect(rowsOf(original, 'audit_log').length).toBeGreaterThan(0);
    const [visit] = rowsOf(original, 'home_visits');
    expect(visit!.sealed).toBe(1);
    expect(JSON.stringify(visit)).not.toContain(PEOPLE[0]!.phone);
    expect(readTransferFile(original).header.fieldKeys.length).toBeGreaterThan(0);

    // Through a database of the other kind (the city ⇄ a hall PC) and back.
    const route: ('sqlite' | 'postgres')[] = server.databaseUrl ? ['sqlite', 'postgres'] : ['sqlite'];
    let previous = original;
    for (const [i, kind] of route.entries()) {
      const target = await freshTarget(kind, `step-${i}`);
      const again = path.join(dir, `step-${i}.jsonl`);
      try {
        const counts = importHall(target, previous);
        expect(counts.tables.find((t) => t.table === 'tickets')!.rows).toBe(issued.length);
        exportHall(target, hallId, again);
        // Imported twice: refused as a whole, nothing added.
        expect(() => importHall(target, previous)).toThrow(/these names already exist in this database/);
        const ticketCount = target.prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number };
        expect(Number(ticketCount.n)).toBe(issued.length);
      } finally {
        target.close();
      }
      expect(contentOf(again)).toEqual(contentOf(original));
      previous = again;
    }
  });

  it('runs as npm run db -- export / import (the command line, on the running server’s database)', () => {
    const hallId = server.app.repos.halls.list()[0]!.id;
    const cli = (...args: string[]) =>
      execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'server/src/cli/db.ts', ...args], {
        env: { ...process.env, DATA_DIR: dir, KEY_FILE: server.keyFile },
        stdio: ['ignore', 'pipe', 'pipe'],
      }).toString();
    const file = path.join(dir, 'cli.jsonl');
    const exported = cli(
      'export',
      '--hall',
      String(hallId),
      '--from',
      server.databaseUrl ?? server.dbFile,
      '--out',
      file,
    );
    expect(exported).toMatch(new RegExp(`Exported .* hall ${hallId}: \\d+ rows`));
    expect(exported).not.toMatch(/postgres:\/\/[^:\s]+:[^*@\s]+@/);
    const imported = cli('import', file, '--to', path.join(dir, 'cli-target.sqlite'));
    expect(imported).toMatch(new RegExp(`tickets\\s+${issued.length}\\n`));
    expect(() => cli('import', file, '--to', path.join(dir, 'cli-target.sqlite'))).toThrow(
      /these names already exist in this database/,
    );
  });

  it('knows every table of the schema: per hall (moved or rebuilt) or global', () => {
    const db = openDatabase(path.join(dir, 'schema.sqlite'));
    try {
      const moved = hallTables(db).map((t) => t.name);
      expect(moved[0]).toBe('halls');
      for (const t of ['tickets', 'events', 'audit_log', 'access_log', 'home_visits', 'ticket_sequences'])
        expect(moved).toContain(t);
      for (const t of listTables(db))
        expect(moved.includes(t.name) || t.name in SKIPPED_HALL_TABLES || t.name in GLOBAL_TABLES).toBe(true);
    } finally {
      db.close();
    }
  });

  it('knows every id of the schema: each column that names a row is a foreign key or classified', () => {
    // A table or column added later that holds an id the renumbering does not know fails here
    // (server/src/core/db/transfer/idReferences.ts), on SQLite and (npm run test:pg) PostgreSQL.
    const db = server.openDb();
    try {
      for (const table of hallTables(db)) expect(() => columnRules(table), table.name).not.toThrow();
      const events = columnRules(hallTables(db).find((t) => t.name === 'events')!).rules;
      expect(events.get('ticket_id')).toEqual({ kind: 'id', table: 'tickets' });
      const tickets = columnRules(hallTables(db).find((t) => t.name === 'tickets')!).rules;
      expect(tickets.get('transferred_from_id')).toEqual({ kind: 'id', table: 'tickets' });
      expect(tickets.get('appointment_id')).toEqual({ kind: 'id', table: 'appointments' });
    } finally {
      db.close();
    }
  });

  it('refuses a file that is not an export, in words', () => {
    const file = path.join(dir, 'not-an-export.jsonl');
    fs.writeFileSync(file, '{"hello":1}\n');
    const db = openDatabase(path.join(dir, 'refuses.sqlite'));
    try {
      expect(() => importHall(db, file)).toThrow(/not a hall export file/);
    } finally {
      db.close();
    }
  });
});
