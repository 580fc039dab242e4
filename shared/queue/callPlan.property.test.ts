// The call plan against the plain simulation it stands for: the windows take turns in order, each
// calling pickNext's choice (with orderWaiting's hold bookkeeping, afterCall) until nobody is left.
// "People ahead" is checked against that replay, against orderWaiting for a single window, and for
// a ticket taken now against a replay that includes it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Id } from '../contracts/entities';
import { FIGURES_PLAN, planCalls } from './callPlan';
import {
  afterCall,
  isEligible,
  nextStreak,
  orderWaiting,
  pickNext,
  type PickReason,
  type QueueRules,
  type QueueTicket,
  type QueueWindow,
} from './policy';
import {
  MINUTE,
  NOW,
  classArb,
  testHallAndWaitingArb,
  testHallArb,
  testWaitingArb,
  type TestHall,
} from './queueTestHalls';

interface ReplayStep {
  id: Id;
  windowId: Id;
  round: number;
  reason: PickReason;
}

/** The naive simulation: every round, every window in turn asks pickNext over what is left. */
function replay(
  windows: readonly QueueWindow[],
  waiting: readonly QueueTicket[],
  rules: QueueRules,
  now: number,
): ReplayStep[] {
  let remaining: readonly QueueTicket[] = [...waiting];
  const streaks = windows.map((w) => w.normalStreak);
  const steps: ReplayStep[] = [];
  for (let round = 0; ; round += 1) {
    let called = false;
    windows.forEach((w, slot) => {
      const window = { ...w, normalStreak: streaks[slot]! };
      const pick = pickNext(window, remaining, rules, now);
      if (!pick) return;
      called = true;
      steps.push({ id: pick.ticket.id, windowId: w.id, round, reason: pick.reason });
      remaining = afterCall(
        remaining.filter((t) => t !== pick.ticket),
        pick.ticket,
        window,
        rules,
      );
      streaks[slot] = nextStreak(window, pick.ticket);
    });
    if (!called) return steps;
  }
}

/** Calls before `id`'s made by the windows that may serve it. */
function aheadInReplay(
  steps: readonly ReplayStep[],
  ticket: QueueTicket,
  hall: TestHall,
  windows: readonly QueueWindow[],
): number | null {
  const index = steps.findIndex((s) => s.id === ticket.id);
  if (index < 0) return null;
  const serving = new Set(windows.filter((w) => isEligible(w, ticket, hall.rules)).map((w) => w.id));
  return steps.slice(0, index).filter((s) => serving.has(s.windowId)).length;
}

function newcomer(serviceId: number, priority: boolean, now: number): QueueTicket {
  return {
    id: 10_000,
    serviceId,
    priorityClass: priority ? 'elderly' : 'normal',
    issuedAt: now,
    orderKey: now,
    sequence: 10_000,
    targetWindowId: null,
    requeueHold: null,
  };
}

const caseArb = fc.record({
  hallAndWaiting: testHallAndWaitingArb,
  shiftMinutes: fc.integer({ min: 0, max: 120 }),
  /** Which windows are open (the plan runs over open windows only). */
  open: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
});

