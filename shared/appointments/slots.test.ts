import { describe, expect, it } from 'vitest';
import type { AppointmentSchedule } from '../contracts/appointments';
import {
  checkInWindow,
  clockOf,
  hallCheckInWindow,
  isDayOff,
  minutesOf,
  slotsOfDay,
  weekdayOf,
} from './slots';
import type { ScheduledHall } from '../hallHours';

const schedule = (fields: Partial<AppointmentSchedule> = {}): AppointmentSchedule => ({
  id: 1,
  hallId: 1,
  serviceId: 5,
  weekdays: [1, 2, 3, 4, 5],
  starts: '09:00',
  ends: '11:00',
  slotMinutes: 30,
  capacity: 6,
  enabled: true,
  ...fields,
});
const context = {
  hours: { opens: '08:30', closes: '17:30' },
  timezone: 'Asia/Shanghai',
  daysOff: [],
};
// 2026-12-01 is a Tuesday.
const TUESDAY = '2026-12-01';

describe('appointment slots', () => {
  it('cuts a schedule into slots on its weekdays, in the hall zone', () => {
    const slots = slotsOfDay([schedule()], 5, TUESDAY, context);
    expect(slots.map((s) => `${s.starts}-${s.ends}`)).toEqual([
      '09:00-09:30',
      '09:30-10:00',
      '10:00-10:30',
      '10:30-11:00',
    ]);
    // 09:00 in Shanghai is 01:00 UTC.
    expect(slots[0]!.start).toBe(Date.UTC(2026, 11, 1, 1, 0));
    expect(slots[0]!.end - slots[0]!.start).toBe(30 * 60_000);
    expect(slots[0]!.capacity).toBe(6);
  });

  it('offers nothing on other weekdays, other services, disabled schedules or days off', () => {
    expect(slotsOfDay([schedule()], 5, '2026-12-05', context)).toEqual([]); // Saturday
    expect(slotsOfDay([schedule()], 6, TUESDAY, context)).toEqual([]);
    expect(slotsOfDay([schedule({ enabled: false })], 5, TUESDAY, context)).toEqual([]);
    const holiday = { id: 1, hallId: 1, day: TUESDAY, serviceId: null, note: '' };
    expect(slotsOfDay([schedule()], 5, TUESDAY, { ...context, daysOff: [holiday] })).toEqual([]);
    const otherServiceOff = { ...holiday, serviceId: 6 };
    expect(slotsOfDay([schedule()], 5, TUESDAY, { ...context, daysOff: [otherServiceOff] })).toHaveLength(4);
    expect(slotsOfDay([schedule()], 5, TUESDAY, { ...context, hallClosed: () => true })).toEqual([]);
  });

  it('keeps slots inside the opening hours and the schedule grid', () => {
    const early = schedule({ starts: '08:00', ends: '09:30' }); // the hall opens at 08:30
    expect(slotsOfDay([early], 5, TUESDAY, context).map((s) => s.starts)).toEqual(['08:30', '09:00']);
    const late = schedule({ starts: '16:30', ends: '18:00', slotMinutes: 45 });
    expect(slotsOfDay([late], 5, TUESDAY, context).map((s) => s.starts)).toEqual(['16:30']);
  });

  it('offers only slots that start before the hall stops taking tickets (its cut-off)', () => {
    const afternoon = schedule({ starts: '16:00', ends: '17:30' });
    // Closes 17:30, tickets until 17:00: a visitor of the 17:00 slot could not check in at its start.
    expect(
      slotsOfDay([afternoon], 5, TUESDAY, { ...context, issueUntil: '17:00' }).map((s) => s.starts),
    ).toEqual(['16:00', '16:30']);
    expect(slotsOfDay([afternoon], 5, TUESDAY, context).map((s) => s.starts)).toEqual([
      '16:00',
      '16:30',
      '17:00',
    ]);
  });

  it('merges two schedules of one service, the first keeping a shared start', () => {
    const morning = schedule({ id: 1, capacity: 6 });
    const overlap = schedule({ id: 2, starts: '10:30', ends: '12:00', capacity: 2 });
    const slots = slotsOfDay([morning, overlap], 5, TUESDAY, context);
    expect(slots.map((s) => [s.starts, s.capacity])).toEqual([
      ['09:00', 6],
      ['09:30', 6],
      ['10:00', 6],
      ['10:30', 6],
      ['11:00', 2],
      ['11:30', 2],
    ]);
  });

  it('knows weekdays, clocks and days off', () => {
    expect(weekdayOf('2026-11-30')).toBe(1);
    expect(weekdayOf('2026-12-06')).toBe(7);
    expect(minutesOf('09:30')).toBe(570);
    expect(clockOf(570)).toBe('09:30');
    expect(isDayOff([{ id: 1, hallId: 1, day: TUESDAY, serviceId: 5, note: '' }], TUESDAY, 5)).toBe(true);
  });

  it('opens check-in before the slot and closes it after its start', () => {
    const start = Date.UTC(2026, 11, 1, 1, 0);
    expect(checkInWindow(start, { checkInEarlyMinutes: 30, checkInLateMinutes: 15 })).toEqual({
      opensAt: start - 30 * 60_000,
      closesAt: start + 15 * 60_000,
    });
  });

  it('keeps the check-in window inside the hall day: not before it opens, not after its cut-off', () => {
    const hall: ScheduledHall = {
      timezone: 'Asia/Shanghai',
      hours: { opens: '08:30', closes: '17:30' },
      schedule: { openWeekdays: [1, 2, 3, 4, 5], holidays: [], workdays: [], issueStopMinutes: 30 },
      issueExtension: null,
    };
    const settings = { checkInEarlyMinutes: 60, checkInLateMinutes: 45 };
    const shanghai = (hhmm: string, day = TUESDAY) => Date.parse(`${day}T${hhmm}:00+08:00`);
    // 09:00 with an hour's lead would open at 08:00: the hall opens at 08:30.
    expect(hallCheckInWindow(shanghai('09:00'), TUESDAY, settings, hall)).toEqual({
      opensAt: shanghai('08:30'),
      closesAt: shanghai('09:45'),
    });
    // 16:30 plus 45 minutes would close at 17:15: tickets stop at 17:00.
    expect(hallCheckInWindow(shanghai('16:30'), TUESDAY, settings, hall)).toEqual({
      opensAt: shanghai('15:30'),
      closesAt: shanghai('17:00'),
    });
    // A day the hall does not open keeps the plain window (the hall's hours refuse the check-in).
    const saturday = '2026-12-05';
    expect(hallCheckInWindow(shanghai('09:00', saturday), saturday, settings, hall)).toEqual(
      checkInWindow(shanghai('09:00', saturday), settings),
    );
  });
});
