import { describe, expect, it } from 'vitest';
import type { AppointmentSchedule } from '../contracts/appointments';
import { checkInWindow, clockOf, isDayOff, minutesOf, slotsOfDay, weekdayOf } from './slots';

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
});
