// Property tests of the queue policy over random halls and random days (DESIGN §5). The oracles
// below restate each rule independently of policy.ts, so a change to the policy that breaks a
// rule fails here even if the example tests were changed with it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  afterCall,
  compareQueueOrder,
  isEligible,
  nextStreak,
  orderWaiting,
  pickNext,
  type Pick,
  type QueueRules,
  type QueueTicket,
  type QueueWindow,
} from './policy';
import { newRequeueHold } from './requeueHold';

const MINUTE = 60_000;
const NOW = Date.UTC(2026, 10, 30, 6, 0); // 14:00 in Asia/Shanghai
const PRIORITY_CLASSES = ['elderly', 'disabled', 'military'];

interface Hall {
  serviceIds: number[];
  windows: QueueWindow[];
  rules: QueueRules;
}

// ---- independent oracles ----
const priority = (t: QueueTicket): boolean => t.priorityClass !== 'normal';
const limitMs = (rules: QueueRules): number => rules.maxWaitMinutes * MINUTE;
/** A requeued no-show waits from its new place (orderKey), everyone else from the issue time. */
const since = (t: QueueTicket): number => Math.max(t.issuedAt, t.orderKey);
const overdue = (t: QueueTicket, rules: QueueRules, now: number): boolean => now - since(t) > limitMs(rules);
/** An appointment ticket whose booked slot has begun (unless it was requeued: its turn is spent). */
const dueAppointment = (t: QueueTicket, now: number): boolean =>
  t.slotStart !== undefined &&
  t.slotStart !== null &&
  t.slotStart <= now &&
  !t.requeueHold &&
  t.orderKey === t.issuedAt;
/** The same tickets as if nobody had booked (every appointment a walk-in). */
const withoutBookings = (tickets: readonly QueueTicket[]): QueueTicket[] =>
  tickets.map((t) => ({ ...t, slotStart: null }));

function mayServe(w: QueueWindow, t: QueueTicket, rules: QueueRules): boolean {
  if (!w.serviceIds.includes(t.serviceId)) return false;
  if (t.targetWindowId !== null) return t.targetWindowId === w.id;
  return !(w.elderlyDedicated && !rules.elderlyWindowTakesOthers && !priority(t));
}

/** Asserts every rule that concerns one pick; used by the one-shot properties and inside the days. */
function checkPick(
  w: QueueWindow,
  waiting: readonly QueueTicket[],
  rules: QueueRules,
  now: number,
): Pick | null {
  const pick = pickNext(w, waiting, rules, now);
  const eligible = waiting.filter((t) => mayServe(w, t, rules));
  if (eligible.length === 0) {
    expect(pick).toBeNull();
    return null;
  }
  expect(pick).not.toBeNull();
  const chosen = pick!.ticket;
  expect(waiting).toContain(chosen);
  // Rule 4: a returned no-show whose places were called goes first; a held one only where nobody
  // else waits for this window.
  const stillHeld = (t: QueueTicket): boolean =>
    !!t.requeueHold && t.requeueHold.left > 0 && t.requeueHold.before.length > 0;
  const due = eligible.filter((t) => !!t.requeueHold && !stillHeld(t)).sort(compareQueueOrder);
  if (due.length > 0 || eligible.every(stillHeld)) {
    expect(pick!.reason).toBe('requeue_due');
    expect(chosen).toBe(due[0] ?? [...eligible].sort(compareQueueOrder)[0]);
    return pick;
  }
  const free = eligible.filter((t) => !stillHeld(t));
  expect(w.serviceIds).toContain(chosen.serviceId);
  if (chosen.targetWindowId !== null) expect(chosen.targetWindowId).toBe(w.id);
  else if (w.elderlyDedicated && !rules.elderlyWindowTakesOthers) expect(priority(chosen)).toBe(true);

  const late = free.filter((t) => overdue(t, rules, now));
  if (late.length > 0) {
    const oldest = Math.min(...late.map(since));
    expect(pick!.reason).toBe('overdue');
    expect(since(chosen)).toBe(oldest);
    expect(late.filter((t) => since(t) === oldest).every((t) => compareQueueOrder(chosen, t) <= 0)).toBe(
      true,
    );
    return pick;
  }
  const firstOf = (list: QueueTicket[]): QueueTicket | undefined => [...list].sort(compareQueueOrder)[0];
  const firstPriority = firstOf(free.filter(priority));
  // Rule 7: the normal line's head gives way to a due appointment of its own service (earliest slot).
  const normalHead = firstOf(free.filter((t) => !priority(t)));
  const dueOfHeadService = free
    .filter((t) => !priority(t) && dueAppointment(t, now) && t.serviceId === normalHead?.serviceId)
    .sort((a, b) => a.slotStart! - b.slotStart! || compareQueueOrder(a, b));
  const firstNormal = dueOfHeadService[0] ?? normalHead;
  let expected: QueueTicket | undefined;
  if (w.elderlyDedicated) expected = firstPriority ?? firstNormal;
  else if (firstPriority && firstNormal)
    expected = w.normalStreak >= rules.mixRatio ? firstPriority : firstNormal;
  else expected = firstPriority ?? firstNormal;
  expect(chosen).toBe(expected);
  return pick;
}

