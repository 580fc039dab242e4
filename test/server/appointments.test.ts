// Appointments through the real server (SQLite file, Socket.IO on port 0, a clock the test moves):
// booking by phone in the console with every refusal (and nothing half-saved), the kiosk's check-in
// by code and by ID number inside, before and after its window, 60+ visitors keeping the green
// channel, the missed sweep, the queue rule at the windows, a CSV list all or nothing, and the
// personal fields sealed, found, revealed, erased and purged like the home-visit register's.
import { sqlDialect } from '../../server/src/core/db/sqlDatabase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Appointment,
  AppointmentConfig,
  AppointmentImportResult,
  AppointmentSchedule,
  AppointmentSlot,
  CheckInResult,
} from '@hall/shared/contracts/appointments';
import type { AuditEntry, HallReport } from '@hall/shared/contracts/admin';
import type { IssuedTicket, TicketView } from '@hall/shared/contracts/entities';
import type { Result } from '@hall/shared/contracts/errors';
import type {
  AccessLogEntry,
  RevealedRecord,
  SubjectCopy,
  SubjectErasure,
} from '@hall/shared/contracts/privacy';
import { startTestServer, type TestServer } from '../support/testServer';
import {
  connectClient,
  emitAck,
  login,
  newRequestId,
  nextKioskSnapshot,
  type ConnectedClient,
  type KioskClient,
} from '../support/clients';
import { data, databaseFiles, findInFiles } from '../support/personalData';
import { adultId, at, hallClock, seniorId, TUESDAY, WEDNESDAY } from '../support/appointments';

const clock = hallClock(at('08:00'));
let server: TestServer;
let admin: ConnectedClient;
let kiosk: KioskClient;
let serviceA: number;
let serviceB: number;

const book = (fields: Record<string, unknown>) =>
  emitAck<Appointment>(admin.socket, 'appointment:book', {
    personName: '张建国',
    phone: '139 0000 1111',
    idNumber: adultId(),
    serviceId: serviceA,
    day: TUESDAY,
    starts: '09:00',
    ...fields,
  });
const checkIn = (fields: { code?: string; idNumber?: string }, requestId = newRequestId()) =>
  emitAck<CheckInResult>(kiosk.socket, 'appointment:checkIn', { requestId, ...fields });
const countRows = (table: string): number => {
  const db = server.openDb();
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};
const refusedWith = (result: Result<unknown>, code: string) => {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe(code);
  expect(result.error.zh.length).toBeGreaterThan(0);
  expect(result.error.en.length).toBeGreaterThan(0);
  expect(result.error.zh).not.toBe(result.error.en);
};

async function connectStaff(username: string): Promise<ConnectedClient> {
  const session = await login(server.url, username, `${username}-pass`);
  return connectClient(server.url, { role: 'staff', sessionToken: session.token });
}

async function atWindow(client: ConnectedClient, windowNumber: number): Promise<void> {
  data(await emitAck(client.socket, 'window:claim', { windowId: server.windowId(windowNumber) }));
  data(await emitAck(client.socket, 'window:open'));
}

beforeAll(async () => {
  // The test moves the clock by hours: sessions stay open as long as the rules allow.
  server = await startTestServer({
    clock: clock.now,
    extraStaff: ['w1', 'w3'],
    rules: { staffIdleMinutes: 480 },
  });
  const session = await login(server.url, 'admin', server.credentials.admin.password);
  admin = await connectClient(server.url, { role: 'admin', sessionToken: session.token });
  kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey });
  serviceA = kiosk.snapshot.services.find((s) => s.code === 'A')!.id;
  serviceB = kiosk.snapshot.services.find((s) => s.code === 'B')!.id;
});

afterAll(async () => {
  admin?.close();
  kiosk?.close();
  await server?.close();
});

