// Renumbering a hall on import, on a small schema of its own: a reference is covered as soon as
// it is a declared foreign key (a new table needs no code), a column or JSON key that looks like
// an id and is classified nowhere makes the import refuse (nothing written), and ids move by the
// target table's largest id so their order is kept.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { Db } from '../sqlDatabase';
import { exportHall, importHall, type ParsedFile } from './hallTransfer';
import { columnRules } from './idReferences';
import { renumberFile } from './renumber';
import { hallTables } from './schemaTables';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hall-renumber-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function database(name: string, extra = ''): Db {
  const db = new Database(path.join(dir, name));
  db.pragma('foreign_keys = ON');
  db.exec(`
    CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL);
    INSERT INTO schema_migrations VALUES (1, 'test', 0);
    CREATE TABLE field_keys (key_id TEXT PRIMARY KEY, check_value TEXT NOT NULL, added_at INTEGER NOT NULL, retired_at INTEGER);
    CREATE TABLE halls (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE);
    CREATE TABLE services (id INTEGER PRIMARY KEY, hall_id INTEGER NOT NULL REFERENCES halls(id), code TEXT NOT NULL);
    CREATE TABLE tickets (id INTEGER PRIMARY KEY, hall_id INTEGER NOT NULL REFERENCES halls(id),
      service_id INTEGER NOT NULL REFERENCES services(id), transferred_from_id INTEGER REFERENCES tickets(id),
      number TEXT NOT NULL);
    CREATE TABLE events (id INTEGER PRIMARY KEY, hall_id INTEGER NOT NULL, ticket_id INTEGER,
      type TEXT NOT NULL, payload_json TEXT NOT NULL);
    ${extra}
  `);
  return db;
}

function hallWithDay(db: Db, hallId: number, code: string, payload = '{"serviceId":1,"toTicketId":2}'): void {
  db.exec(`
    INSERT INTO halls VALUES (${hallId}, '${code}');
    INSERT INTO services VALUES (1, ${hallId}, 'A');
    INSERT INTO tickets VALUES (1, ${hallId}, 1, NULL, 'A001'), (2, ${hallId}, 1, 1, 'A002');
    INSERT INTO events VALUES (1, ${hallId}, 1, 'transferred', '${payload}'), (2, ${hallId}, NULL, 'other', '{"note":"x"}');
  `);
}

const rows = (db: Db, sql: string) => db.prepare(sql).all();

