import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCHEDULE,
  hallDay,
  issuingState,
  servesLaterToday,
  withinHours,
  type ScheduledHall,
} from './hallHours';
import { openingParts, openingWords } from './hallHoursText';

const ZONE = 'Asia/Shanghai';
/** An instant on the hall's clock: 2026-12-01 is a Tuesday. */
const at = (day: string, hhmm: string): number => Date.parse(`${day}T${hhmm}:00+08:00`);

const HALL: ScheduledHall = {
  timezone: ZONE,
  hours: { opens: '08:30', closes: '17:30' },
  schedule: {
    ...DEFAULT_SCHEDULE,
    openWeekdays: [1, 2, 3, 4, 5],
    holidays: [{ from: '2026-12-24', to: '2026-12-26', name: '年末休息' }],
    workdays: [{ date: '2026-12-05', name: '调休上班' }],
    issueStopMinutes: 30,
  },
  issueExtension: null,
};

describe('issuingState', () => {
  it('takes tickets from opening until the cut-off before closing', () => {
    expect(issuingState(HALL, at('2026-12-01', '08:29')).issuing).toBe(false);
    const open = issuingState(HALL, at('2026-12-01', '08:30'));
    expect(open).toMatchObject({ issuing: true, until: at('2026-12-01', '17:00') });
    expect(issuingState(HALL, at('2026-12-01', '16:59')).issuing).toBe(true);
    const stopped = issuingState(HALL, at('2026-12-01', '17:00'));
    expect(stopped).toMatchObject({
      issuing: false,
      reason: 'issuing_ended',
      next: at('2026-12-02', '08:30'),
    });
    // The windows still serve those waiting until closing time.
    expect(withinHours(HALL, at('2026-12-01', '17:10'))).toBe(true);
    expect(withinHours(HALL, at('2026-12-01', '17:30'))).toBe(false);
  });

  it('before opening, says today at opening time', () => {
    expect(issuingState(HALL, at('2026-12-01', '07:00'))).toMatchObject({
      issuing: false,
      reason: 'before_opening',
      next: at('2026-12-01', '08:30'),
    });
  });

  it('is the issue-14 evening: 19:11 issues nothing, and the next opening is the next working day', () => {
    // Friday 2026-12-04 evening; Saturday 12-05 is an extra working day (调休).
    const friday = issuingState(HALL, at('2026-12-04', '19:11'));
    expect(friday).toMatchObject({
      issuing: false,
      reason: 'issuing_ended',
      next: at('2026-12-05', '08:30'),
    });
    // Saturday evening: Sunday is closed, Monday opens.
    expect(issuingState(HALL, at('2026-12-05', '19:11'))).toMatchObject({ next: at('2026-12-07', '08:30') });
    expect(issuingState(HALL, at('2026-12-06', '10:00'))).toMatchObject({ reason: 'closed_day' });
  });

  it('is closed on holidays, with their name, and opens after them', () => {
    const christmas = issuingState(HALL, at('2026-12-25', '10:00'));
    expect(christmas).toMatchObject({
      issuing: false,
      reason: 'closed_day',
      next: at('2026-12-28', '08:30'),
    });
    expect(christmas.day).toMatchObject({ closedBy: 'holiday', holidayName: '年末休息' });
    expect(hallDay(HALL, '2026-12-06')).toMatchObject({ open: false, closedBy: 'weekday' });
  });

  it('an extension lets today take tickets later, even on a closed day', () => {
    const extended = { ...HALL, issueExtension: { day: '2026-12-01', until: '18:00' } };
    expect(issuingState(extended, at('2026-12-01', '17:45'))).toMatchObject({
      issuing: true,
      until: at('2026-12-01', '18:00'),
    });
    expect(hallDay(extended, '2026-12-01')).toMatchObject({ closes: '18:00', extended: true });
    // Only that day.
    expect(issuingState(extended, at('2026-12-02', '17:45')).issuing).toBe(false);
    const onHoliday = { ...HALL, issueExtension: { day: '2026-12-25', until: '12:00' } };
    expect(issuingState(onHoliday, at('2026-12-25', '10:00')).issuing).toBe(true);
  });

  it('never opens when no day is open', () => {
    const never = { ...HALL, schedule: { ...HALL.schedule, openWeekdays: [], workdays: [] } };
    expect(issuingState(never, at('2026-12-01', '10:00'))).toMatchObject({ issuing: false, next: null });
  });

  it('an all-day hall with no cut-off always takes tickets', () => {
    const allDay: ScheduledHall = {
      ...HALL,
      hours: { opens: '00:00', closes: '24:00' },
      schedule: DEFAULT_SCHEDULE,
    };
    const noCut = { ...allDay, schedule: { ...DEFAULT_SCHEDULE, issueStopMinutes: 0 } };
    for (const hhmm of ['00:00', '12:00', '23:59'])
      expect(issuingState(noCut, at('2026-12-06', hhmm)).issuing).toBe(true);
  });

  it('knows whether a window may still open today', () => {
    expect(servesLaterToday(HALL, at('2026-12-01', '07:00'))).toBe(true);
    expect(servesLaterToday(HALL, at('2026-12-01', '17:20'))).toBe(true);
    expect(servesLaterToday(HALL, at('2026-12-01', '19:11'))).toBe(false);
    expect(servesLaterToday(HALL, at('2026-12-06', '10:00'))).toBe(false);
  });
});

describe('opening words', () => {
  it('says today, tomorrow, the day after and later dates as people do', () => {
    const now = at('2026-12-01', '19:11');
    expect(openingWords(openingParts(at('2026-12-01', '20:00'), now, ZONE)).zh).toBe('今天 20:00');
    expect(openingWords(openingParts(at('2026-12-02', '08:30'), now, ZONE))).toEqual({
      zh: '明天（12月2日 星期三）08:30',
      en: 'tomorrow (Wed 2 Dec) at 08:30',
    });
    expect(openingWords(openingParts(at('2026-12-03', '08:30'), now, ZONE)).zh).toBe(
      '后天（12月3日 星期四）08:30',
    );
    expect(openingWords(openingParts(at('2026-12-28', '08:30'), now, ZONE))).toEqual({
      zh: '12月28日 星期一 08:30',
      en: 'Mon 28 Dec at 08:30',
    });
    expect(openingWords(null).zh).toBe('暂无开放安排');
  });
});