describe('configuration', () => {
  it('the demo hall takes appointments for A, and the kiosk is told so', async () => {
    expect(kiosk.snapshot.appointments).toBe(true);
    const config = data(await emitAck<AppointmentConfig>(admin.socket, 'appointment:config'));
    expect(config.settings).toEqual({ checkInEarlyMinutes: 30, checkInLateMinutes: 15 });
    expect(config.schedules.map((s) => [s.serviceId, s.starts, s.ends])).toEqual([
      [serviceA, '09:00', '11:30'],
      [serviceA, '14:00', '17:00'],
    ]);
    const slots = data(
      await emitAck<AppointmentSlot[]>(admin.socket, 'appointment:slots', {
        serviceId: serviceA,
        day: TUESDAY,
      }),
    );
    expect(slots.map((s) => s.starts)).toEqual([
      '09:00',
      '09:30',
      '10:00',
      '10:30',
      '11:00',
      '14:00',
      '14:30',
      '15:00',
      '15:30',
      '16:00',
      '16:30',
    ]);
    // Saturday: no slots.
    const saturday = data(
      await emitAck<AppointmentSlot[]>(admin.socket, 'appointment:slots', {
        serviceId: serviceA,
        day: '2026-12-05',
      }),
    );
    expect(saturday).toEqual([]);
  });

  it('a schedule for B (2 places a slot) is audited and reaches the kiosk; a day off empties a day', async () => {
    const created = data(
      await emitAck<AppointmentSchedule>(admin.socket, 'appointment:scheduleUpsert', {
        serviceId: serviceB,
        weekdays: [2, 3],
        starts: '10:00',
        ends: '11:00',
        slotMinutes: 30,
        capacity: 2,
      }),
    );
    expect(created).toMatchObject({ serviceId: serviceB, weekdays: [2, 3], capacity: 2, enabled: true });
    const audit = data(await emitAck<AuditEntry[]>(admin.socket, 'admin:audit'));
    expect(
      audit.some((e) => e.action === 'appointment.scheduleCreate' && e.detail.target.id === created.id),
    ).toBe(true);

    data(
      await emitAck(admin.socket, 'appointment:dayOffSet', {
        day: WEDNESDAY,
        serviceId: serviceB,
        off: true,
      }),
    );
    const wednesdayB = data(
      await emitAck<AppointmentSlot[]>(admin.socket, 'appointment:slots', {
        serviceId: serviceB,
        day: WEDNESDAY,
      }),
    );
    expect(wednesdayB).toEqual([]);
    refusedWith(await book({ serviceId: serviceB, day: WEDNESDAY, starts: '10:00' }), 'APPOINTMENT_DAY_OFF');
    const wednesdayA = data(
      await emitAck<AppointmentSlot[]>(admin.socket, 'appointment:slots', {
        serviceId: serviceA,
        day: WEDNESDAY,
      }),
    );
    expect(wednesdayA.length).toBeGreaterThan(0);
  });

  it('the kiosk stops offering check-in when no schedule is left, and offers it again', async () => {
    const config = data(await emitAck<AppointmentConfig>(admin.socket, 'appointment:config'));
    const off = nextKioskSnapshot(kiosk.socket, (s) => s.appointments === false);
    for (const s of config.schedules) {
      data(await emitAck(admin.socket, 'appointment:scheduleUpsert', { ...withoutHall(s), enabled: false }));
    }
    await off;
    const on = nextKioskSnapshot(kiosk.socket, (s) => s.appointments === true);
    for (const s of config.schedules)
      data(await emitAck(admin.socket, 'appointment:scheduleUpsert', withoutHall(s)));
    await on;
  });
});

function withoutHall(s: AppointmentSchedule) {
  const { hallId: _hall, ...rest } = s;
  return rest;
}

