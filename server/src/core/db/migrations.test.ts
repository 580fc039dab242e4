// Migrating a database made by the first schema: the staff table is rebuilt to accept city
// accounts, and every row that references staff (sessions, windows, home visits) stays intact.
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations';
import { migrate } from './database';
import { PG_MIGRATIONS } from './pgMigrations';

describe('migrations', () => {
  it('takes a first-schema database with staff references to the city role', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    db.exec(
      'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
    );
    db.exec(MIGRATIONS[0]!.sql);
    db.prepare('INSERT INTO schema_migrations VALUES (1, ?, 0)').run(MIGRATIONS[0]!.name);
    db.exec(`
      INSERT INTO halls (id, code, name, name_en, timezone, opens, closes, rules_json) VALUES (1, 'h', 'H', 'H', 'Asia/Shanghai', '08:30', '17:30', '{}');
      INSERT INTO staff (id, hall_id, username, name, role, password_hash) VALUES (7, 1, 'wang', '王', 'admin', 'x');
      INSERT INTO sessions VALUES ('t', 7, 1, 0, 0);
      INSERT INTO windows (hall_id, number, service_ids_json, staff_id) VALUES (1, 1, '[]', 7);
      INSERT INTO events (hall_id, type, at) VALUES (1, 'issued', 5);
      INSERT INTO devices (id, hall_id, kind, name, key_hash, last_seen_at) VALUES (3, 1, 'display', '大厅屏', 'h3', 42);
    `);
    expect(() =>
      db
        .prepare(
          "INSERT INTO staff (hall_id, username, name, role, password_hash) VALUES (1, 'c', 'C', 'city', 'x')",
        )
        .run(),
    ).toThrow(/CHECK/);

    migrate(db);

    db.prepare(
      "INSERT INTO staff (hall_id, username, name, role, password_hash) VALUES (1, 'c', 'C', 'city', 'x')",
    ).run();
    expect(db.prepare('SELECT staff_id FROM sessions').get()).toEqual({ staff_id: 7 });
    expect(db.prepare('SELECT staff_id FROM windows').get()).toEqual({ staff_id: 7 });
    expect(() =>
      db
        .prepare(
          "INSERT INTO staff (hall_id, username, name, role, password_hash) VALUES (1, 'x', 'X', 'boss', 'x')",
        )
        .run(),
    ).toThrow(/CHECK/);
    // Devices keep their rows through the rebuild that lets a window evaluator in (migration 7).
    expect(db.prepare('SELECT id, kind, name, key_hash, last_seen_at, window_id FROM devices').get()).toEqual(
      {
        id: 3,
        kind: 'display',
        name: '大厅屏',
        key_hash: 'h3',
        last_seen_at: 42,
        window_id: null,
      },
    );
    db.prepare(
      "INSERT INTO devices (hall_id, kind, name, key_hash, window_id) VALUES (1, 'evaluator', '评价器', 'h4', 1)",
    ).run();
    expect(() =>
      db
        .prepare("INSERT INTO devices (hall_id, kind, name, key_hash) VALUES (1, 'toaster', 't', 'h5')")
        .run(),
    ).toThrow(/CHECK/);
    // References are enforced again, and point at the rebuilt table.
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(() => db.prepare("INSERT INTO sessions VALUES ('u', 99, 1, 0, 0)").run()).toThrow(/FOREIGN KEY/);
    // Rollups start checked up to the events that existed: nothing is stored yet.
    expect(db.prepare('SELECT checked_event_id FROM report_rollup_state').get()).toEqual({
      checked_event_id: 1,
    });
    expect(db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({
      v: MIGRATIONS.at(-1)!.version,
    });
  });
});

describe('the PostgreSQL migrations', () => {
  it('are in step with SQLite’s: the same versions and names, in the same order', () => {
    expect(PG_MIGRATIONS.map((m) => [m.version, m.name])).toEqual(MIGRATIONS.map((m) => [m.version, m.name]));
  });
});
