// Appointments follow the hall's day (issue 14 with issue 17): no slots on the hall's holidays or
// after its ticket cut-off, no check-in while the hall takes no tickets (HALL_CLOSED with the next
// opening in words, nothing written), an early visitor told a time the hall is open, and a booking
// whose check-in window the cut-off closed marked missed. Real server, SQLite file, Socket.IO.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Appointment,
  AppointmentSettings,
  AppointmentSlot,
  CheckInResult,
} from '@hall/shared/contracts/appointments';
import type { Result } from '@hall/shared/contracts/errors';
import { startTestServer, type TestServer } from '../support/testServer';
import {
  connectClient,
  emitAck,
  login,
  newRequestId,
  type ConnectedClient,
  type KioskClient,
} from '../support/clients';
import { data } from '../support/personalData';
import { adultId, at, hallClock, TUESDAY, WEDNESDAY } from '../support/appointments';

const THURSDAY = '2026-12-03';
const clock = hallClock(at('09:00'));
let server: TestServer;
let admin: ConnectedClient;
let kiosk: KioskClient;
let serviceA: number;

const slotsOn = async (day: string) =>
  data(await emitAck<AppointmentSlot[]>(admin.socket, 'appointment:slots', { serviceId: serviceA, day })).map(
    (s) => s.starts,
  );
const book = (day: string, starts: string) =>
  emitAck<Appointment>(admin.socket, 'appointment:book', {
    personName: '王秀兰',
    phone: '13700001111',
    idNumber: adultId(),
    serviceId: serviceA,
    day,
    starts,
  });
const checkIn = (code: string) =>
  emitAck<CheckInResult>(kiosk.socket, 'appointment:checkIn', { requestId: newRequestId(), code });
const refusedWith = (result: Result<unknown>, code: string) => {
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.error.code).toBe(code);
  return result.ok ? null : result.error;
};

beforeAll(async () => {
  server = await startTestServer({
    clock: clock.now,
    rules: { staffIdleMinutes: 480 },
    // Open 08:30–17:30 on weekdays, tickets until 16:30; Wednesday a holiday.
    hours: { opens: '08:30', closes: '17:30' },
    schedule: {
      openWeekdays: [1, 2, 3, 4, 5],
      holidays: [{ from: WEDNESDAY, to: WEDNESDAY, name: '测试休息日' }],
      issueStopMinutes: 60,
    },
  });
  const session = await login(server.url, 'admin', server.credentials.admin.password);
  admin = await connectClient(server.url, { role: 'admin', sessionToken: session.token });
  kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey });
  serviceA = kiosk.snapshot.services.find((s) => s.code === 'A')!.id;
  // An hour's lead and 45 minutes' grace: wider than the hall's day at both ends.
  data(
    await emitAck<AppointmentSettings>(admin.socket, 'appointment:settingsUpdate', {
      checkInEarlyMinutes: 60,
      checkInLateMinutes: 45,
    }),
  );
});

afterAll(async () => {
  admin?.close();
  kiosk?.close();
  await server?.close();
});

describe("appointments follow the hall's day", () => {
  it('offers no slot on a hall holiday, and none starting at or after the ticket cut-off', async () => {
    // The demo schedule books A 09:00–11:30 and 14:00–17:00; tickets stop at 16:30.
    expect((await slotsOn(TUESDAY)).slice(-3)).toEqual(['15:00', '15:30', '16:00']);
    expect(await slotsOn(WEDNESDAY)).toEqual([]);
    refusedWith(await book(WEDNESDAY, '09:00'), 'APPOINTMENT_DAY_OFF');
    refusedWith(await book(TUESDAY, '16:30'), 'APPOINTMENT_NO_SUCH_SLOT');
  });

  it('refuses a check-in while the hall takes no tickets, with the next opening, and changes nothing', async () => {
    clock.set(at('09:00'));
    const booking = data(await book(TUESDAY, '09:00'));
    clock.set(at('08:10'));
    const error = refusedWith(await checkIn(booking.code), 'HALL_CLOSED');
    expect(error?.zh).toContain('08:30');
    expect(error?.en).toContain('08:30');
    const listed = data(await emitAck<Appointment[]>(admin.socket, 'appointment:list', { day: TUESDAY }));
    expect(listed.find((a) => a.id === booking.id)?.status).toBe('booked');
    // Once the hall opens the same code checks in (the hour's lead reached back to 08:00).
    clock.set(at('08:31'));
    const result = data(await checkIn(booking.code));
    expect(result.outcome).toBe('issued');
  });

  it('tells an early visitor to come back when the hall is open, not before it opens', async () => {
    clock.set(at('09:00'));
    const thursday = data(await book(THURSDAY, '09:00'));
    const result = data(await checkIn(thursday.code));
    // 09:00 less the hour's lead is 08:00; the hall opens at 08:30.
    expect(result).toMatchObject({ outcome: 'early', opensAt: at('08:30', THURSDAY) });
  });

  it('marks missed a booking whose window the cut-off closed before its grace was over', async () => {
    clock.set(at('09:00'));
    const afternoon = data(await book(TUESDAY, '16:00'));
    // 16:00 plus 45 minutes would be 16:45; tickets stop at 16:30.
    clock.set(at('16:35'));
    const hallId = kiosk.snapshot.hall.id;
    expect(await server.app.services.appointments.bookings.sweepMissed(hallId)).toBeGreaterThanOrEqual(1);
    const listed = data(await emitAck<Appointment[]>(admin.socket, 'appointment:list', { day: TUESDAY }));
    expect(listed.find((a) => a.id === afternoon.id)?.status).toBe('missed');
  });
});