describe('booking by phone in the console', () => {
  it('answers masked with a six-digit code, and keeps name, phone and ID number sealed', async () => {
    const idNumber = adultId();
    const booked = data(
      await book({ personName: '欧阳春花', phone: '13912348765', idNumber, starts: '09:30' }),
    );
    expect(booked).toMatchObject({
      status: 'booked',
      source: 'console',
      slotDay: TUESDAY,
      slotStart: at('09:30'),
      slotEnd: at('10:00'),
      maskedName: '欧**',
      maskedPhone: '139****8765',
      maskedIdNumber: `${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`,
    });
    expect(booked.code).toMatch(/^\d{6}$/);
    expect(JSON.stringify(booked)).not.toContain('欧阳春花');
    const leaks = findInFiles(databaseFiles(server.dbFile), ['欧阳春花', '13912348765', idNumber]);
    expect(leaks).toEqual([]);
    const audit = data(await emitAck<AuditEntry[]>(admin.socket, 'admin:audit'));
    const entry = audit.find((e) => e.action === 'appointment.book' && e.detail.target.id === booked.id);
    expect(entry?.detail.target.label).toBe(booked.code);
    expect(JSON.stringify(entry)).not.toContain('欧阳');
  });

  it('refuses a bad ID number, a slot that does not exist or is over, and saves nothing', async () => {
    const before = countRows('appointments');
    refusedWith(await book({ idNumber: '440502199103151234' }), 'ID_NUMBER_INVALID');
    refusedWith(await book({ starts: '09:10' }), 'APPOINTMENT_NO_SUCH_SLOT');
    refusedWith(await book({ starts: '12:00' }), 'APPOINTMENT_NO_SUCH_SLOT');
    refusedWith(await book({ day: '2026-12-05' }), 'APPOINTMENT_NO_SUCH_SLOT');
    clock.set(at('10:05'));
    refusedWith(await book({ starts: '09:30' }), 'APPOINTMENT_SLOT_PAST');
    clock.set(at('08:00'));
    refusedWith(await book({ serviceId: 999 }), 'SERVICE_NOT_FOUND');
    const invalid = await emitAck(admin.socket, 'appointment:book', { personName: '', phone: 'x' });
    refusedWith(invalid, 'VALIDATION_FAILED');
    expect(countRows('appointments')).toBe(before);
  });

  it('refuses a full slot and a second booking of the same person, service and day', async () => {
    const first = data(await book({ serviceId: serviceB, starts: '10:30' }));
    const samePerson = adultId();
    data(await book({ serviceId: serviceB, starts: '10:30', idNumber: samePerson }));
    const before = countRows('appointments');
    const full = await book({ serviceId: serviceB, starts: '10:30' });
    refusedWith(full, 'APPOINTMENT_SLOT_FULL');
    if (!full.ok) expect(full.error.zh).toContain('10:30');
    refusedWith(
      await book({ serviceId: serviceB, starts: '10:00', idNumber: samePerson }),
      'APPOINTMENT_DUPLICATE',
    );
    expect(countRows('appointments')).toBe(before);
    // The same person may book another service, or another day.
    data(await book({ serviceId: serviceA, starts: '10:30', idNumber: samePerson }));
    // A cancellation frees the place.
    const cancelled = data(await emitAck<Appointment>(admin.socket, 'appointment:cancel', { id: first.id }));
    expect(cancelled.status).toBe('cancelled');
    data(await book({ serviceId: serviceB, starts: '10:30' }));
    const slots = data(
      await emitAck<AppointmentSlot[]>(admin.socket, 'appointment:slots', {
        serviceId: serviceB,
        day: TUESDAY,
      }),
    );
    expect(slots.find((s) => s.starts === '10:30')).toMatchObject({ capacity: 2, booked: 2 });
  });

  it("lists the day's bookings masked, with their status", async () => {
    const list = data(await emitAck<Appointment[]>(admin.socket, 'appointment:list', { day: TUESDAY }));
    expect(list.length).toBeGreaterThan(3);
    expect(list.map((a) => a.slotStart)).toEqual([...list.map((a) => a.slotStart)].sort((x, y) => x - y));
    expect(list.every((a) => /^.\*+$/.test(a.maskedName) && a.maskedPhone.includes('****'))).toBe(true);
    const cancelled = data(
      await emitAck<Appointment[]>(admin.socket, 'appointment:list', { day: TUESDAY, status: 'cancelled' }),
    );
    expect(cancelled.length).toBe(1);
  });
});

