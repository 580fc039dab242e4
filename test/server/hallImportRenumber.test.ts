// Moving halls set up apart into one city database (`npm run db -- import`, issue 18): two halls,
// each on its own SQLite file (both hall 1, rows from 1, the same demo accounts and hall code),
// each with a day of tickets, calls, a phone rating and its 差评 case, an appointment checked in,
// a home visit, a look at it (access log) and configuration changes (audit), are imported one
// after the other. The first keeps its ids; the second is refused while its names are taken,
// then gets new ids with its accounts renamed. A server started on the city database then serves
// both: hall B's renamed staff sign in, its kiosk continues its numbering, its sealed fields open,
// and the city's report shows each hall with the figures the hall's own server gave.
// `npm test`: the city on SQLite. `npm run test:pg`: the city on PostgreSQL (the halls stay on
// their SQLite files, as hall PCs do).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HallReport, HomeVisit } from '@hall/shared/contracts/admin';
import type { Appointment, AppointmentSchedule, CheckInResult } from '@hall/shared/contracts/appointments';
import type { IssuedTicket, TicketView } from '@hall/shared/contracts/entities';
import type { Rating } from '@hall/shared/contracts/ratings';
import { businessDay } from '@hall/shared/hallTime';
import { openDatabase, type Db } from '../../server/src/core/db/database';
import { addKeysFrom } from '../../server/src/core/crypto/keyFile';
import { exportHall, importHall, readTransferFile } from '../../server/src/core/db/transfer/hallTransfer';
import { columnRules } from '../../server/src/core/db/transfer/idReferences';
import { renumberFile, type RenumberPlan } from '../../server/src/core/db/transfer/renumber';
import { hallTables } from '../../server/src/core/db/transfer/schemaTables';
import { createServerPrinter } from '../../server/src/printing/createServerPrinter';
import { startServer, type RunningServer } from '../../server/src/server';
import { hallDayClock } from '../support/hallDayClock';
import { createTestPgDatabase, TEST_PG_URL, type TestPgDatabase } from '../support/pgTestDatabase';
import {
  REPO_ROOT,
  startTestServer,
  TEST_PASSWORDS,
  testHallConfig,
  type TestServer,
} from '../support/testServer';
import {
  connectAccount,
  connectClient,
  emitAck,
  login,
  newRequestId,
  staffAtWindow,
  type ConnectedClient,
} from '../support/clients';
import { data, PEOPLE, registerVisit } from '../support/personalData';

const TIMEZONE = testHallConfig().halls[0]!.timezone;
// One clock for both halls and the city: the city's server carries on the same business day.
const clock = hallDayClock(TIMEZONE);
const today = () => businessDay(clock(), TIMEZONE);
const dayAround = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const range = { from: dayAround(-1), to: dayAround(1) };

let dir: string;
let cityTarget: string;
let cityPg: TestPgDatabase | null = null;
// Outside the city's data folder (the server refuses a key file inside it).
const cityKeyFile = () => path.join(dir, 'city-keys', 'field-keys.json');
const cityDataDir = () => path.join(dir, 'city');

interface HallDay {
  file: string;
  kioskKey: string;
  report: HallReport;
  visit: HomeVisit;
  /** The last sequence of service A today, and the tickets still waiting. */
  lastSequenceA: number;
  waiting: string[];
}
const halls: Record<'A' | 'B', HallDay> = {} as Record<'A' | 'B', HallDay>;
let planB: RenumberPlan;

