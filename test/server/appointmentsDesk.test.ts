// The front desk books by phone (issue 17): a desk account lists a day's bookings masked as an
// admin sees them, reads the slots, books and cancels — audited with the desk account as the actor —
// and is refused everything else of appointments (settings, schedules, days off, CSV, reveal).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appointment, AppointmentSlot } from '@hall/shared/contracts/appointments';
import type { AuditEntry } from '@hall/shared/contracts/admin';
import type { ClientEventName } from '@hall/shared/contracts/events';
import { startTestServer, TEST_PASSWORDS, type TestServer } from '../support/testServer';
import {
  connectAccount,
  connectClient,
  emitAck,
  login,
  type ConnectedClient,
  type KioskClient,
  type TestSocket,
} from '../support/clients';
import { data, databaseFiles, findInFiles } from '../support/personalData';
import { adultId, at, hallClock, TUESDAY } from '../support/appointments';

const clock = hallClock(at('08:00'));
let server: TestServer;
let admin: ConnectedClient;
let kiosk: KioskClient;
let desk: TestSocket;
let deskAccountId: number;
let serviceA: number;

beforeAll(async () => {
  server = await startTestServer({ clock: clock.now, rules: { staffIdleMinutes: 480 } });
  const adminSession = await login(server.url, 'admin', server.credentials.admin.password);
  admin = await connectClient(server.url, { role: 'admin', sessionToken: adminSession.token });
  kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey });
  // A console announces itself as staff; the server takes the role (desk) from the account.
  const deskSession = await login(server.url, 'desk', TEST_PASSWORDS.desk);
  deskAccountId = deskSession.staff.id;
  desk = await connectAccount(server.url, { role: 'staff', sessionToken: deskSession.token });
  serviceA = kiosk.snapshot.services.find((s) => s.code === 'A')!.id;
});

afterAll(async () => {
  admin?.close();
  kiosk?.close();
  desk?.close();
  await server?.close();
});

describe('the front desk books by phone', () => {
  it('reads the slots, books (code to read out), lists masked and cancels, audited as the desk', async () => {
    const slots = data(
      await emitAck<AppointmentSlot[]>(desk, 'appointment:slots', { serviceId: serviceA, day: TUESDAY }),
    );
    expect(slots.find((s) => s.starts === '09:30')).toMatchObject({ booked: 0 });

    const idNumber = adultId();
    const booked = data(
      await emitAck<Appointment>(desk, 'appointment:book', {
        personName: '司马秀英',
        phone: '13700002222',
        idNumber,
        serviceId: serviceA,
        day: TUESDAY,
        starts: '09:30',
      }),
    );
    expect(booked).toMatchObject({
      status: 'booked',
      source: 'console',
      slotStart: at('09:30'),
      maskedName: '司**',
      maskedPhone: '137****2222',
    });
    expect(booked.code).toMatch(/^\d{6}$/);
    expect(JSON.stringify(booked)).not.toContain('司马秀英');
    expect(findInFiles(databaseFiles(server.dbFile), ['司马秀英', '13700002222', idNumber])).toEqual([]);

    // The place is taken for everyone, and the desk's list equals the admin's (both masked).
    const after = data(
      await emitAck<AppointmentSlot[]>(desk, 'appointment:slots', { serviceId: serviceA, day: TUESDAY }),
    );
    expect(after.find((s) => s.starts === '09:30')).toMatchObject({ booked: 1 });
    const deskList = data(await emitAck<Appointment[]>(desk, 'appointment:list', { day: TUESDAY }));
    const adminList = data(await emitAck<Appointment[]>(admin.socket, 'appointment:list', { day: TUESDAY }));
    expect(deskList).toEqual(adminList);
    expect(deskList.find((a) => a.id === booked.id)).toMatchObject({
      code: booked.code,
      maskedName: '司**',
      maskedPhone: '137****2222',
    });
    expect(JSON.stringify(deskList)).not.toContain('13700002222');

    const cancelled = data(await emitAck<Appointment>(desk, 'appointment:cancel', { id: booked.id }));
    expect(cancelled.status).toBe('cancelled');
    const freed = data(
      await emitAck<AppointmentSlot[]>(desk, 'appointment:slots', { serviceId: serviceA, day: TUESDAY }),
    );
    expect(freed.find((s) => s.starts === '09:30')).toMatchObject({ booked: 0 });

    // Audited like an admin's booking, with the desk account as the actor.
    const audit = data(await emitAck<AuditEntry[]>(admin.socket, 'admin:audit'));
    for (const action of ['appointment.book', 'appointment.cancel']) {
      const entry = audit.find((e) => e.action === action && e.detail.target.id === booked.id);
      expect(entry, action).toMatchObject({ staffId: deskAccountId, staffName: '导办台' });
      expect(entry?.detail.target.label).toBe(booked.code);
    }
  });

  it('is refused the admin-only appointment commands and the reveal, with FORBIDDEN', async () => {
    const listed = data(await emitAck<Appointment[]>(admin.socket, 'appointment:list', { day: TUESDAY }));
    const refused: [ClientEventName, unknown][] = [
      ['appointment:config', undefined],
      [
        'appointment:scheduleUpsert',
        { serviceId: serviceA, weekdays: [1], starts: '08:30', ends: '09:00', slotMinutes: 30, capacity: 1 },
      ],
      ['appointment:scheduleDelete', { id: 1 }],
      ['appointment:dayOffSet', { day: '2026-12-09', off: true }],
      ['appointment:settingsUpdate', { checkInEarlyMinutes: 10 }],
      ['appointment:import', { day: TUESDAY, csv: 'name,phone\n', dryRun: true }],
      ['privacy:reveal', { kind: 'appointment', id: listed[0]?.id ?? 1, reason: 'verify_record' }],
    ];
    for (const [event, payload] of refused) {
      const result = payload === undefined ? await emitAck(desk, event) : await emitAck(desk, event, payload);
      expect(result.ok, event).toBe(false);
      if (!result.ok) expect(result.error.code, event).toBe('FORBIDDEN');
    }
  });
});
