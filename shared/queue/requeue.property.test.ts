// Requeue as the visitor is promised it (issue 14, item 4): after a no-show comes back, exactly
// `requeueOffset` of the people then waiting for the windows that serve them are called before them
// at those windows (fewer only if fewer are left), whatever their classes and services; then they
// are next at the first of those windows that calls. Checked by simulating windows calling under
// the policy, with newcomers arriving meanwhile.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { afterCall, isEligible, nextStreak, pickNext, type QueueTicket, type QueueWindow } from './policy';
import { isHeld, newRequeueHold } from './requeueHold';
import { classArb, MINUTE, NOW, testHallArb, testWaitingArb } from './queueTestHalls';

const stepArb = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('call' as const), window: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('arrive' as const),
      service: fc.nat(),
      priorityClass: classArb,
    }),
  },
);

const scenarioArb = testHallArb.chain((hall) =>
  fc.record({
    hall: fc.constant(hall),
    // Plain waiting tickets (no holds): the no-show is the one coming back.
    waiting: testWaitingArb(hall, 25).map((list) => list.map((t) => ({ ...t, requeueHold: null }))),
    noShow: fc.record({
      service: fc.nat(),
      priorityClass: classArb,
      target: fc.option(fc.nat(), { freq: 5 }),
    }),
    offset: fc.nat({ max: 6 }),
    steps: fc.array(stepArb, { maxLength: 80 }),
  }),
);

describe('a returned no-show goes back exactly requeueOffset places', () => {
  it('is called after exactly `offset` of those then waiting for its windows, then next there', () => {
    let exact = 0;
    let fewer = 0;
    fc.assert(
      fc.property(scenarioArb, ({ hall, waiting, noShow, offset, steps }) => {
        const { rules } = hall;
        const now = NOW + 30 * MINUTE;
        const serviceId = hall.serviceIds[noShow.service % hall.serviceIds.length]!;
        const servers = hall.windows.filter((w) => w.serviceIds.includes(serviceId));
        const target =
          noShow.target !== null && servers.length > 0 ? servers[noShow.target % servers.length]!.id : null;
        const back: QueueTicket = {
          id: 500,
          serviceId,
          priorityClass: noShow.priorityClass,
          issuedAt: NOW - 100 * MINUTE,
          orderKey: now,
          sequence: 500,
          targetWindowId: target,
          requeueHold: null,
        };
        const itsWindows = hall.windows.filter((w) => isEligible(w, back, rules));
        const competes = (t: QueueTicket): boolean => itsWindows.some((w) => isEligible(w, t, rules));
        const hold = newRequeueHold(back, waiting, offset, competes);
        const thenWaiting = new Set(hold.before);
        let remaining: readonly QueueTicket[] = [...waiting, { ...back, requeueHold: hold }];
        const windows: QueueWindow[] = hall.windows.map((w) => ({ ...w }));
        let calledAhead = 0; // of those then waiting, called at its windows before it
        let dueSince: number | null = null; // call index at which it stopped being held
        let calls = 0;
        let nextId = 1000;

        const callAt = (index: number): boolean => {
          const w = windows[index]!;
          const pick = pickNext(w, remaining, rules, now);
          if (!pick) return false;
          const servesIt = isEligible(w, back, rules);
          const me = remaining.find((t) => t.id === back.id)!;
          if (pick.ticket.id === back.id) {
            if (isHeld(me)) {
              // Only where nobody else waits for that window.
              expect(remaining.filter((t) => t.id !== back.id && isEligible(w, t, rules))).toEqual([]);
            } else {
              const leftOfThen = remaining.filter((t) => thenWaiting.has(t.id) && competes(t)).length;
              expect(calledAhead === offset || (calledAhead < offset && leftOfThen === 0)).toBe(true);
              if (calledAhead === offset) exact += 1;
              else fewer += 1;
            }
            return true;
          }
          // Once its places are called, the next call at a window that serves it is its own.
          if (dueSince !== null) expect(servesIt).toBe(false);
          if (servesIt && thenWaiting.has(pick.ticket.id)) calledAhead += 1;
          expect(calledAhead).toBeLessThanOrEqual(offset);
          remaining = afterCall(
            remaining.filter((t) => t !== pick.ticket),
            pick.ticket,
            w,
            rules,
          );
          windows[index] = { ...w, normalStreak: nextStreak(w, pick.ticket) };
          calls += 1;
          if (dueSince === null && !isHeld(remaining.find((t) => t.id === back.id)!)) dueSince = calls;
          return false;
        };

        if (!isHeld(remaining.find((t) => t.id === back.id)!)) dueSince = 0;
        for (const step of steps) {
          if (step.kind === 'arrive') {
            const id = nextId++;
            remaining = [
              ...remaining,
              {
                id,
                serviceId: hall.serviceIds[step.service % hall.serviceIds.length]!,
                priorityClass: step.priorityClass,
                issuedAt: now,
                orderKey: now,
                sequence: id,
                targetWindowId: null,
                requeueHold: null,
              },
            ];
            continue;
          }
          if (callAt(step.window % windows.length)) return;
        }
        // Then the windows keep calling in turn until it is called (or nobody can call it).
        for (let n = 0; n < 400 && itsWindows.length > 0; n += 1) if (callAt(n % windows.length)) return;
        expect(itsWindows).toEqual([]);
      }),
      { numRuns: 1500 },
    );
    // Both outcomes are exercised: the full offset, and fewer when fewer were waiting.
    expect(exact).toBeGreaterThan(200);
    expect(fewer).toBeGreaterThan(50);
  });
});