describe('check-in at the kiosk', () => {
  it('by code within the window: an A-Y ticket due at the slot; a retry gets the same ticket', async () => {
    const booked = data(await book({ starts: '10:00' }));
    clock.set(at('09:35'));
    const requestId = newRequestId();
    const result = data(await checkIn({ code: booked.code }, requestId));
    expect(result.outcome).toBe('issued');
    if (result.outcome !== 'issued') return;
    expect(result.elderly).toBe(false);
    expect(result.issued.ticket).toMatchObject({
      source: 'appointment',
      priorityClass: 'normal',
      serviceId: serviceA,
      slotStart: at('10:00'),
      slotEnd: at('10:30'),
    });
    expect(result.issued.ticket.number).toMatch(/^A-Y\d{3}$/);
    expect(result.appointment).toMatchObject({
      status: 'checked_in',
      ticketNumber: result.issued.ticket.number,
    });

    const again = data(await checkIn({ code: booked.code }, requestId));
    expect(again.outcome === 'issued' && again.issued.ticket.id).toBe(result.issued.ticket.id);
    const other = await checkIn({ code: booked.code });
    refusedWith(other, 'APPOINTMENT_CHECKED_IN');
    if (!other.ok) expect(other.error.zh).toContain(result.issued.ticket.number);
    // The status page shows the slot.
    const status = await fetch(
      `${server.url}/api${result.issued.statusPath.replace('/t/', '/ticket-status/')}`,
    );
    const body = (await status.json()) as Result<{ slotStart: number; appointmentSlot: string }>;
    expect(body.ok && body.data).toMatchObject({ slotStart: at('10:00'), appointmentSlot: '10:00–10:30' });
  });

  it('by ID number: the card finds the booking through its keyed hash', async () => {
    const idNumber = adultId();
    data(await book({ starts: '10:30', idNumber }));
    clock.set(at('10:20'));
    const result = data(await checkIn({ idNumber }));
    expect(result.outcome).toBe('issued');
    expect(result.outcome === 'issued' && result.issued.ticket.slotStart).toBe(at('10:30'));
    refusedWith(await checkIn({ idNumber: adultId() }), 'APPOINTMENT_NOT_FOUND');
    refusedWith(await checkIn({ code: '999999' }), 'APPOINTMENT_NOT_FOUND');
  });

  it('too early: told when to come back, and no ticket is made', async () => {
    clock.set(at('08:00'));
    const booked = data(await book({ starts: '14:00' }));
    const tickets = countRows('tickets');
    const result = data(await checkIn({ code: booked.code }));
    expect(result).toMatchObject({ outcome: 'early', opensAt: at('13:30'), elderly: false });
    expect(countRows('tickets')).toBe(tickets);
    // Tomorrow's booking today: early too, with the day in the answer.
    const tomorrow = data(await book({ day: WEDNESDAY, starts: '09:00' }));
    const early = data(await checkIn({ code: tomorrow.code }));
    expect(early).toMatchObject({ outcome: 'early', opensAt: at('08:30', WEDNESDAY) });
    expect(early.outcome === 'early' && early.appointment.slotDay).toBe(WEDNESDAY);
  });

  it('too late: the booking is missed, no appointment ticket is made, a normal ticket still can be', async () => {
    clock.set(at('08:00'));
    const booked = data(await book({ starts: '11:00' }));
    clock.set(at('11:16'));
    const tickets = countRows('tickets');
    const result = data(await checkIn({ code: booked.code }));
    expect(result).toMatchObject({ outcome: 'late', closesAt: at('11:15') });
    expect(result.appointment.status).toBe('missed');
    expect(countRows('tickets')).toBe(tickets);
    const normal = data(
      await emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
        requestId: newRequestId(),
        serviceId: serviceA,
      }),
    );
    expect(normal.ticket.number).toMatch(/^A\d{3}$/);
    // At the edge of the window it is still in time.
    clock.set(at('08:00'));
    const edge = data(await book({ starts: '14:30' }));
    clock.set(at('14:45'));
    expect(data(await checkIn({ code: edge.code })).outcome).toBe('issued');
  });

  it('60+ with a booking: a green-channel ticket at any time of the booking day, carrying the slot', async () => {
    clock.set(at('08:00'));
    const idNumber = seniorId();
    const booked = data(await book({ starts: '16:00', idNumber }));
    clock.set(at('09:05'));
    const result = data(await checkIn({ idNumber }));
    expect(result.outcome).toBe('issued');
    if (result.outcome !== 'issued') return;
    expect(result.elderly).toBe(true);
    expect(result.issued.ticket).toMatchObject({ priorityClass: 'elderly', slotStart: booked.slotStart });
    expect(result.issued.ticket.number).toMatch(/^A-L\d{3}$/);
    expect(result.issued.windowsToWatch).toEqual([1, 2]);
    // Tomorrow's booking is still early for them, and they are told the green channel is open now.
    const tomorrow = data(await book({ day: WEDNESDAY, starts: '09:00', idNumber: seniorId() }));
    expect(data(await checkIn({ code: tomorrow.code }))).toMatchObject({ outcome: 'early', elderly: true });
  });

  it('the sweep marks missed the bookings whose window closed, and only those', async () => {
    clock.set(at('08:00'));
    const late = data(await book({ starts: '14:00' }));
    const inTime = data(await book({ starts: '15:00' }));
    clock.set(at('14:16'));
    const missed = await server.app.services.appointments.bookings.sweepMissed(kiosk.snapshot.hall.id);
    expect(missed).toBeGreaterThanOrEqual(1);
    const list = data(await emitAck<Appointment[]>(admin.socket, 'appointment:list', { day: TUESDAY }));
    expect(list.find((a) => a.id === late.id)?.status).toBe('missed');
    expect(list.find((a) => a.id === inTime.id)?.status).toBe('booked');
    const db = server.openDb();
    const events = db
      .prepare(
        `SELECT payload_json FROM events WHERE type = 'appointment' AND ${sqlDialect(db).jsonNumber('payload_json', 'appointmentId')} = ?`,
      )
      .all(late.id) as { payload_json: string }[];
    db.close();
    expect(events.map((e) => (JSON.parse(e.payload_json) as { step: string }).step)).toEqual([
      'booked',
      'missed',
    ]);
    refusedWith(await emitAck(admin.socket, 'appointment:cancel', { id: late.id }), 'APPOINTMENT_NOT_OPEN');
  });
});

