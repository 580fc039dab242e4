// People ahead, the estimate and the outlook (DESIGN §5): what a visitor reads on the kiosk, the
// ticket and the status page.
import { describe, expect, it } from 'vitest';
import { planCalls } from './callPlan';
import { estimatedWaitMinutes, newcomerFigures, ticketFigures, type PlansForFigures } from './estimate';
import type { QueueRules, QueueTicket, QueueWindow } from './policy';

const T0 = Date.UTC(2026, 10, 30, 1, 0);
const MINUTE = 60_000;
const RULES: QueueRules = { mixRatio: 2, maxWaitMinutes: 45, elderlyWindowTakesOthers: true };
function ticket(id: number, minutes: number, fields: Partial<QueueTicket> = {}): QueueTicket {
  const issuedAt = T0 + minutes * MINUTE;
  return {
    id,
    serviceId: 1,
    priorityClass: 'normal',
    issuedAt,
    orderKey: issuedAt,
    sequence: id,
    targetWindowId: null,
    ...fields,
  };
}
const window = (id: number, serviceIds: number[], elderly = false): QueueWindow => ({
  id,
  serviceIds,
  elderlyDedicated: elderly,
  normalStreak: 0,
});

function plansOf(open: QueueWindow[], all: QueueWindow[], waiting: QueueTicket[], now: number) {
  return {
    open: planCalls(open, waiting, RULES, now),
    all: () => planCalls(all, waiting, RULES, now),
  } satisfies PlansForFigures<QueueTicket>;
}

describe('people ahead come from the order the policy calls', () => {
  it('counts an older elderly ticket of another service waiting for the same elderly window (issue 14)', () => {
    // B-L002 was told "0 ahead" while A-L001 waited for the same elderly window and went first.
    const elderlyWindow = window(1, [1, 2], true);
    const a = ticket(1, 0, { serviceId: 1, priorityClass: 'elderly' });
    const b = ticket(2, 1, { serviceId: 2, priorityClass: 'elderly' });
    const plans = plansOf([elderlyWindow], [elderlyWindow], [a, b], T0 + 5 * MINUTE);
    expect(ticketFigures(plans, b, 10, true)).toEqual({
      peopleAhead: 1,
      estimatedWaitMinutes: 10,
      outlook: 'open',
    });
    expect(ticketFigures(plans, a, 10, true).peopleAhead).toBe(0);
  });

  it('counts the calls every window that may serve them makes before them, divided over those windows', () => {
    // Window 1 serves A and B, window 2 only A: ten B tickets keep window 1 busy.
    const w1 = window(1, [1, 2]);
    const w2 = window(2, [1]);
    const bs = Array.from({ length: 10 }, (_, i) => ticket(i + 1, i, { serviceId: 2 }));
    const as = Array.from({ length: 5 }, (_, i) => ticket(20 + i, 20 + i, { serviceId: 1 }));
    const me = ticket(30, 30, { serviceId: 1 });
    const plans = plansOf([w1, w2], [w1, w2], [...bs, ...as, me], T0 + 31 * MINUTE);
    // Five rounds: window 2 calls the five A tickets, window 1 five B tickets; in the sixth, window
    // 1 (first in turn) calls a sixth B, then window 2 calls me. The same-service count said 5.
    expect(ticketFigures(plans, me, 8, true)).toEqual({
      peopleAhead: 11,
      estimatedWaitMinutes: 44,
      outlook: 'open',
    });
  });
});

describe('the outlook says the truth when no window is open', () => {
  const w1 = window(1, [1]);
  const waiting = [ticket(1, 0), ticket(2, 1)];

  it('"later" with the figures for when the windows open, while the hall opens today', () => {
    const plans = plansOf([], [w1], waiting, T0 + 5 * MINUTE);
    expect(ticketFigures(plans, waiting[1]!, 6, true)).toEqual({
      peopleAhead: 1,
      estimatedWaitMinutes: 6,
      outlook: 'later',
    });
    expect(newcomerFigures(plans, 1, false, 6, true)).toEqual({
      peopleAhead: 2,
      estimatedWaitMinutes: 12,
      outlook: 'later',
    });
  });

  it('"none" and no estimate once the hall has closed for the day, or when no window serves it', () => {
    const plans = plansOf([], [w1], waiting, T0 + 5 * MINUTE);
    expect(ticketFigures(plans, waiting[0]!, 6, false)).toMatchObject({
      estimatedWaitMinutes: 0,
      outlook: 'none',
    });
    const nobody = plansOf([w1], [w1], [ticket(3, 2, { serviceId: 9 })], T0);
    expect(newcomerFigures(nobody, 9, false, 6, true)).toEqual({
      peopleAhead: 0,
      estimatedWaitMinutes: 0,
      outlook: 'none',
    });
  });

  it('never "soon" (0 minutes) for a first ticket unless a window is open', () => {
    const open = plansOf([w1], [w1], [], T0);
    expect(newcomerFigures(open, 1, false, 6, true)).toEqual({
      peopleAhead: 0,
      estimatedWaitMinutes: 0,
      outlook: 'open',
    });
    const closed = plansOf([], [w1], [], T0);
    expect(newcomerFigures(closed, 1, false, 6, true).outlook).toBe('later');
  });
});

describe('estimatedWaitMinutes', () => {
  it('is people ahead ÷ windows × average minutes, rounded up', () => {
    expect(estimatedWaitMinutes(3, 2, 5)).toBe(8);
    expect(estimatedWaitMinutes(4, 2, 5)).toBe(10);
    expect(estimatedWaitMinutes(1, 3, 6.5)).toBe(3);
  });

  it('is 0 for the first in line', () => {
    expect(estimatedWaitMinutes(0, 2, 5)).toBe(0);
  });

  it('counts at least one window, so a hall with none open still gives a number', () => {
    expect(estimatedWaitMinutes(2, 0, 5)).toBe(10);
  });
});