/** A day in a hall on its own SQLite file, exported; `visitors` differ so the halls' figures do. */
async function hallDay(name: 'A' | 'B', visitors: number, person: (typeof PEOPLE)[number]): Promise<void> {
  const server: TestServer = await startTestServer({ sqlite: true, clock });
  const open: { close(): void }[] = [];
  try {
    const adminSession = await login(server.url, 'admin', TEST_PASSWORDS.admin);
    const admin: ConnectedClient = await connectClient(server.url, {
      role: 'admin',
      sessionToken: adminSession.token,
    });
    const kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey });
    const staff = await staffAtWindow(server.url, 'staff', TEST_PASSWORDS.staff, server.windowId(1));
    open.push(admin, kiosk, staff);
    const serviceA = kiosk.snapshot.services.find((s) => s.code === 'A')!.id;

    // An appointment for now, checked in at the kiosk: tickets ⇄ appointments reference each other.
    data(
      await emitAck<AppointmentSchedule>(admin.socket, 'appointment:scheduleUpsert', {
        serviceId: serviceA,
        weekdays: [1, 2, 3, 4, 5, 6, 7],
        starts: '10:00',
        ends: '12:00',
        slotMinutes: 30,
        capacity: 4,
      }),
    );
    const booked = data(
      await emitAck<Appointment>(admin.socket, 'appointment:book', {
        personName: person.name,
        phone: person.phone,
        idNumber: person.idNumber,
        serviceId: serviceA,
        day: today(),
        starts: '10:00',
      }),
    );
    const checkIn = data(
      await emitAck<CheckInResult>(kiosk.socket, 'appointment:checkIn', {
        requestId: newRequestId(),
        code: booked.code,
      }),
    );
    expect(checkIn.outcome).toBe('issued');

    const numbers: string[] = [];
    for (let i = 0; i < visitors; i += 1) {
      const issued = data(
        await emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
          requestId: newRequestId(),
          serviceId: serviceA,
          priorityClass: i % 3 === 1 ? 'elderly' : 'normal',
        }),
      );
      numbers.push(issued.ticket.number);
      if (i === 0) {
        // Served to the end, with 代办 and 代缴费, then rated 不满意 by phone (a 差评 case opens).
        const called = data(
          await emitAck<TicketView>(staff.socket, 'counter:callSpecific', { number: issued.ticket.number }),
        );
        data(await emitAck(staff.socket, 'counter:start', { ticketId: called.id }));
        data(
          await emitAck(staff.socket, 'counter:finish', {
            ticketId: called.id,
            marks: { proxy: true, proxyRelation: '儿子', assistedPayment: true, formHelp: false, note: '' },
          }),
        );
        const phone = await connectAccount(server.url, {
          role: 'ticket',
          statusToken: issued.statusPath.split('/').pop()!,
        });
        open.push(phone);
        data(await emitAck<Rating>(phone, 'ticket:rate', { level: 'dissatisfied', reasons: ['efficiency'] }));
      }
    }
    // Called and not come: a no-show (its event names the window and the officer).
    const missed = data(await emitAck<TicketView>(staff.socket, 'counter:callNext'));
    data(await emitAck(staff.socket, 'counter:noShow', { ticketId: missed.id }));

    // A home visit (sealed with this hall's own key file), looked at once (access log).
    const visit = await registerVisit(admin, person);
    data(
      await emitAck(admin.socket, 'privacy:reveal', {
        kind: 'home_visit',
        id: visit.id,
        reason: 'verify_record',
      }),
    );

    const report = data(await emitAck<HallReport>(admin.socket, 'admin:report', { ...range, hallId: null }));
    // The figures the city's report must give back for this hall.
    expect(report).toMatchObject({ issued: visitors + 1, served: 1, noShows: 1, withProxy: 1 });
    expect(report.satisfaction.rated).toBe(1);
    expect(report.appointments).toMatchObject({ booked: 1, checkedIn: 1 });
    const db = server.openDb();
    const file = path.join(dir, `hall-${name}.jsonl`);
    try {
      const hallId = server.app.repos.halls.list()[0]!.id;
      expect(hallId).toBe(1);
      exportHall(db, hallId, file);
      const { last } = db
        .prepare('SELECT MAX(sequence) AS last FROM tickets WHERE service_id = ? AND business_day = ?')
        .get(serviceA, today()) as { last: number };
      const waiting = (
        db.prepare("SELECT number FROM tickets WHERE state = 'waiting' ORDER BY id").all() as {
          number: string;
        }[]
      ).map((t) => t.number);
      halls[name] = {
        file,
        kioskKey: server.credentials.kioskKey,
        report,
        visit,
        lastSequenceA: last,
        waiting,
      };
    } finally {
      db.close();
    }
    // The city's servers need every hall's key (npm run keys -- add-from).
    addKeysFrom(cityKeyFile(), server.keyFile, new Date());
  } finally {
    for (const c of open) c.close();
    await server.close();
  }
}

/** `npm run db -- …` on the city's database. */
function cli(...args: string[]) {
  const run = spawnSync(
    process.execPath,
    ['node_modules/tsx/dist/cli.mjs', 'server/src/cli/db.ts', ...args],
    {
      env: { ...process.env, DATA_DIR: cityDataDir(), KEY_FILE: cityKeyFile() },
      encoding: 'utf8',
    },
  );
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function openCity(): Db {
  return openDatabase(cityTarget);
}

function rowCounts(db: Db): Record<string, number> {
  return Object.fromEntries(
    hallTables(db).map((t) => [
      t.name,
      Number((db.prepare(`SELECT COUNT(*) AS n FROM "${t.name}"`).get() as { n: number | string }).n),
    ]),
  );
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hall-import-'));
  if (TEST_PG_URL) {
    cityPg = await createTestPgDatabase(TEST_PG_URL);
    cityTarget = cityPg.url;
  } else cityTarget = path.join(cityDataDir(), 'hall.sqlite');
  fs.mkdirSync(cityDataDir());
  await hallDay('A', 3, PEOPLE[0]!);
  await hallDay('B', 5, PEOPLE[1]!);
}, 60_000);

