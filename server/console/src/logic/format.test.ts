import { describe, expect, it } from 'vitest';
import { durationWords } from './format';

describe('durationWords', () => {
  it('shows minutes and seconds under ten minutes', () => {
    expect(durationWords(3 * 60_000 + 7_000)).toEqual({ key: 'time.minutesSeconds', params: { m: 3, s: 7 } });
  });
  it('shows whole minutes from ten minutes', () => {
    expect(durationWords(42 * 60_000 + 59_000)).toEqual({ key: 'time.minutes', params: { m: 42 } });
  });
  it('shows hours and minutes from an hour', () => {
    expect(durationWords(125 * 60_000)).toEqual({ key: 'time.hoursMinutes', params: { h: 2, m: 5 } });
  });
  it('never shows a negative wait (clock skew)', () => {
    expect(durationWords(-5000)).toEqual({ key: 'time.minutesSeconds', params: { m: 0, s: 0 } });
  });
});
