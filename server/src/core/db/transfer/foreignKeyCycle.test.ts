// Moving a hall whose tables reference each other (tickets ⇄ appointments, issue 17): the reference
// that closes the cycle is imported as NULL and set once both tables' rows are in, with SQLite's
// foreign keys checked on every statement.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { Db } from '../sqlDatabase';
import { exportHall, importHall, readTransferFile } from './hallTransfer';
import { hallTables } from './schemaTables';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hall-transfer-cycle-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function database(name: string): Db {
  const db = new Database(path.join(dir, name));
  db.pragma('foreign_keys = ON');
  db.exec(`
    CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL);
    INSERT INTO schema_migrations VALUES (1, 'test', 0);
    CREATE TABLE field_keys (key_id TEXT PRIMARY KEY, check_value TEXT NOT NULL, added_at INTEGER NOT NULL, retired_at INTEGER);
    CREATE TABLE halls (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE);
    CREATE TABLE tickets (id INTEGER PRIMARY KEY, hall_id INTEGER NOT NULL REFERENCES halls(id),
      number TEXT NOT NULL, appointment_id INTEGER REFERENCES appointments(id));
    CREATE TABLE appointments (id INTEGER PRIMARY KEY, hall_id INTEGER NOT NULL REFERENCES halls(id),
      code TEXT NOT NULL, ticket_id INTEGER REFERENCES tickets(id));
  `);
  return db;
}

describe('a cycle of foreign keys', () => {
  it('is broken at one reference, set after the rows are in, and the hall arrives whole', () => {
    const source = database('source.sqlite');
    source.exec(`
      INSERT INTO halls VALUES (7, 'h7');
      INSERT INTO appointments VALUES (3, 7, 'Y123', NULL);
      INSERT INTO tickets VALUES (11, 7, 'Y001', 3);
      UPDATE appointments SET ticket_id = 11 WHERE id = 3;
      INSERT INTO appointments VALUES (4, 7, 'Y124', NULL);
    `);
    const tables = hallTables(source);
    expect(tables.map((t) => t.name)).toEqual(['halls', 'tickets', 'appointments']);
    expect(tables.find((t) => t.name === 'tickets')!.deferred).toEqual(['appointment_id']);
    const file = path.join(dir, 'h7.jsonl');
    exportHall(source, 7, file);
    const target = database('target.sqlite');
    importHall(target, file);
    expect(target.prepare('SELECT * FROM appointments ORDER BY id').all()).toEqual(
      source.prepare('SELECT * FROM appointments ORDER BY id').all(),
    );
    expect(target.prepare('SELECT * FROM tickets').all()).toEqual([
      { id: 11, hall_id: 7, number: 'Y001', appointment_id: 3 },
    ]);
    const again = path.join(dir, 'h7-again.jsonl');
    exportHall(target, 7, again);
    expect(readTransferFile(again).tables).toEqual(readTransferFile(file).tables);
    source.close();
    target.close();
  });
});