describe('the queue at the windows', () => {
  it('at its slot time the appointment goes ahead of a waiting walk-in of its service, after the elderly ticket at the elderly window', async () => {
    // Drain service A first so only this test's tickets wait.
    const drain = await connectStaff('w3');
    await atWindow(drain, 3);
    for (;;) {
      const called = await emitAck<TicketView>(drain.socket, 'counter:callNext');
      if (!called.ok) break;
      data(await emitAck(drain.socket, 'counter:start', { ticketId: called.data.id }));
      data(await emitAck(drain.socket, 'counter:finish', { ticketId: called.data.id }));
    }
    clock.set(at('15:00'));
    const booked = data(await book({ starts: '15:30' }));
    clock.set(at('15:10'));
    const walkIn = data(
      await emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
        requestId: newRequestId(),
        serviceId: serviceA,
      }),
    );
    const appointment = data(await checkIn({ code: booked.code }));
    if (appointment.outcome !== 'issued') throw new Error('not issued');
    const senior = data(
      await emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
        requestId: newRequestId(),
        serviceId: serviceA,
        priorityClass: 'elderly',
      }),
    );
    // Before the slot, the walk-in who came first is first at an ordinary window.
    const w1 = await connectStaff('w1');
    await atWindow(w1, 1);
    clock.set(at('15:30'));
    // The elderly window: the elderly ticket first, then the appointment, then the walk-in.
    const called: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const ticket = data(await emitAck<TicketView>(w1.socket, 'counter:callNext'));
      called.push(ticket.id);
      data(await emitAck(w1.socket, 'counter:start', { ticketId: ticket.id }));
      data(await emitAck(w1.socket, 'counter:finish', { ticketId: ticket.id }));
    }
    expect(called).toEqual([senior.ticket.id, appointment.issued.ticket.id, walkIn.ticket.id]);
    const second = { id: called[1]! };
    // The call was logged with its reason.
    const db = server.openDb();
    const reason = db
      .prepare(
        `SELECT ${sqlDialect(db).jsonText('payload_json', 'reason')} AS reason FROM events WHERE type = 'called' AND ticket_id = ?`,
      )
      .get(second.id) as { reason: string };
    db.close();
    expect(reason.reason).toBe('appointment_due');
    w1.close();
    drain.close();
  });
});