afterAll(async () => {
  await cityPg?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('moving halls set up apart into one city database', () => {
  it('keeps the first hall’s ids; refuses the second while its names are taken, writing nothing', () => {
    const db = openCity();
    try {
      const first = importHall(db, halls.A.file);
      expect(first.renumbered).toBeUndefined();
      expect(first.hallId).toBe(1);
      const before = rowCounts(db);
      // On the command line, as the city's admin runs it.
      const refused = cli('import', halls.B.file, '--to', cityTarget);
      expect(refused.status).toBe(1);
      const refusal = refused.stderr;
      // Every collision named, in Chinese and English, with the ways through.
      expect(refusal).toContain('导入被拒绝');
      expect(refusal).toContain('import refused (nothing written)');
      for (const name of ['"demo"', '"staff"', '"admin"', '"city"', '"desk"'])
        expect(refusal).toContain(name);
      expect(refusal).toContain('--rename-taken-users');
      expect(refusal).toContain('--hall-code');
      expect(rowCounts(db)).toEqual(before);
    } finally {
      db.close();
    }
  });

  it('gives the second hall new ids and renames its taken accounts, every reference rewritten', () => {
    const run = cli(
      'import',
      halls.B.file,
      '--to',
      cityTarget,
      '--rename-taken-users',
      '.b',
      '--hall-code',
      'demo-b',
    );
    expect(run.status, run.stderr).toBe(0);
    // The mapping printed: the hall's new id, each table's count and the offset of its ids.
    expect(run.stdout).toMatch(/hall 2: \d+ rows/);
    expect(run.stdout).toContain('New ids: hall 1 → 2');
    expect(run.stdout).toContain('Hall code: demo → demo-b');
    for (const u of ['staff', 'admin', 'city', 'desk']) expect(run.stdout).toContain(`  ${u} → ${u}.b\n`);
    planB = { fromHallId: 1, toHallId: 2, offsets: new Map() };
    for (const [, table, rows, offset] of run.stdout.matchAll(/^ {2}(\w+)\s+(\d+)(?:\s+ids \+(\d+))?$/gm)) {
      planB.offsets.set(table!, Number(offset ?? 0));
      const file = readTransferFile(halls.B.file).tables.find((t) => t.table === table)!;
      expect(Number(rows), table).toBe(file.rows.length);
    }
    expect(planB.offsets.get('tickets')).toBeGreaterThan(0);
    const db = openCity();
    try {
      // Every reference of hall 2's rows (foreign keys, id columns, JSON ids) names a row of hall 2.
      const dangling: string[] = [];
      for (const table of hallTables(db)) {
        const rules = columnRules(table).rules;
        for (const [column, rule] of rules) {
          if (rule.kind !== 'id') continue;
          const owner = rule.table === 'halls' ? 'id' : 'hall_id';
          const bad = db
            .prepare(
              `SELECT COUNT(*) AS n FROM "${table.name}" r WHERE r.hall_id = 2 AND r."${column}" IS NOT NULL
                 AND NOT EXISTS (SELECT 1 FROM "${rule.table}" p WHERE p.id = r."${column}" AND p.${owner} = 2)`,
            )
            .get() as { n: number | string };
          if (Number(bad.n) > 0) dangling.push(`${table.name}.${column}: ${bad.n}`);
        }
      }
      expect(dangling).toEqual([]);
      // JSON ids too: the events' payloads and the audit's targets name hall 2's rows.
      const events = db
        .prepare(
          "SELECT type, payload_json FROM events WHERE hall_id = 2 AND type IN ('issued', 'home_visit')",
        )
        .all() as { type: string; payload_json: string }[];
      const services = new Set(
        (db.prepare('SELECT id FROM services WHERE hall_id = 2').all() as { id: number }[]).map((s) => s.id),
      );
      expect(events.length).toBeGreaterThan(5);
      for (const e of events)
        expect(services).toContain((JSON.parse(e.payload_json) as { serviceId: number }).serviceId);
      const schedule = db
        .prepare(
          "SELECT detail_json FROM audit_log WHERE hall_id = 2 AND action = 'appointment.scheduleCreate'",
        )
        .get() as { detail_json: string };
      const detail = JSON.parse(schedule.detail_json) as {
        target: { id: number };
        changes: { field: string; to: unknown }[];
      };
      expect(
        db.prepare('SELECT 1 FROM appointment_schedules WHERE id = ? AND hall_id = 2').get(detail.target.id),
      ).toBeTruthy();
      expect(services).toContain(detail.changes.find((c) => c.field === 'serviceId')!.to);
      const look = db.prepare('SELECT record_id FROM access_log WHERE hall_id = 2').get() as {
        record_id: number;
      };
      expect(
        db.prepare('SELECT 1 FROM home_visits WHERE id = ? AND hall_id = 2').get(look.record_id),
      ).toBeTruthy();
      // Hall 1 is untouched by the second import: its export equals its own file.
      const againA = path.join(dir, 'again-A.jsonl');
      exportHall(db, 1, againA);
      expect(readTransferFile(againA).tables).toEqual(readTransferFile(halls.A.file).tables);
    } finally {
      db.close();
    }
  });

  it('round-trips: hall 2 exported again equals hall B’s file but for the id mapping and the names changed', () => {
    const plan = planB;
    const db = openCity();
    const again = path.join(dir, 'again-B.jsonl');
    try {
      exportHall(db, plan.toHallId, again);
    } finally {
      db.close();
    }
    const original = readTransferFile(halls.B.file);
    const moved = readTransferFile(again);
    expect(moved.header).toMatchObject({ hallId: 2, hallCode: 'demo-b' });
    expect(moved.tables.map((t) => [t.table, t.rows.length])).toEqual(
      original.tables.map((t) => [t.table, t.rows.length]),
    );
    const schema = new Map(hallTablesOf(again).map((t) => [t.name, columnRules(t).rules]));
    for (const [i, t] of original.tables.entries()) {
      const rules = schema.get(t.table)!;
      const after = moved.tables[i]!;
      expect(after.columns).toEqual(t.columns);
      for (const [r, row] of t.rows.entries()) {
        for (const [c, column] of t.columns.entries()) {
          const was = row[c];
          const now = after.rows[r]![c];
          const rule = rules.get(column);
          const where = `${t.table}[${r}].${column}`;
          if (`${t.table}.${column}` === 'staff.username') expect(now, where).toBe(`${String(was)}.b`);
          else if (`${t.table}.${column}` === 'halls.code') expect(now, where).toBe('demo-b');
          else if (!rule || was === null || rule.kind === 'json') {
            if (rule?.kind === 'json') expect(typeof now, where).toBe(typeof was);
            else expect(now, where).toEqual(was);
          } else if (rule.kind === 'hall') expect(now, where).toBe(2);
          else {
            const table =
              rule.kind === 'ownId' ? t.table : rule.kind === 'id' ? rule.table : kindTable(t, row);
            expect(now, where).toBe(Number(was) + plan.offsets.get(table)!);
          }
        }
      }
    }
    // JSON too: exactly the file with its ids mapped (the import's own rewrite, so the checks above
    // and below are what tie it to the data), the names changed as printed.
    const rules = new Map([...schema].map(([table, r]) => [table, { table, rules: r }]));
    const expected = renumberFile(original, plan, rules);
    const renamed = (table: string, column: string, value: unknown) =>
      table === 'staff' && column === 'username'
        ? `${String(value)}.b`
        : table === 'halls' && column === 'code'
          ? 'demo-b'
          : value;
    expect(moved.tables).toEqual(
      expected.tables.map((t) => ({
        ...t,
        rows: t.rows.map((row) => row.map((v, c) => renamed(t.table, t.columns[c]!, v))),
      })),
    );
    // Ticket numbers, sequences and the order of events are exactly hall B's.
    const column = (file: ReturnType<typeof readTransferFile>, table: string, name: string) => {
      const t = file.tables.find((x) => x.table === table)!;
      return t.rows.map((row) => row[t.columns.indexOf(name)]);
    };
    expect(column(moved, 'tickets', 'number')).toEqual(column(original, 'tickets', 'number'));
    expect(column(moved, 'events', 'type')).toEqual(column(original, 'events', 'type'));
    expect(column(moved, 'ticket_sequences', 'last_sequence')).toEqual(
      column(original, 'ticket_sequences', 'last_sequence'),
    );
    expect(column(moved, 'home_visits', 'phone')).toEqual(column(original, 'home_visits', 'phone'));
  });

  it('serves both halls from the city database: renamed staff sign in, numbering continues, reports agree', async () => {
    const plan = planB;
    const city = await startCity();
    const open: { close(): void }[] = [];
    try {
      // The city's report: each hall with the figures its own server gave, and their sum.
      const citySession = await login(city.url, 'city', TEST_PASSWORDS.city);
      const cityAccount = await connectAccount(city.url, { role: 'staff', sessionToken: citySession.token });
      open.push(cityAccount);
      const report = async (hallId: number | null) =>
        data(await emitAck<HallReport>(cityAccount, 'admin:report', { ...range, hallId }));
      expect(comparable(await report(1))).toEqual(comparable(halls.A.report));
      expect(comparable(await report(2))).toEqual(comparable(halls.B.report));
      const all = await report(null);
      expect(all.issued).toBe(halls.A.report.issued + halls.B.report.issued);
      expect(all.served).toBe(halls.A.report.served + halls.B.report.served);
      expect(all.byHall.map((r) => r.issued)).toEqual([halls.A.report.issued, halls.B.report.issued]);

      // Hall B's kiosk continues hall B's numbers (not from 001, not after hall A's).
      const kioskB = await connectClient(city.url, { role: 'kiosk', deviceKey: halls.B.kioskKey });
      open.push(kioskB);
      expect(kioskB.snapshot.hall.id).toBe(2);
      const next = data(
        await emitAck<IssuedTicket>(kioskB.socket, 'ticket:issue', {
          requestId: newRequestId(),
          serviceId: kioskB.snapshot.services.find((s) => s.code === 'A')!.id,
        }),
      );
      expect(next.ticket.hallId).toBe(2);
      expect(next.ticket.sequence).toBe(halls.B.lastSequenceA + 1);
      expect(halls.B.lastSequenceA).not.toBe(halls.A.lastSequenceA);

      // Hall B's officer signs in under the renamed account and calls hall B's waiting visitors.
      const windowB1 = 1 + plan.offsets.get('windows')!;
      await expect(login(city.url, 'staff.b', TEST_PASSWORDS.staff)).resolves.toMatchObject({
        staff: { hallId: 2 },
      });
      const staffB = await staffAtWindow(city.url, 'staff.b', TEST_PASSWORDS.staff, windowB1);
      open.push(staffB);
      const called = data(await emitAck<TicketView>(staffB.socket, 'counter:callNext'));
      expect(called.hallId).toBe(2);
      expect([...halls.B.waiting, next.ticket.number]).toContain(called.number);

      // Hall B's sealed fields open with its key added to the city's key file.
      const adminB = await connectClient(city.url, {
        role: 'admin',
        sessionToken: (await login(city.url, 'admin.b', TEST_PASSWORDS.admin)).token,
      });
      open.push(adminB);
      const revealed = data(
        await emitAck<{ personName: string }>(adminB.socket, 'privacy:reveal', {
          kind: 'home_visit',
          id: halls.B.visit.id + plan.offsets.get('home_visits')!,
          reason: 'verify_record',
        }),
      );
      expect(JSON.stringify(revealed)).toContain(PEOPLE[1]!.name);
    } finally {
      for (const c of open) c.close();
      await city.close();
    }
  });
});

/** A report without what differs by database: its hall id and the groups' keys (ids). */
function comparable(report: HallReport) {
  const strip = (rows: HallReport['byHall']) => rows.map(({ key: _key, ...rest }) => rest);
  return {
    ...report,
    hallId: undefined,
    byHall: strip(report.byHall),
    byService: strip(report.byService),
    byWindow: strip(report.byWindow),
    byStaff: strip(report.byStaff),
    byPriorityClass: strip(report.byPriorityClass),
  };
}

/** The tables as the city database has them (for the rules of each column). */
function hallTablesOf(_file: string) {
  const db = openCity();
  try {
    return hallTables(db);
  } finally {
    db.close();
  }
}

function kindTable(t: ReturnType<typeof readTransferFile>['tables'][number], row: unknown[]): string {
  const kind = row[t.columns.indexOf('record_kind')];
  return kind === 'appointment' ? 'appointments' : 'home_visits';
}

async function startCity(): Promise<RunningServer> {
  const dataDir = cityDataDir();
  return startServer({
    dbFile: path.join(dataDir, 'hall.sqlite'),
    databaseUrl: TEST_PG_URL ? cityTarget : null,
    webRoot: path.join(REPO_ROOT, 'dist', 'web'),
    port: 0,
    host: '127.0.0.1',
    hallConfig: testHallConfig(),
    printer: createServerPrinter(
      dataDir,
      { interface: 'virtual', widthColumns: 48 },
      { allowLoopback: true },
    ),
    clock,
    synchronous: 'NORMAL',
    keyFile: cityKeyFile(),
    appointmentSweepEveryMs: null,
  });
}