describe('importing a hall whose ids are taken', () => {
  it('gives it new ids and rewrites foreign keys, its own references, id columns and JSON ids', () => {
    const source = database('a.sqlite');
    hallWithDay(source, 1, 'b');
    const file = path.join(dir, 'a.jsonl');
    exportHall(source, 1, file);
    const target = database('a-target.sqlite');
    hallWithDay(target, 1, 'a');
    const counts = importHall(target, file);
    expect(counts.renumbered).toMatchObject({ fromHallId: 1, toHallId: 2 });
    expect(rows(target, 'SELECT * FROM tickets WHERE hall_id = 2 ORDER BY id')).toEqual([
      { id: 3, hall_id: 2, service_id: 2, transferred_from_id: null, number: 'A001' },
      { id: 4, hall_id: 2, service_id: 2, transferred_from_id: 3, number: 'A002' },
    ]);
    expect(rows(target, 'SELECT * FROM events WHERE hall_id = 2 ORDER BY id')).toEqual([
      {
        id: 3,
        hall_id: 2,
        ticket_id: 3,
        type: 'transferred',
        payload_json: '{"serviceId":2,"toTicketId":4}',
      },
      // Text without ids stays byte for byte.
      { id: 4, hall_id: 2, ticket_id: null, type: 'other', payload_json: '{"note":"x"}' },
    ]);
    source.close();
    target.close();
  });

  it('covers a new table’s declared foreign key without code, and refuses an unclassified id column', () => {
    const db = database(
      'new-tables.sqlite',
      `CREATE TABLE gadgets (id INTEGER PRIMARY KEY, hall_id INTEGER NOT NULL REFERENCES halls(id),
         ticket_id INTEGER REFERENCES tickets(id), made_by INTEGER);`,
    );
    const gadgets = hallTables(db).find((t) => t.name === 'gadgets')!;
    expect(() => columnRules(gadgets)).toThrow(/gadgets\.made_by look like ids but are not classified/);
    db.exec('DROP TABLE gadgets');
    db.exec(`CREATE TABLE gadgets (id INTEGER PRIMARY KEY, hall_id INTEGER NOT NULL REFERENCES halls(id),
       ticket_id INTEGER REFERENCES tickets(id), made_by INTEGER REFERENCES services(id))`);
    const rules = columnRules(hallTables(db).find((t) => t.name === 'gadgets')!).rules;
    expect(Object.fromEntries(rules)).toEqual({
      id: { kind: 'ownId' },
      hall_id: { kind: 'hall' },
      ticket_id: { kind: 'id', table: 'tickets' },
      made_by: { kind: 'id', table: 'services' },
    });
    db.close();
  });

  it('refuses, writing nothing, a JSON id it does not know', () => {
    const source = database('unknown-key.sqlite');
    hallWithDay(source, 1, 'b', '{"gizmoId":7}');
    const file = path.join(dir, 'unknown-key.jsonl');
    exportHall(source, 1, file);
    const target = database('unknown-key-target.sqlite');
    hallWithDay(target, 1, 'a');
    expect(() => importHall(target, file)).toThrow(
      /cannot renumber: events\.payload_json\.gizmoId looks like an id/,
    );
    expect(rows(target, 'SELECT id FROM halls')).toEqual([{ id: 1 }]);
    expect(rows(target, 'SELECT COUNT(*) AS n FROM events')).toEqual([{ n: 2 }]);
    source.close();
    target.close();
  });

  it('keeps the ids when they are free there, and renumbers anyway with renumber', () => {
    const source = database('free.sqlite');
    hallWithDay(source, 5, 'e');
    const file = path.join(dir, 'free.jsonl');
    exportHall(source, 5, file);
    const kept = database('free-target.sqlite');
    expect(importHall(kept, file).renumbered).toBeUndefined();
    expect(rows(kept, 'SELECT id FROM halls')).toEqual([{ id: 5 }]);
    const forced = database('forced-target.sqlite');
    hallWithDay(forced, 1, 'a');
    forced.exec("DELETE FROM events; DELETE FROM tickets; DELETE FROM services; UPDATE halls SET code = 'a'");
    const counts = importHall(forced, file, { renumber: true });
    expect(counts.renumbered).toMatchObject({ fromHallId: 5, toHallId: 6 });
    expect(rows(forced, 'SELECT id, hall_id FROM services')).toEqual([{ id: 1, hall_id: 6 }]);
    source.close();
    kept.close();
    forced.close();
  });
});