describe('a CSV list, all or nothing', () => {
  const header = '姓名,电话,身份证号,业务,时间,编号';
  it('refuses the whole list when one line is wrong, naming the lines, and a dry run saves nothing', async () => {
    clock.set(at('08:00'));
    const before = countRows('appointments');
    const csv = [
      header,
      `王小明,13800001111,${adultId()},A,09:00,REF-1`,
      `李四,13800002222,440502199103151234,A,09:00,REF-2`,
      `赵五,13800003333,${adultId()},Q,09:00,REF-3`,
      `"钱, 六",13800004444,${adultId()},出入境证件,09:30-10:00,REF-4`,
    ].join('\r\n');
    const result = data(
      await emitAck<AppointmentImportResult>(admin.socket, 'appointment:import', { day: WEDNESDAY, csv }),
    );
    expect(result.lines).toBe(4);
    expect(result.imported).toBe(0);
    expect(result.errors.map((e) => [e.line, e.error.code])).toEqual([
      [3, 'ID_NUMBER_INVALID'],
      [4, 'SERVICE_NOT_FOUND'],
    ]);
    expect(countRows('appointments')).toBe(before);

    const good = [
      header,
      `王小明,13800001111,${adultId()},A,09:00,REF-1`,
      `"钱, 六",13800004444,${adultId()},出入境证件,09:30,REF-4`,
    ].join('\n');
    const dry = data(
      await emitAck<AppointmentImportResult>(admin.socket, 'appointment:import', {
        day: WEDNESDAY,
        csv: good,
        dryRun: true,
      }),
    );
    expect(dry).toMatchObject({ lines: 2, imported: 0, errors: [] });
    expect(countRows('appointments')).toBe(before);

    const done = data(
      await emitAck<AppointmentImportResult>(admin.socket, 'appointment:import', {
        day: WEDNESDAY,
        csv: good,
      }),
    );
    expect(done.imported).toBe(2);
    expect(done.appointments.map((a) => [a.source, a.externalRef, a.maskedName])).toEqual([
      ['csv', 'REF-1', '王**'],
      ['csv', 'REF-4', '钱**'],
    ]);
    expect(countRows('appointments')).toBe(before + 2);
    // The same list again books nothing twice.
    const again = data(
      await emitAck<AppointmentImportResult>(admin.socket, 'appointment:import', {
        day: WEDNESDAY,
        csv: good,
      }),
    );
    expect(again.imported).toBe(0);
    expect(again.errors.map((e) => e.error.code)).toEqual(['APPOINTMENT_DUPLICATE', 'APPOINTMENT_DUPLICATE']);
  });

  it('checks the places of the whole list together, and names a missing column', async () => {
    const csv = [header, ...[1, 2, 3].map((i) => `访客${i},1380000${i}000,${adultId()},B,10:00,`)].join('\n');
    const result = data(
      await emitAck<AppointmentImportResult>(admin.socket, 'appointment:import', { day: TUESDAY, csv }),
    );
    expect(result.errors.map((e) => [e.line, e.error.code])).toEqual([[4, 'APPOINTMENT_SLOT_FULL']]);
    const noColumn = data(
      await emitAck<AppointmentImportResult>(admin.socket, 'appointment:import', {
        day: TUESDAY,
        csv: '姓名,电话\n张三,13800000000',
      }),
    );
    expect(noColumn.errors[0]!.error.code).toBe('VALIDATION_FAILED');
    expect(noColumn.errors[0]!.error.zh).toContain('身份证号');
  });
});

