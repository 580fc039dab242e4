// Random halls and queues for the property tests of the queue (test support only: no product code
// imports this). Windows serve random services, some are elderly windows; waiting tickets are of
// every class, some overdue, some sent to one window, some returned no-shows with holds, some
// appointment tickets whose slot begins within an hour either side of NOW.
import fc from 'fast-check';
import type { QueueRules, QueueTicket, QueueWindow } from './policy';

export const MINUTE = 60_000;
export const NOW = Date.UTC(2026, 10, 30, 6, 0); // 14:00 in Asia/Shanghai
export const PRIORITY_CLASSES = ['elderly', 'disabled', 'military'];

export interface TestHall {
  serviceIds: number[];
  windows: QueueWindow[];
  rules: QueueRules;
}

export const rulesArb: fc.Arbitrary<QueueRules> = fc.record({
  mixRatio: fc.integer({ min: 1, max: 6 }),
  maxWaitMinutes: fc.integer({ min: 5, max: 90 }),
  elderlyWindowTakesOthers: fc.boolean(),
});

export const classArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant('normal') },
  { weight: 2, arbitrary: fc.constantFrom(...PRIORITY_CLASSES) },
);

export const testHallArb: fc.Arbitrary<TestHall> = fc.integer({ min: 1, max: 4 }).chain((serviceCount) => {
  const serviceIds = Array.from({ length: serviceCount }, (_, i) => i + 1);
  const windowArb = fc.record({
    serviceIds: fc.subarray(serviceIds, { minLength: 1 }),
    elderlyDedicated: fc.boolean(),
    normalStreak: fc.nat({ max: 7 }),
  });
  return fc
    .record({ windows: fc.array(windowArb, { minLength: 1, maxLength: 6 }), rules: rulesArb })
    .map(({ windows, rules }) => ({
      serviceIds,
      rules,
      windows: windows.map((w, i) => ({ ...w, id: i + 1 })),
    }));
});

/** Waiting tickets issued in whole minutes (ties are common), some targeted, some held no-shows. */
export function testWaitingArb(hall: TestHall, maxLength = 30): fc.Arbitrary<QueueTicket[]> {
  const entry = fc.record({
    serviceId: fc.constantFrom(...hall.serviceIds),
    priorityClass: classArb,
    ageMinutes: fc.integer({ min: 0, max: 150 }),
    target: fc.option(fc.constantFrom(...hall.windows.map((w) => w.id)), { freq: 6 }),
    hold: fc.option(fc.record({ ahead: fc.array(fc.nat(), { maxLength: 6 }), left: fc.nat({ max: 3 }) }), {
      freq: 6,
    }),
    slotInMinutes: fc.option(fc.integer({ min: -60, max: 60 }), { freq: 4 }),
  });
  return fc.array(entry, { maxLength }).map((entries) =>
    entries.map((e, i) => {
      const issuedAt = NOW - e.ageMinutes * MINUTE;
      const before =
        e.hold && i > 0 ? [...new Set(e.hold.ahead.map((n) => (n % i) + 1))].sort((a, b) => a - b) : [];
      return {
        id: i + 1,
        serviceId: e.serviceId,
        priorityClass: e.priorityClass,
        issuedAt,
        // A returned no-show's key is the time it came back.
        orderKey: e.hold ? Math.min(NOW, issuedAt + 20 * MINUTE) : issuedAt,
        sequence: i + 1,
        targetWindowId: e.target,
        requeueHold: e.hold ? { before, left: e.hold.left } : null,
        slotStart: e.slotInMinutes === null ? null : NOW + e.slotInMinutes * MINUTE,
      };
    }),
  );
}

export const testHallAndWaitingArb = testHallArb.chain((hall) =>
  fc.record({ hall: fc.constant(hall), waiting: testWaitingArb(hall) }),
);