// ---- generators ----
const rulesArb: fc.Arbitrary<QueueRules> = fc.record({
  mixRatio: fc.integer({ min: 1, max: 6 }),
  maxWaitMinutes: fc.integer({ min: 5, max: 90 }),
  elderlyWindowTakesOthers: fc.boolean(),
});

const hallArb: fc.Arbitrary<Hall> = fc.integer({ min: 1, max: 4 }).chain((serviceCount) => {
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

const classArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant('normal') },
  { weight: 2, arbitrary: fc.constantFrom(...PRIORITY_CLASSES) },
);

/** Waiting tickets issued in whole minutes (so issue times often tie), some requeued or targeted. */
function waitingArb(hall: Hall): fc.Arbitrary<QueueTicket[]> {
  const entry = fc.record({
    serviceId: fc.constantFrom(...hall.serviceIds),
    priorityClass: classArb,
    ageMinutes: fc.integer({ min: 0, max: 150 }),
    requeuedAfterMinutes: fc.option(fc.double({ min: 0, max: 150, noNaN: true }), { freq: 5 }),
    target: fc.option(fc.constantFrom(...hall.windows.map((w) => w.id)), { freq: 6 }),
    /** Some visitors booked: their slot begins this many minutes from NOW (before or after). */
    slotInMinutes: fc.option(fc.integer({ min: -60, max: 60 }), { freq: 3 }),
    /** A returned no-show: which of the tickets listed before it it waits behind, and for how many calls. */
    hold: fc.option(fc.record({ ahead: fc.array(fc.nat(), { maxLength: 6 }), left: fc.nat({ max: 3 }) }), {
      freq: 8,
    }),
  });
  return fc.array(entry, { maxLength: 30 }).map((entries) =>
    entries.map((e, i) => {
      const before = e.hold
        ? [...new Set(i > 0 ? e.hold.ahead.map((n) => (n % i) + 1) : [])].sort((a, b) => a - b)
        : [];
      const issuedAt = NOW - e.ageMinutes * MINUTE;
      const requeued =
        e.requeuedAfterMinutes === null ? null : Math.min(NOW, issuedAt + e.requeuedAfterMinutes * MINUTE);
      return {
        id: i + 1,
        serviceId: e.serviceId,
        priorityClass: e.priorityClass,
        issuedAt,
        orderKey: requeued ?? issuedAt,
        sequence: i + 1,
        targetWindowId: e.target,
        requeueHold: e.hold ? { before, left: e.hold.left } : null,
        slotStart: e.slotInMinutes === null ? null : NOW + e.slotInMinutes * MINUTE,
      };
    }),
  );
}

const hallAndWaitingArb = hallArb.chain((hall) =>
  fc.record({ hall: fc.constant(hall), waiting: waitingArb(hall) }),
);

