// A server that keeps its process clock in the hall's zone reads the hall's calendar and clock from
// Date instead of Intl formatters (adoptProcessZone). Both ways must say exactly the same thing,
// across daylight-saving changes, half-hour and 45-minute zones and local midnights that do not
// exist, and the Date way must really make no formatter (that is what saves the memory).
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  adoptProcessZone,
  atHallTime,
  businessDay,
  clockTime,
  dateTime,
  hourInZone,
  isValidTimeZone,
  startOfDay,
} from './hallTime';

const ZONES = [
  'Asia/Shanghai',
  'America/New_York', // DST at 02:00
  'Europe/London',
  'Australia/Lord_Howe', // a 30-minute DST shift
  'Asia/Kathmandu', // +05:45
  'America/Santiago', // DST changes at local midnight: some days start at 01:00
];

const savedTz = process.env.TZ;
afterEach(() => {
  adoptProcessZone(null);
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

function inProcessZone<T>(zone: string, read: () => T): T {
  process.env.TZ = zone;
  adoptProcessZone(zone);
  try {
    return read();
  } finally {
    adoptProcessZone(null);
  }
}

const readClock = (ms: number, zone: string) => [
  businessDay(ms, zone),
  hourInZone(ms, zone),
  clockTime(ms, zone),
  dateTime(ms, zone),
];

const days2026 = Array.from({ length: 365 }, (_, i) =>
  new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10),
);

describe('the process clock in the hall zone', () => {
  for (const zone of ZONES) {
    it(`reads the same calendar and clock as the formatters in ${zone}`, () => {
      fc.assert(
        fc.property(fc.integer({ min: Date.UTC(1980, 0, 1), max: Date.UTC(2080, 0, 1) }), (ms) => {
          const viaFormatters = readClock(ms, zone);
          expect(inProcessZone(zone, () => readClock(ms, zone))).toEqual(viaFormatters);
        }),
        { numRuns: 300 },
      );
      // Every quarter hour of 2026, which holds both of the zone's daylight-saving changes.
      const instants: number[] = [];
      for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 15 * 60_000) instants.push(ms);
      const viaFormatters = instants.map((ms) => readClock(ms, zone).join(' '));
      const viaDate = inProcessZone(zone, () => instants.map((ms) => readClock(ms, zone).join(' ')));
      const differing = instants.filter((_, i) => viaDate[i] !== viaFormatters[i]);
      expect(differing.map((ms) => new Date(ms).toISOString())).toEqual([]);
    });

    it(`finds the same local midnights and opening times in ${zone}`, () => {
      const read = (day: string) => [
        startOfDay(day, zone),
        atHallTime(day, '08:30', zone),
        atHallTime(day, '24:00', zone),
      ];
      const viaFormatters = days2026.map((day) => read(day).join(' '));
      const viaDate = inProcessZone(zone, () => days2026.map((day) => read(day).join(' ')));
      expect(days2026.filter((_, i) => viaDate[i] !== viaFormatters[i])).toEqual([]);
    });
  }

  it('makes no Intl formatter for the process zone, and still does for any other zone', () => {
    // Zones no other test here reads: their formatters are not made yet, so either way would show.
    const zone = 'Asia/Ulaanbaatar';
    expect(isValidTimeZone(zone)).toBe(true);
    const RealFormat = Intl.DateTimeFormat;
    let made = 0;
    // Counts formatters made; `new` on a function that returns an object yields that object.
    const countingFormat = function (...args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
      made += 1;
      return new RealFormat(...args);
    };
    (Intl as { DateTimeFormat: unknown }).DateTimeFormat = countingFormat;
    try {
      inProcessZone(zone, () => {
        const ms = Date.UTC(2031, 4, 6, 7, 8); // an instant no test before has asked about
        readClock(ms, zone);
        startOfDay('2031-05-07', zone);
        atHallTime('2031-05-07', '17:45', zone);
        expect(made).toBe(0);
        readClock(ms, 'Asia/Tokyo');
        startOfDay('2031-05-07', 'Asia/Tokyo');
      });
      expect(made).toBeGreaterThan(0);
    } finally {
      Intl.DateTimeFormat = RealFormat;
    }
  });

  it('still accepts zone aliases and refuses unknown zones', () => {
    expect(isValidTimeZone('Asia/Chongqing')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});