describe('reports', () => {
  it('count the bookings by slot day from the rollups of closed days, as the table holds them', async () => {
    clock.set(at('09:00', '2026-12-03'));
    const session = await login(server.url, 'admin', server.credentials.admin.password);
    const reader = await connectClient(server.url, { role: 'admin', sessionToken: session.token });
    try {
      const report = data(
        await emitAck<HallReport>(reader.socket, 'admin:report', { from: TUESDAY, to: WEDNESDAY }),
      );
      const db = server.openDb();
      const byStatus = Object.fromEntries(
        (
          db
            .prepare(
              'SELECT status, COUNT(*) AS n FROM appointments WHERE slot_day BETWEEN ? AND ? GROUP BY status',
            )
            .all(TUESDAY, WEDNESDAY) as { status: string; n: number }[]
        ).map((r) => [r.status, r.n]),
      );
      const appointmentTickets = db
        .prepare('SELECT COUNT(*) AS n FROM tickets WHERE slot_start IS NOT NULL AND called_at IS NOT NULL')
        .get() as { n: number };
      db.close();
      const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
      expect(report.appointments).toMatchObject({
        booked: total,
        checkedIn: byStatus.checked_in ?? 0,
        missed: byStatus.missed ?? 0,
        cancelled: byStatus.cancelled ?? 0,
      });
      expect(report.appointments.checkedIn).toBeGreaterThan(3);
      expect(report.appointments.appointmentWait.count).toBe(appointmentTickets.n);
      expect(report.appointments.walkInWait.count).toBeGreaterThan(0);
    } finally {
      reader.close();
      clock.set(at('08:00'));
    }
  });
});

describe('personal data', () => {
  it('finds, reveals (logged), erases (an open booking is cancelled) and purges a booking', async () => {
    clock.set(at('08:00'));
    const idNumber = adultId();
    const booked = data(
      await book({ personName: '司马光明', phone: '13700007777', idNumber, starts: '16:30' }),
    );
    const copy = data(await emitAck<SubjectCopy>(admin.socket, 'privacy:subjectFind', { idNumber }));
    expect(copy.records.map((r) => [r.kind, r.id])).toEqual([['appointment', booked.id]]);
    const revealed = data(
      await emitAck<RevealedRecord>(admin.socket, 'privacy:reveal', {
        kind: 'appointment',
        id: booked.id,
        reason: 'contact_person',
      }),
    );
    expect(revealed).toMatchObject({
      kind: 'appointment',
      personal: { personName: '司马光明', phone: '13700007777' },
    });
    const erased = data(
      await emitAck<SubjectErasure>(admin.socket, 'privacy:subjectErase', {
        phone: '137-0000-7777',
        confirm: true,
      }),
    );
    expect(erased).toEqual({ erased: 1, cancelled: 1 });
    const looks = data(await emitAck<AccessLogEntry[]>(admin.socket, 'privacy:accessLog', {}));
    expect(looks.map((e) => [e.action, e.recordKind, e.recordCount])).toEqual(
      expect.arrayContaining([
        ['reveal', 'appointment', 1],
        ['subject_copy', 'appointment', 1],
        ['subject_erase', 'appointment', 1],
      ]),
    );
    // Only the kind that was found is logged: no empty home-visit lines.
    expect(looks.filter((e) => e.recordKind === 'home_visit')).toEqual([]);
    const after = data(await emitAck<Appointment[]>(admin.socket, 'appointment:list', { day: TUESDAY }));
    expect(after.find((a) => a.id === booked.id)).toMatchObject({ status: 'cancelled', maskedName: '' });
    refusedWith(
      await emitAck(admin.socket, 'privacy:reveal', {
        kind: 'appointment',
        id: booked.id,
        reason: 'contact_person',
      }),
      'PERSONAL_DATA_CLEARED',
    );
  });

  it('the daily purge clears bookings 90 days after their slot and keeps the rows', async () => {
    const kept = countRows('appointments');
    const hallId = kiosk.snapshot.hall.id;
    clock.set(at('12:00', '2027-02-25'));
    expect((await server.app.services.retention.purge(hallId, null)).appointments).toBe(0);
    // The sweep first closes what nobody checked in; 90 days after their slot all are cleared.
    await server.app.services.appointments.bookings.sweepMissed(hallId);
    clock.set(at('12:00', '2027-03-10'));
    const run = await server.app.services.retention.purge(hallId, null);
    expect(run.appointments).toBeGreaterThan(10);
    expect(countRows('appointments')).toBe(kept);
    const db = server.openDb();
    const left = db
      .prepare(
        "SELECT COUNT(*) AS n FROM appointments WHERE personal_cleared_at IS NULL OR person_name != ''",
      )
      .get() as { n: number };
    const statuses = db.prepare('SELECT DISTINCT status FROM appointments ORDER BY status').all();
    db.close();
    expect(left.n).toBe(0);
    expect(statuses.length).toBeGreaterThan(1);
    clock.set(at('08:00'));
  });
});