/** Deterministic shuffle from a list of random numbers, so fast-check can shrink it. */
function shuffled<T>(items: readonly T[], seeds: readonly number[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = (seeds[i % Math.max(1, seeds.length)] ?? 0) % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('queue policy properties over random halls', () => {
  it('every pick obeys eligibility, elderly-window, ratio and overdue rules', () => {
    fc.assert(
      fc.property(hallAndWaitingArb, fc.integer({ min: -5, max: 150 }), ({ hall, waiting }, shiftMinutes) => {
        const now = NOW + shiftMinutes * MINUTE;
        for (const w of hall.windows) checkPick(w, waiting, hall.rules, now);
      }),
      { numRuns: 1500 },
    );
  });

  it('an elderly window takes a waiting priority ticket unless one is overdue, and never a normal one when forbidden', () => {
    fc.assert(
      fc.property(hallAndWaitingArb, ({ hall, waiting }) => {
        for (const w of hall.windows.filter((x) => x.elderlyDedicated)) {
          const pick = pickNext(w, waiting, hall.rules, NOW);
          // Returned no-shows (rule 4) are first or held back; the class rule is about the others.
          const eligible = waiting.filter((t) => mayServe(w, t, hall.rules) && !t.requeueHold);
          const anyOverdue = eligible.some((t) => overdue(t, hall.rules, NOW));
          if (pick?.reason !== 'requeue_due' && !anyOverdue && eligible.some(priority))
            expect(priority(pick!.ticket)).toBe(true);
          if (!hall.rules.elderlyWindowTakesOthers && pick && pick.ticket.targetWindowId === null) {
            expect(priority(pick.ticket)).toBe(true);
          }
        }
      }),
      { numRuns: 800 },
    );
  });

  it('is deterministic: the same tickets in any input order give the same pick', () => {
    fc.assert(
      fc.property(
        hallAndWaitingArb,
        fc.array(fc.nat(), { minLength: 1, maxLength: 40 }),
        ({ hall, waiting }, seeds) => {
          const mixed = shuffled(waiting, seeds);
          for (const w of hall.windows) {
            const a = pickNext(w, waiting, hall.rules, NOW);
            const b = pickNext(w, mixed, hall.rules, NOW);
            expect(b?.ticket.id).toBe(a?.ticket.id);
            expect(b?.reason).toBe(a?.reason);
            expect(pickNext(w, waiting, hall.rules, NOW)).toEqual(a);
          }
        },
      ),
      { numRuns: 800 },
    );
  });

  it('orderWaiting lists each eligible ticket exactly once, starting with pickNext', () => {
    fc.assert(
      fc.property(hallAndWaitingArb, ({ hall, waiting }) => {
        for (const w of hall.windows) {
          const order = orderWaiting(w, waiting, hall.rules, NOW);
          const eligibleIds = waiting.filter((t) => mayServe(w, t, hall.rules)).map((t) => t.id);
          expect(order.map((p) => p.ticket.id).sort((a, b) => a - b)).toEqual(
            eligibleIds.sort((a, b) => a - b),
          );
          expect(order[0] ?? null).toEqual(pickNext(w, waiting, hall.rules, NOW));
          // Replaying the order pick by pick, with the streak carried along, reproduces it.
          let window = w;
          let remaining: readonly QueueTicket[] = [...waiting];
          for (const step of order) {
            const replayed = checkPick(window, remaining, hall.rules, NOW)!;
            expect({ id: replayed.ticket.id, reason: replayed.reason }).toEqual({
              id: step.ticket.id,
              reason: step.reason,
            });
            remaining = afterCall(
              remaining.filter((t) => t !== replayed.ticket),
              replayed.ticket,
              window,
              hall.rules,
            );
            window = { ...window, normalStreak: nextStreak(window, step.ticket) };
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('appointments (rule 7) with the existing rules', () => {
  const shiftArb = fc.integer({ min: -70, max: 70 });

  it('bookings change only which normal ticket of the head service is called, never the class', () => {
    let displaced = 0;
    fc.assert(
      fc.property(hallAndWaitingArb, shiftArb, ({ hall, waiting: generated }, shift) => {
        const now = NOW + shift * MINUTE;
        // With the hall's maximum wait, and with one long enough that few are overdue; with the
        // returned no-shows as generated, and with none (they go first, leaving rule 7 little to do).
        const patient = { ...hall.rules, maxWaitMinutes: 600 };
        const noHolds = generated.map((t) => ({ ...t, requeueHold: null }));
        for (const [w, rules, waiting] of hall.windows.flatMap((x) => [
          [x, hall.rules, generated] as const,
          [x, patient, generated] as const,
          [x, patient, noHolds] as const,
        ])) {
          const booked = pickNext(w, waiting, rules, now);
          const walkIns = pickNext(w, withoutBookings(waiting), rules, now);
          if (!walkIns) {
            expect(booked).toBeNull();
            continue;
          }
          const plain = waiting.find((t) => t.id === walkIns.ticket.id)!;
          if (walkIns.reason === 'overdue' || walkIns.reason === 'requeue_due' || priority(plain)) {
            // Returned no-shows, overdue and priority picks (elderly windows, the ratio) are exactly
            // as without bookings.
            expect(booked).toEqual({ ticket: plain, reason: walkIns.reason });
            continue;
          }
          expect(priority(booked!.ticket)).toBe(false);
          expect(booked!.ticket.serviceId).toBe(plain.serviceId);
          if (booked!.ticket !== plain) {
            expect(dueAppointment(booked!.ticket, now)).toBe(true);
            expect(booked!.reason).toBe('appointment_due');
            displaced += 1;
          }
        }
      }),
      { numRuns: 1200 },
    );
    // The property must have seen the rule at work, not only picks it leaves alone.
    expect(displaced).toBeGreaterThan(20);
  });

  it('an elderly window calls exactly the priority tickets it would without bookings', () => {
    fc.assert(
      fc.property(hallAndWaitingArb, shiftArb, ({ hall, waiting }, shift) => {
        const now = NOW + shift * MINUTE;
        for (const w of hall.windows.filter((x) => x.elderlyDedicated)) {
          const booked = orderWaiting(w, waiting, hall.rules, now).filter((p) => priority(p.ticket));
          const walkIns = orderWaiting(w, withoutBookings(waiting), hall.rules, now).filter((p) =>
            priority(p.ticket),
          );
          expect(booked.map((p) => p.ticket.id)).toEqual(walkIns.map((p) => p.ticket.id));
        }
      }),
      { numRuns: 600 },
    );
  });

  it('before any slot begins, bookings change nothing', () => {
    fc.assert(
      fc.property(hallAndWaitingArb, ({ hall, waiting }) => {
        const earliestSlot = Math.min(...waiting.map((t) => t.slotStart ?? Infinity));
        const now = Math.min(NOW, earliestSlot - 1);
        for (const w of hall.windows) {
          const booked = orderWaiting(w, waiting, hall.rules, now).map((p) => [p.ticket.id, p.reason]);
          const walkIns = orderWaiting(w, withoutBookings(waiting), hall.rules, now).map((p) => [
            p.ticket.id,
            p.reason,
          ]);
          expect(booked).toEqual(walkIns);
        }
      }),
      { numRuns: 600 },
    );
  });

  it('never calls a walk-in while a due appointment of its service waits, unless the walk-in is overdue', () => {
    fc.assert(
      fc.property(hallAndWaitingArb, shiftArb, ({ hall, waiting }, shift) => {
        const now = NOW + shift * MINUTE;
        for (const w of hall.windows) {
          const pick = pickNext(w, waiting, hall.rules, now);
          if (!pick || pick.reason === 'overdue' || pick.reason === 'requeue_due') continue;
          if (priority(pick.ticket) || dueAppointment(pick.ticket, now)) continue;
          const dueSameService = waiting.filter(
            (t) =>
              mayServe(w, t, hall.rules) &&
              !priority(t) &&
              dueAppointment(t, now) &&
              t.serviceId === pick.ticket.serviceId,
          );
          expect(dueSameService).toEqual([]);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('ratio over long runs', () => {
  it('an ordinary window calls exactly mixRatio normal tickets, then one priority ticket, repeating', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 30, max: 120 }),
        fc.nat({ max: 8 }),
        (mixRatio, normalsWaiting, prioritiesWaiting, calls, startStreak) => {
          const rules: QueueRules = { mixRatio, maxWaitMinutes: 600, elderlyWindowTakesOthers: true };
          const streak = Math.min(startStreak, mixRatio);
          let window: QueueWindow = { id: 1, serviceIds: [1], elderlyDedicated: false, normalStreak: streak };
          let clock = NOW;
          let nextId = 1;
          const arrive = (priorityClass: string): QueueTicket => {
            clock += 1000;
            const id = nextId++;
            return {
              id,
              serviceId: 1,
              priorityClass,
              issuedAt: clock,
              orderKey: clock,
              sequence: id,
              targetWindowId: null,
            };
          };
          let waiting = [
            ...Array.from({ length: normalsWaiting }, () => arrive('normal')),
            ...Array.from({ length: prioritiesWaiting }, () => arrive('elderly')),
          ];
          const classes: string[] = [];
          for (let n = 0; n < calls; n += 1) {
            clock += 1000;
            const pick = pickNext(window, waiting, rules, clock)!;
            classes.push(priority(pick.ticket) ? 'P' : 'N');
            // Both classes always wait: whoever was called is replaced by a newcomer of the same class.
            waiting = [...waiting.filter((t) => t !== pick.ticket), arrive(pick.ticket.priorityClass)];
            window = { ...window, normalStreak: nextStreak(window, pick.ticket) };
          }
          // The window first finishes the streak it has, then repeats the cycle.
          const cycle = 'N'.repeat(mixRatio) + 'P';
          const expected =
            'N'.repeat(mixRatio - streak) + 'P' + cycle.repeat(Math.ceil(calls / cycle.length));
          expect(classes.join('')).toBe(expected.slice(0, calls));
        },
      ),
      { numRuns: 300 },
    );
  });
});

// ---- simulated days ----
type Step =
  | { kind: 'arrive'; service: number; priorityClass: string; dtSeconds: number }
  | {
      kind: 'call';
      window: number;
      outcome: 'done' | 'noShow' | 'transfer';
      toService: number;
      targeted: boolean;
      dtSeconds: number;
    };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('arrive' as const),
    service: fc.nat(),
    priorityClass: classArb,
    dtSeconds: fc.integer({ min: 0, max: 240 }),
  }),
  fc.record({
    kind: fc.constant('call' as const),
    window: fc.nat(),
    outcome: fc.constantFrom('done' as const, 'done' as const, 'noShow' as const, 'transfer' as const),
    toService: fc.nat(),
    targeted: fc.boolean(),
    dtSeconds: fc.integer({ min: 0, max: 240 }),
  }),
);

describe('simulated days with several windows, requeues and transfers', () => {
  it('never hands a ticket to two windows, and every pick obeys the rules', () => {
    fc.assert(
      fc.property(
        hallArb,
        fc.array(stepArb, { minLength: 20, maxLength: 200 }),
        fc.nat({ max: 5 }),
        (hall, steps, requeueOffset) => {
          let clock = NOW - 8 * 60 * MINUTE;
          let nextId = 1;
          const waiting: QueueTicket[] = [];
          const windows = hall.windows.map((w) => ({ ...w, normalStreak: 0 }));
          const current = new Map<number, QueueTicket>(); // window id -> ticket it called and holds
          const closed = new Set<number>();
          const calls = new Map<number, number>();
          const requeues = new Map<number, number>();
          const issue = (
            serviceId: number,
            priorityClass: string,
            issuedAt: number,
            targetWindowId: number | null,
          ) => {
            const id = nextId++;
            waiting.push({
              id,
              serviceId,
              priorityClass,
              issuedAt,
              orderKey: issuedAt,
              sequence: id,
              targetWindowId,
            });
          };
          for (const step of steps) {
            clock += step.dtSeconds * 1000;
            if (step.kind === 'arrive') {
              issue(hall.serviceIds[step.service % hall.serviceIds.length]!, step.priorityClass, clock, null);
              continue;
            }
            const index = step.window % windows.length;
            const w = windows[index]!;
            // The window first settles the ticket it holds, the way staff finish before calling again.
            const held = current.get(w.id);
            current.delete(w.id);
            if (held && step.outcome === 'done') closed.add(held.id);
            if (held && step.outcome === 'noShow') {
              const back: QueueTicket = { ...held, orderKey: clock, requeueHold: null };
              const competes = (x: QueueTicket): boolean =>
                windows.some((v) => isEligible(v, back, hall.rules) && isEligible(v, x, hall.rules));
              waiting.push({ ...back, requeueHold: newRequeueHold(back, waiting, requeueOffset, competes) });
              requeues.set(held.id, (requeues.get(held.id) ?? 0) + 1);
            }
            if (held && step.outcome === 'transfer') {
              // The old ticket closes; a new waiting entry for the other service keeps the first issue time.
              closed.add(held.id);
              const serviceId = hall.serviceIds[step.toService % hall.serviceIds.length]!;
              const servers = windows.filter((x) => x.serviceIds.includes(serviceId));
              const target =
                step.targeted && servers.length > 0 ? servers[step.toService % servers.length]!.id : null;
              issue(serviceId, held.priorityClass, held.issuedAt, target);
            }
            const pick = checkPick(w, waiting, hall.rules, clock);
            if (!pick) continue;
            const t = pick.ticket;
            expect([...current.values()].some((x) => x.id === t.id)).toBe(false);
            expect(closed.has(t.id)).toBe(false);
            waiting.splice(waiting.indexOf(t), 1);
            waiting.splice(0, waiting.length, ...afterCall(waiting, t, w, hall.rules));
            current.set(w.id, t);
            calls.set(t.id, (calls.get(t.id) ?? 0) + 1);
            windows[index] = { ...w, normalStreak: nextStreak(w, t) };
          }
          // Each ticket is called once, plus once per requeue; nothing is both waiting and closed or held.
          for (const [id, count] of calls) expect(count).toBeLessThanOrEqual(1 + (requeues.get(id) ?? 0));
          const waitingIds = waiting.map((t) => t.id);
          const heldIds = [...current.values()].map((t) => t.id);
          expect(new Set([...waitingIds, ...heldIds]).size).toBe(waitingIds.length + heldIds.length);
          expect([...waitingIds, ...heldIds].some((id) => closed.has(id))).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('no ticket waits longer than maxWait plus one calling interval when capacity allows', () => {
    // "Capacity allows": in any maxWait-long period no more tickets arrive than the windows call
    // in such a period. Arrivals still bunch up and the ratio passes tickets over.
    let passedOver = 0;
    fc.assert(
      fc.property(busyDayArb, (day) => {
        const hall = busyHall(day);
        const arrivals: QueueTicket[] = [];
        for (const t of hall.offered) {
          const recent = arrivals.filter((x) => x.issuedAt > t.issuedAt - hall.limit).length;
          if (recent < day.windows.length * hall.waitRounds) arrivals.push(t);
        }
        let windows = hall.windows;
        const waits = simulate(hall.callTimes, arrivals, windows.length, (waiting, now, round, slot) => {
          const w = shuffled(windows, day.rounds[round % day.rounds.length]!.order)[slot]!;
          const pick = checkPick(w, waiting, hall.rules, now)!;
          if (waiting.some((t) => t.issuedAt < pick.ticket.issuedAt)) passedOver += 1;
          windows = windows.map((x) =>
            x.id === w.id ? { ...x, normalStreak: nextStreak(x, pick.ticket) } : x,
          );
          return pick.ticket;
        });
        for (const wait of waits) expect(wait).toBeLessThanOrEqual(hall.limit + hall.interval);
      }),
      { numRuns: 250 },
    );
    expect(passedOver).toBeGreaterThan(1000);
  });

  it('on overloaded days each round calls the overdue tickets first, oldest first, as many as it can', () => {
    // Without spare capacity no policy can bound the wait; the rule still has to rescue the
    // longest-waiting tickets first, with every window that may serve them.
    let rescued = 0;
    fc.assert(
      fc.property(busyDayArb, (day) => {
        const hall = busyHall(day);
        let windows = hall.windows;
        let waiting: QueueTicket[] = [];
        let next = 0;
        hall.callTimes.forEach((now, round) => {
          while (next < hall.offered.length && hall.offered[next]!.issuedAt <= now)
            waiting.push(hall.offered[next++]!);
          const due = waiting
            .filter((t) => overdue(t, hall.rules, now))
            .sort((a, b) => since(a) - since(b) || compareQueueOrder(a, b));
          const called: QueueTicket[] = [];
          for (const w of shuffled(windows, day.rounds[round % day.rounds.length]!.order)) {
            const pick = checkPick(w, waiting, hall.rules, now);
            if (!pick) break;
            called.push(pick.ticket);
            waiting = waiting.filter((t) => t !== pick.ticket);
            windows = windows.map((x) =>
              x.id === w.id ? { ...x, normalStreak: nextStreak(x, pick.ticket) } : x,
            );
          }
          const rescuedNow = due.slice(0, windows.length);
          expect(called.slice(0, rescuedNow.length)).toEqual(rescuedNow);
          rescued += rescuedNow.length;
        });
      }),
      { numRuns: 150 },
    );
    expect(rescued).toBeGreaterThan(1000);
  });
});

// Busy days: every window serves every service and elderly windows take others, so the hall
// makes one call per window per interval, in rounds.
const busyDayArb = fc.record({
  windows: fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }),
  mixRatio: fc.integer({ min: 1, max: 5 }),
  intervalMinutes: fc.integer({ min: 1, max: 5 }),
  maxWaitRounds: fc.integer({ min: 1, max: 6 }),
  rounds: fc.array(
    fc.record({
      arrivals: fc.array(
        fc.record({
          priorityClass: classArb,
          service: fc.nat({ max: 2 }),
          atSecond: fc.nat({ max: 299 }),
          /** Some visitors booked: their slot begins this many rounds after they arrive (or before). */
          slotInRounds: fc.option(fc.integer({ min: -2, max: 4 }), { freq: 3 }),
        }),
        { maxLength: 6 },
      ),
      /** Seeds for the order in which the windows call in this round. */
      order: fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
    }),
    { minLength: 20, maxLength: 50 },
  ),
});

function busyHall(day: typeof busyDayArb extends fc.Arbitrary<infer D> ? D : never) {
  const interval = day.intervalMinutes * MINUTE;
  const waitRounds = Math.max(day.maxWaitRounds, Math.ceil(5 / day.intervalMinutes));
  const rules: QueueRules = {
    mixRatio: day.mixRatio,
    maxWaitMinutes: waitRounds * day.intervalMinutes,
    elderlyWindowTakesOthers: true,
  };
  const offered: QueueTicket[] = day.rounds
    .flatMap((round, r) =>
      round.arrivals.map((a) => ({
        ...a,
        issuedAt: NOW + r * interval + Math.floor((a.atSecond * 1000 * day.intervalMinutes) / 5),
      })),
    )
    .sort((a, b) => a.issuedAt - b.issuedAt)
    .map((a, i) => ({
      id: i + 1,
      serviceId: a.service + 1,
      priorityClass: a.priorityClass,
      issuedAt: a.issuedAt,
      orderKey: a.issuedAt,
      sequence: i + 1,
      targetWindowId: null,
      slotStart: a.slotInRounds === null ? null : a.issuedAt + a.slotInRounds * interval,
    }));
  const windows: QueueWindow[] = day.windows.map((elderly, i) => ({
    id: i + 1,
    serviceIds: [1, 2, 3],
    elderlyDedicated: elderly,
    normalStreak: 0,
  }));
  const callTimes = Array.from(
    { length: day.rounds.length + waitRounds + 2 },
    (_, r) => NOW + (r + 1) * interval,
  );
  return { interval, waitRounds, limit: rules.maxWaitMinutes * MINUTE, rules, offered, windows, callTimes };
}

/**
 * Runs rounds of calls: at each call time every window (slot) calls once, in slot order, if
 * anyone waits. Returns each ticket's wait; a ticket never called counts as waiting forever.
 */
function simulate(
  callTimes: number[],
  arrivals: QueueTicket[],
  slots: number,
  choose: (waiting: QueueTicket[], now: number, round: number, slot: number) => QueueTicket,
): number[] {
  const waits = new Map<number, number>();
  let waiting: QueueTicket[] = [];
  let next = 0;
  const byTime = [...arrivals].sort((a, b) => a.issuedAt - b.issuedAt);
  callTimes.forEach((now, round) => {
    while (next < byTime.length && byTime[next]!.issuedAt <= now) waiting.push(byTime[next++]!);
    for (let slot = 0; slot < slots && waiting.length > 0; slot += 1) {
      const t = choose(waiting, now, round, slot);
      waiting = waiting.filter((x) => x !== t);
      waits.set(t.id, now - t.issuedAt);
    }
  });
  return arrivals.map((t) => waits.get(t.id) ?? Number.POSITIVE_INFINITY);
}
