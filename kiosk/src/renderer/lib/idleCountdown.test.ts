import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdleCountdown, MIN_IDLE_SECONDS, effectiveIdleSeconds, warnSecondsFor } from './idleCountdown';

describe('effectiveIdleSeconds', () => {
  it('never goes under 60 s, whatever the config says', () => {
    expect(effectiveIdleSeconds(10, 90)).toBe(MIN_IDLE_SECONDS);
    expect(effectiveIdleSeconds(null, 30)).toBe(60);
    expect(effectiveIdleSeconds(120, 90)).toBe(120);
    expect(effectiveIdleSeconds(null, 90)).toBe(90);
    expect(effectiveIdleSeconds(Number.NaN, 75)).toBe(75);
  });
  it('warns during the last 30 s (or half of a short time-out)', () => {
    expect(warnSecondsFor(90)).toBe(30);
    expect(warnSecondsFor(60)).toBe(30);
    expect(warnSecondsFor(600)).toBe(30);
  });
});

describe('IdleCountdown', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function make(seconds = 60) {
    const ticks: number[] = [];
    const onTimeout = vi.fn();
    const countdown = new IdleCountdown({
      seconds,
      now: () => Date.now(),
      onTick: (s) => ticks.push(s),
      onTimeout,
    });
    return { countdown, ticks, onTimeout };
  }

  it('counts down visibly and fires once at the end', () => {
    const { countdown, ticks, onTimeout } = make(60);
    countdown.start();
    vi.advanceTimersByTime(30_000);
    expect(ticks.at(-1)).toBe(30);
    expect(onTimeout).not.toHaveBeenCalled();
    vi.advanceTimersByTime(30_000);
    expect(onTimeout).toHaveBeenCalledTimes(1);
    expect(ticks.at(-1)).toBe(0);
    vi.advanceTimersByTime(60_000);
    expect(onTimeout).toHaveBeenCalledTimes(1);
  });

  it('a touch starts the full time again', () => {
    const { countdown, onTimeout, ticks } = make(60);
    countdown.start();
    vi.advanceTimersByTime(50_000);
    countdown.touch();
    expect(ticks.at(-1)).toBe(60);
    vi.advanceTimersByTime(50_000);
    expect(onTimeout).not.toHaveBeenCalled();
    vi.advanceTimersByTime(10_000);
    expect(onTimeout).toHaveBeenCalledTimes(1);
  });

  it('follows the clock, not the number of ticks (a throttled page still resets on time)', () => {
    let clock = 0;
    const onTimeout = vi.fn();
    const countdown = new IdleCountdown({
      seconds: 60,
      now: () => clock,
      onTick: () => undefined,
      onTimeout,
    });
    countdown.start();
    clock = 61_000; // time jumped while timers were held back
    vi.advanceTimersByTime(250);
    expect(onTimeout).toHaveBeenCalledTimes(1);
  });

  it('touch does nothing when stopped (the idle screen has no countdown)', () => {
    const { countdown, ticks } = make(60);
    countdown.touch();
    expect(countdown.running).toBe(false);
    expect(ticks).toEqual([]);
  });
});
