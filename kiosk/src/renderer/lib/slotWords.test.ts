import { describe, expect, it } from 'vitest';
import { dayWords, slotWords, ticketSlotWords } from './slotWords';

const start = Date.UTC(2026, 11, 2, 1, 0); // 09:00 in Shanghai
const slot = { slotDay: '2026-12-02', slotStart: start, slotEnd: start + 30 * 60_000 };

describe('slot words', () => {
  it('says the day only when it is not today, in the hall zone', () => {
    expect(slotWords(slot, '2026-12-02', 'Asia/Shanghai', 'zh-CN')).toEqual({
      today: true,
      day: '12月2日',
      starts: '09:00',
      ends: '09:30',
    });
    expect(slotWords(slot, '2026-12-01', 'Asia/Shanghai', 'en')).toMatchObject({
      today: false,
      day: '2 Dec',
    });
    expect(dayWords('2027-01-09', 'zh-CN')).toBe('1月9日');
  });

  it('reads the slot of an appointment ticket, and nothing for a walk-in', () => {
    expect(ticketSlotWords({ slotStart: start, slotEnd: start + 1_800_000 }, 'Asia/Shanghai')).toEqual({
      starts: '09:00',
      ends: '09:30',
    });
    expect(ticketSlotWords({}, 'Asia/Shanghai')).toBeNull();
  });
});