describe('call plan', () => {
  it('makes exactly the calls of the windows taking turns with pickNext', () => {
    fc.assert(
      fc.property(caseArb, ({ hallAndWaiting: { hall, waiting }, shiftMinutes, open }) => {
        const now = NOW + shiftMinutes * MINUTE;
        const windows = hall.windows.filter((_, i) => open[i]);
        const plan = planCalls(windows, waiting, hall.rules, now);
        const expected = replay(windows, waiting, hall.rules, now);
        expect(
          plan.steps.map((s) => ({
            id: s.ticket.id,
            windowId: s.windowId,
            round: s.round,
            reason: s.reason,
          })),
        ).toEqual(expected);
        for (const t of waiting) {
          expect(plan.peopleAhead(t)).toBe(aheadInReplay(expected, t, hall, windows));
          expect(plan.windowsFor(t)).toBe(windows.filter((w) => isEligible(w, t, hall.rules)).length);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('for the figures, counts every appointment ticket as due: the calls of pickNext once all slots have begun', () => {
    let rule7 = 0;
    fc.assert(
      fc.property(caseArb, ({ hallAndWaiting: { hall, waiting: generated }, shiftMinutes, open }) => {
        const now = NOW + shiftMinutes * MINUTE;
        const windows = hall.windows.filter((_, i) => open[i]);
        // As generated, and with a patient hall and no returned no-shows (overdue tickets and
        // returned no-shows go first and leave rule 7 little to do).
        const patient = { ...hall.rules, maxWaitMinutes: 600 };
        const noHolds = generated.map((t) => ({ ...t, requeueHold: null }));
        for (const [rules, waiting] of [
          [hall.rules, generated],
          [patient, noHolds],
        ] as const) {
          const plan = planCalls(windows, waiting, rules, now, FIGURES_PLAN);
          // The same tickets with every slot moved back by one amount so that all have begun by now
          // (their order kept; the maximum-wait rule still reads now).
          const latest = Math.max(now, ...waiting.map((t) => t.slotStart ?? now));
          const begun = waiting.map((t) =>
            t.slotStart == null ? t : { ...t, slotStart: t.slotStart - (latest - now) },
          );
          const expected = replay(windows, begun, rules, now);
          expect(
            plan.steps.map((s) => ({
              id: s.ticket.id,
              windowId: s.windowId,
              round: s.round,
              reason: s.reason,
            })),
          ).toEqual(expected);
          for (const t of waiting)
            expect(plan.peopleAhead(t)).toBe(aheadInReplay(expected, t, { ...hall, rules }, windows));
          rule7 += expected.filter((s) => s.reason === 'appointment_due').length;
        }
      }),
      { numRuns: 800 },
    );
    // The property must see booked visitors go ahead, not only plans without any.
    expect(rule7).toBeGreaterThan(50);
  });

  it('a walk-in is never told fewer people ahead than when the booked visitors are due now', () => {
    fc.assert(
      fc.property(caseArb, ({ hallAndWaiting: { hall, waiting }, shiftMinutes, open }) => {
        const now = NOW + shiftMinutes * MINUTE;
        const windows = hall.windows.filter((_, i) => open[i]);
        const figures = planCalls(windows, waiting, hall.rules, now, FIGURES_PLAN);
        const atNow = planCalls(windows, waiting, hall.rules, now);
        for (const t of waiting) {
          if (t.slotStart != null || t.priorityClass !== 'normal' || t.requeueHold) continue;
          const told = figures.peopleAhead(t);
          const plain = atNow.peopleAhead(t);
          if (told !== null && plain !== null) expect(told).toBeGreaterThanOrEqual(plain);
        }
      }),
      { numRuns: 800 },
    );
  });

  it('with one window, people ahead is the place in orderWaiting', () => {
    fc.assert(
      fc.property(caseArb, ({ hallAndWaiting: { hall, waiting }, shiftMinutes }) => {
        const now = NOW + shiftMinutes * MINUTE;
        for (const window of hall.windows) {
          const order = orderWaiting(window, waiting, hall.rules, now).map((p) => p.ticket.id);
          const plan = planCalls([window], waiting, hall.rules, now);
          expect(plan.steps.map((s) => s.ticket.id)).toEqual(order);
          for (const t of waiting) {
            const place = order.indexOf(t.id);
            expect(plan.peopleAhead(t)).toBe(place < 0 ? null : place);
          }
        }
      }),
      { numRuns: 800 },
    );
  });

  it('tells a ticket taken now its place without running the plan again', () => {
    fc.assert(
      fc.property(
        caseArb,
        fc.boolean(),
        fc.nat(),
        ({ hallAndWaiting: { hall, waiting }, shiftMinutes, open }, priority, pickService) => {
          const now = NOW + shiftMinutes * MINUTE;
          const windows = hall.windows.filter((_, i) => open[i]);
          const serviceId = hall.serviceIds[pickService % hall.serviceIds.length]!;
          const plan = planCalls(windows, waiting, hall.rules, now);
          const taken = newcomer(serviceId, priority, now);
          const withIt = replay(windows, [...waiting, taken], hall.rules, now);
          const expected = aheadInReplay(withIt, taken, hall, windows);
          const place = plan.newcomer(serviceId, priority);
          expect(place?.peopleAhead ?? null).toBe(expected);
          expect(place?.windows ?? 0).toBe(windows.filter((w) => isEligible(w, taken, hall.rules)).length);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('adds a ticket taken now in place when nothing else changes, exactly as a new plan would', () => {
    let added = 0;
    fc.assert(
      fc.property(
        caseArb,
        fc.array(fc.record({ priority: fc.boolean(), service: fc.nat() }), { minLength: 1, maxLength: 6 }),
        ({ hallAndWaiting: { hall, waiting }, shiftMinutes, open }, arrivals) => {
          const now = NOW + shiftMinutes * MINUTE;
          const windows = hall.windows.filter((_, i) => open[i]);
          let queue: QueueTicket[] = [...waiting];
          let plan = planCalls(windows, queue, hall.rules, now);
          arrivals.forEach((a, n) => {
            const serviceId = hall.serviceIds[a.service % hall.serviceIds.length]!;
            const taken = { ...newcomer(serviceId, a.priority, now), id: 10_000 + n, sequence: 10_000 + n };
            queue = [...queue, taken];
            if (plan.addNewcomer(taken)) added += 1;
            else plan = planCalls(windows, queue, hall.rules, now);
            const fresh = planCalls(windows, queue, hall.rules, now);
            // The same calls in the same turns (an earlier call's reason may read "only normal
            // waiting" where a new plan says "by ratio": the newcomer was not there when it was planned).
            expect(plan.steps.map((s) => [s.ticket.id, s.windowId, s.round])).toEqual(
              fresh.steps.map((s) => [s.ticket.id, s.windowId, s.round]),
            );
            for (const t of queue) expect(plan.peopleAhead(t)).toBe(fresh.peopleAhead(t));
            for (const id of hall.serviceIds) {
              for (const p of [false, true]) expect(plan.newcomer(id, p)).toEqual(fresh.newcomer(id, p));
            }
          });
        },
      ),
      { numRuns: 800 },
    );
    // The shortcut must actually be taken, not only the fallback.
    expect(added).toBeGreaterThan(500);
  });

  it('takes in a newcomer of any class mid-plan, exactly as a new plan over everyone would, call for call', () => {
    let midPlan = 0;
    const longQueueArb = fc.record({
      hallAndWaiting: testHallArb.chain((hall) =>
        fc.record({ hall: fc.constant(hall), waiting: testWaitingArb(hall, 80) }),
      ),
      shiftMinutes: fc.integer({ min: 0, max: 120 }),
      open: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
      figures: fc.boolean(),
    });
    fc.assert(
      fc.property(
        longQueueArb,
        fc.array(fc.record({ priorityClass: classArb, service: fc.nat() }), { minLength: 1, maxLength: 12 }),
        ({ hallAndWaiting: { hall, waiting }, shiftMinutes, open, figures }, arrivals) => {
          const now = NOW + shiftMinutes * MINUTE;
          const options = figures ? FIGURES_PLAN : {};
          const windows = hall.windows.filter((_, i) => open[i]);
          let queue: QueueTicket[] = [...waiting];
          const plan = planCalls(windows, queue, hall.rules, now, options);
          arrivals.forEach((a, n) => {
            const serviceId = hall.serviceIds[a.service % hall.serviceIds.length]!;
            const taken: QueueTicket = {
              ...newcomer(serviceId, false, now),
              priorityClass: a.priorityClass,
              id: 10_000 + n,
              sequence: 10_000 + n,
            };
            queue = [...queue, taken];
            // Nothing the newcomer brings (no hold, target or slot, not overdue) makes the plan refuse it.
            expect(plan.addNewcomer(taken)).toBe(true);
            const fresh = planCalls(windows, queue, hall.rules, now, options);
            expect(plan.steps.map((s) => [s.ticket.id, s.windowId, s.round, s.slot])).toEqual(
              fresh.steps.map((s) => [s.ticket.id, s.windowId, s.round, s.slot]),
            );
            for (const t of queue) {
              expect(plan.peopleAhead(t)).toBe(fresh.peopleAhead(t));
              expect(plan.callOf(t.id)?.round ?? null).toBe(fresh.callOf(t.id)?.round ?? null);
            }
            for (const id of hall.serviceIds) {
              for (const p of [false, true]) expect(plan.newcomer(id, p)).toEqual(fresh.newcomer(id, p));
            }
            const call = fresh.callOf(taken.id);
            if (call && fresh.steps.some((s) => s.windowId === call.windowId && s.round > call.round))
              midPlan += 1;
          });
        },
      ),
      { numRuns: 600 },
    );
    // Newcomers that go before calls already planned at their window must be common here.
    expect(midPlan).toBeGreaterThan(300);
  });

  it('takes in several newcomers before anyone reads the plan (one group commit), exactly as a new plan', () => {
    let owed = 0;
    const longQueueArb = fc.record({
      hallAndWaiting: testHallArb.chain((hall) =>
        fc.record({ hall: fc.constant(hall), waiting: testWaitingArb(hall, 80) }),
      ),
      shiftMinutes: fc.integer({ min: 0, max: 120 }),
      open: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
    });
    const batchArb = fc.array(fc.record({ priorityClass: classArb, service: fc.nat() }), {
      minLength: 1,
      maxLength: 8,
    });
    fc.assert(
      fc.property(
        longQueueArb,
        fc.array(batchArb, { minLength: 1, maxLength: 4 }),
        ({ hallAndWaiting: { hall, waiting }, shiftMinutes, open }, batches) => {
          const now = NOW + shiftMinutes * MINUTE;
          const windows = hall.windows.filter((_, i) => open[i]);
          let queue: QueueTicket[] = [...waiting];
          const plan = planCalls(windows, queue, hall.rules, now, FIGURES_PLAN);
          let n = 0;
          for (const batch of batches) {
            for (const a of batch) {
              const serviceId = hall.serviceIds[a.service % hall.serviceIds.length]!;
              const taken: QueueTicket = {
                ...newcomer(serviceId, false, now),
                priorityClass: a.priorityClass,
                id: 10_000 + n,
                sequence: 10_000 + n,
              };
              n += 1;
              queue = [...queue, taken];
              expect(plan.addNewcomer(taken)).toBe(true);
            }
            if (batch.some((a) => a.priorityClass !== 'normal')) owed += 1;
            // Read only now, as the answers of one group commit are.
            const fresh = planCalls(windows, queue, hall.rules, now, FIGURES_PLAN);
            for (const id of hall.serviceIds) {
              for (const p of [false, true]) expect(plan.newcomer(id, p)).toEqual(fresh.newcomer(id, p));
            }
            for (const t of queue) expect(plan.peopleAhead(t)).toBe(fresh.peopleAhead(t));
            expect(plan.steps.map((s) => [s.ticket.id, s.windowId, s.round, s.slot])).toEqual(
              fresh.steps.map((s) => [s.ticket.id, s.windowId, s.round, s.slot]),
            );
          }
        },
      ),
      { numRuns: 500 },
    );
    expect(owed).toBeGreaterThan(300);
  });
});
