import { describe, expect, it } from 'vitest';
import { pickFitLevel, type FitOutcome } from './fitLevel';

/** Replays fixed outcomes and records which levels were tried. */
function replay(outcomes: FitOutcome[]) {
  const tried: number[] = [];
  const tryLevel = (level: number) => {
    tried.push(level);
    return Promise.resolve(outcomes[level]!);
  };
  return { tried, tryLevel };
}

describe('pickFitLevel', () => {
  it('keeps the biggest level that fits and stops trying there', async () => {
    const { tried, tryLevel } = replay(['overflows', 'clipped', 'fits', 'fits']);
    expect(await pickFitLevel(4, tryLevel)).toBe(2);
    expect(tried).toEqual([0, 1, 2]);
  });

  it('keeps a short name at the first (biggest) level', async () => {
    const { tried, tryLevel } = replay(['fits', 'fits']);
    expect(await pickFitLevel(2, tryLevel)).toBe(0);
    expect(tried).toEqual([0]);
  });

  it('prefers a clipped level that stays inside the box when none fits whole', async () => {
    const { tried, tryLevel } = replay(['overflows', 'overflows', 'clipped', 'clipped']);
    expect(await pickFitLevel(4, tryLevel)).toBe(2);
    expect(tried).toEqual([0, 1, 2, 3]);
  });

  it('prefers the whole main name over a bigger level that cuts it, even if the other language is cut', async () => {
    const { tryLevel } = replay(['overflows', 'clipped', 'secondaryClipped', 'secondaryClipped']);
    expect(await pickFitLevel(4, tryLevel)).toBe(2);
  });

  it('falls back to the smallest level when everything spills', async () => {
    const { tryLevel } = replay(['overflows', 'overflows', 'overflows']);
    expect(await pickFitLevel(3, tryLevel)).toBe(2);
  });

  it('has level 0 for an empty list', async () => {
    expect(await pickFitLevel(0, () => Promise.resolve('fits'))).toBe(0);
  });
});