describe('ids inside audit details and the access log', () => {
  it('maps the target by the action, id-named changes, older shapes, and records by their kind', () => {
    const db = database(
      'audit.sqlite',
      `CREATE TABLE windows (id INTEGER PRIMARY KEY, hall_id INTEGER NOT NULL REFERENCES halls(id));
       CREATE TABLE home_visits (id INTEGER PRIMARY KEY, hall_id INTEGER NOT NULL REFERENCES halls(id));
       CREATE TABLE appointments (id INTEGER PRIMARY KEY, hall_id INTEGER NOT NULL REFERENCES halls(id));
       CREATE TABLE staff (id INTEGER PRIMARY KEY, hall_id INTEGER NOT NULL REFERENCES halls(id));
       CREATE TABLE audit_log (id INTEGER PRIMARY KEY, hall_id INTEGER NOT NULL, staff_id INTEGER,
         action TEXT NOT NULL, detail_json TEXT NOT NULL);
       CREATE TABLE access_log (id INTEGER PRIMARY KEY, hall_id INTEGER NOT NULL, staff_id INTEGER,
         record_kind TEXT NOT NULL, record_id INTEGER, detail_json TEXT NOT NULL);
       ALTER TABLE windows ADD COLUMN service_ids_json TEXT;
       ALTER TABLE tickets ADD COLUMN requeue_hold_json TEXT;`,
    );
    const rules = new Map(hallTables(db).map((t) => [t.name, columnRules(t)]));
    const offsets = new Map(
      [
        'services',
        'tickets',
        'events',
        'windows',
        'home_visits',
        'appointments',
        'staff',
        'audit_log',
        'access_log',
      ].map((t, i) => [t, (i + 1) * 100]),
    );
    const audit = [
      {
        target: { id: 2, label: '2' },
        changes: [
          { field: 'serviceIds', from: [1], to: [1, 2] },
          { field: 'name', to: 'x' },
        ],
      },
      { id: 2, serviceIds: [3] },
      { before: { id: 2, number: 2 }, after: { id: 2, number: 3 } },
      { target: { id: null, label: null }, changes: [{ field: 'mixRatio', from: 2, to: 3 }] },
    ];
    const file: ParsedFile = {
      header: {
        format: 'hall-queue/hall-export',
        schemaVersion: 1,
        hallId: 1,
        hallCode: 'a',
        exportedAt: '',
        fieldKeys: [],
      },
      tables: [
        {
          table: 'audit_log',
          columns: ['action', 'detail_json', 'hall_id', 'id', 'staff_id'],
          deferred: [],
          rows: [
            ['window.update', JSON.stringify(audit[0]), 1, 1, 5],
            ['window.update', JSON.stringify(audit[1]), 1, 2, null],
            ['window.update', JSON.stringify(audit[2]), 1, 3, null],
            ['rules.update', JSON.stringify(audit[3]), 1, 4, null],
          ],
        },
        {
          table: 'access_log',
          columns: ['detail_json', 'hall_id', 'id', 'record_id', 'record_kind', 'staff_id'],
          deferred: [],
          rows: [
            ['{}', 1, 1, 4, 'home_visit', 5],
            ['{"recordIds":[4,6]}', 1, 2, null, 'appointment', 5],
          ],
        },
      ],
    };
    file.tables.push(
      {
        table: 'windows',
        columns: ['hall_id', 'id', 'service_ids_json'],
        deferred: [],
        rows: [[1, 2, '[1,3]']],
      },
      {
        table: 'tickets',
        columns: ['hall_id', 'id', 'number', 'requeue_hold_json', 'service_id', 'transferred_from_id'],
        deferred: [],
        rows: [[1, 7, 'A007', '{"before":[5,6],"left":1}', 1, null]],
      },
    );
    const moved = renumberFile(file, { fromHallId: 1, toHallId: 9, offsets }, rules);
    // A window's services, and the tickets a returned no-show waits behind.
    expect(moved.tables[2]!.rows).toEqual([[9, 402, '[101,103]']]);
    expect(moved.tables[3]!.rows).toEqual([[9, 207, 'A007', '{"before":[205,206],"left":1}', 101, null]]);
    const [auditRows, accessRows] = moved.tables;
    expect(auditRows!.rows.map((r) => [r[4], JSON.parse(String(r[1]))])).toEqual([
      [
        705,
        {
          target: { id: 402, label: '2' },
          changes: [
            { field: 'serviceIds', from: [101], to: [101, 102] },
            { field: 'name', to: 'x' },
          ],
        },
      ],
      [null, { id: 402, serviceIds: [103] }],
      [null, { before: { id: 402, number: 2 }, after: { id: 402, number: 3 } }],
      [null, audit[3]],
    ]);
    // Untouched JSON is kept as written.
    expect(auditRows!.rows[3]![1]).toBe(JSON.stringify(audit[3]));
    expect(accessRows!.rows).toEqual([
      ['{}', 9, 901, 504, 'home_visit', 705],
      ['{"recordIds":[604,606]}', 9, 902, null, 'appointment', 705],
    ]);
    db.close();
  });
});
