// Example tests for each named rule of the queue policy (DESIGN §5). The property tests beside
// this file check the same rules over random halls and days.
import { describe, expect, it } from 'vitest';
import {
  isEligible,
  nextStreak,
  afterCall,
  orderWaiting,
  pickNext,
  type QueueRules,
  type QueueTicket,
  type QueueWindow,
} from './policy';
import { isRequeueDue, newRequeueHold } from './requeueHold';

const MINUTE = 60_000;
const OPEN = Date.UTC(2026, 10, 30, 1, 0); // 09:00 in Asia/Shanghai
const at = (minutes: number): number => OPEN + minutes * MINUTE;
const RULES: QueueRules = { mixRatio: 2, maxWaitMinutes: 45, elderlyWindowTakesOthers: true };

let nextId = 1;
function ticket(fields: Partial<QueueTicket> & { issuedAt: number }): QueueTicket {
  const id = fields.id ?? nextId++;
  return {
    id,
    serviceId: 1,
    priorityClass: 'normal',
    orderKey: fields.issuedAt,
    sequence: id,
    targetWindowId: null,
    ...fields,
  };
}
const ordinary: QueueWindow = { id: 3, serviceIds: [1, 2], elderlyDedicated: false, normalStreak: 0 };
const elderlyWindow: QueueWindow = { id: 1, serviceIds: [1, 2], elderlyDedicated: true, normalStreak: 0 };
const ids = (picks: { ticket: QueueTicket }[]): number[] => picks.map((p) => p.ticket.id);

describe('rule 1: an elderly window takes priority tickets first', () => {
  const older = ticket({ id: 10, issuedAt: at(0) });
  const senior = ticket({ id: 11, issuedAt: at(10), priorityClass: 'elderly' });
  const disabled = ticket({ id: 12, issuedAt: at(5), priorityClass: 'disabled' });

  it('calls the oldest priority ticket before an older normal one', () => {
    expect(pickNext(elderlyWindow, [older, senior, disabled], RULES, at(20))).toEqual({
      ticket: disabled,
      reason: 'priority_at_elderly_window',
    });
    expect(ids(orderWaiting(elderlyWindow, [older, senior, disabled], RULES, at(20)))).toEqual([12, 11, 10]);
  });

  it('takes other tickets when no priority ticket waits, unless the rules forbid it', () => {
    expect(pickNext(elderlyWindow, [older], RULES, at(20))).toEqual({
      ticket: older,
      reason: 'other_at_elderly_window',
    });
    const strict = { ...RULES, elderlyWindowTakesOthers: false };
    expect(pickNext(elderlyWindow, [older], strict, at(20))).toBeNull();
    expect(pickNext(elderlyWindow, [older, senior], strict, at(20))?.ticket).toBe(senior);
  });

  it('ignores the mixing ratio and the streak', () => {
    const twoSeniors = [senior, ticket({ id: 13, issuedAt: at(11), priorityClass: 'elderly' }), older];
    // With streak 0 an ordinary window would call the normal ticket first; the elderly one does not.
    expect(ids(orderWaiting(ordinary, twoSeniors, RULES, at(20)))).toEqual([10, 11, 13]);
    expect(ids(orderWaiting(elderlyWindow, twoSeniors, RULES, at(20)))).toEqual([11, 13, 10]);
  });
});

describe('rule 2: an ordinary window mixes classes by the ratio', () => {
  const normals = [1, 2, 3, 4, 5, 6].map((n) => ticket({ id: 100 + n, issuedAt: at(n) }));
  const seniors = [1, 2, 3].map((n) => ticket({ id: 200 + n, issuedAt: at(n), priorityClass: 'elderly' }));

  it('calls 2 normal, then 1 priority, repeating', () => {
    const order = orderWaiting(ordinary, [...seniors, ...normals], RULES, at(10));
    expect(ids(order)).toEqual([101, 102, 201, 103, 104, 202, 105, 106, 203]);
    expect(order.map((p) => p.reason).slice(0, 3)).toEqual([
      'normal_by_ratio',
      'normal_by_ratio',
      'priority_by_ratio',
    ]);
  });

  it('follows another ratio', () => {
    const order = orderWaiting(ordinary, [...seniors, ...normals], { ...RULES, mixRatio: 3 }, at(10));
    expect(ids(order)).toEqual([101, 102, 103, 201, 104, 105, 106, 202, 203]);
  });

  it('continues the streak the window already has', () => {
    const window = { ...ordinary, normalStreak: 2 };
    expect(pickNext(window, [...normals, ...seniors], RULES, at(10))?.reason).toBe('priority_by_ratio');
  });

  it('calls the one class that waits', () => {
    expect(pickNext({ ...ordinary, normalStreak: 0 }, seniors, RULES, at(10))?.reason).toBe(
      'only_priority_waiting',
    );
    expect(pickNext({ ...ordinary, normalStreak: 9 }, normals, RULES, at(10))?.reason).toBe(
      'only_normal_waiting',
    );
  });

  it('resets the streak on a priority ticket and counts normal ones', () => {
    expect(nextStreak({ ...ordinary, normalStreak: 4 }, { priorityClass: 'elderly' })).toBe(0);
    expect(nextStreak({ ...ordinary, normalStreak: 4 }, { priorityClass: 'normal' })).toBe(5);
  });
});

describe('rule 3: nobody waits longer than the maximum', () => {
  it('an overdue normal ticket goes before priority at an elderly window', () => {
    const late = ticket({ id: 20, issuedAt: at(0) });
    const senior = ticket({ id: 21, issuedAt: at(40), priorityClass: 'elderly' });
    expect(pickNext(elderlyWindow, [senior, late], RULES, at(46))).toEqual({
      ticket: late,
      reason: 'overdue',
    });
  });

  it('an overdue priority ticket goes before the ratio says so', () => {
    const senior = ticket({ id: 22, issuedAt: at(0), priorityClass: 'elderly' });
    const normal = ticket({ id: 23, issuedAt: at(1) });
    expect(pickNext(ordinary, [normal, senior], RULES, at(46))).toEqual({
      ticket: senior,
      reason: 'overdue',
    });
  });

  it('takes the longest-waiting overdue ticket first', () => {
    const a = ticket({ id: 24, issuedAt: at(2) });
    const b = ticket({ id: 25, issuedAt: at(1), priorityClass: 'elderly' });
    const c = ticket({ id: 26, issuedAt: at(3) });
    expect(ids(orderWaiting(ordinary, [a, c, b], RULES, at(60)))).toEqual([25, 24, 26]);
  });

  it('counts as overdue only after the maximum has fully passed', () => {
    const t = ticket({ id: 27, issuedAt: at(0) });
    const senior = ticket({ id: 28, issuedAt: at(1), priorityClass: 'elderly' });
    expect(pickNext(elderlyWindow, [t, senior], RULES, at(45))?.ticket).toBe(senior);
    expect(pickNext(elderlyWindow, [t, senior], RULES, at(45) + 1)?.ticket).toBe(t);
  });

  it('does not apply at a window that may not serve the overdue ticket', () => {
    const late = ticket({ id: 29, issuedAt: at(0), serviceId: 9 });
    const fresh = ticket({ id: 30, issuedAt: at(50) });
    expect(pickNext(ordinary, [late, fresh], RULES, at(60))?.ticket).toBe(fresh);
  });
});

describe('rule 4: transfers keep their issue time, requeued no-shows go back a few places', () => {
  it('a transferred ticket goes ahead of later arrivals of its new service', () => {
    const laterArrival = ticket({ id: 40, issuedAt: at(10), serviceId: 2, sequence: 1 });
    // Issued at 09:00 for service 1, transferred at 09:20 to service 2: a new entry with sequence 2.
    const transferred = ticket({ id: 41, issuedAt: at(0), serviceId: 2, sequence: 2 });
    expect(pickNext(ordinary, [laterArrival, transferred], RULES, at(20))?.ticket).toBe(transferred);
  });

  it('a ticket transferred to one window is called only there', () => {
    const sent = ticket({ id: 42, issuedAt: at(0), targetWindowId: 4 });
    expect(isEligible(ordinary, sent, RULES)).toBe(false);
    expect(isEligible({ ...ordinary, id: 4 }, sent, RULES)).toBe(true);
  });

  it('a normal ticket transferred to an elderly-only window can be called there', () => {
    // Otherwise it could never be called by anyone: every other window is the wrong target.
    const strict = { ...RULES, elderlyWindowTakesOthers: false };
    const sent = ticket({ id: 43, issuedAt: at(0), targetWindowId: elderlyWindow.id });
    const general = ticket({ id: 44, issuedAt: at(0) });
    expect(pickNext(elderlyWindow, [general, sent], strict, at(5))?.ticket).toBe(sent);
    expect(isEligible(elderlyWindow, general, strict)).toBe(false);
  });

  it('a returned no-show goes behind exactly `offset` of those then waiting, whatever their class', () => {
    // Issue 14: a normal ticket put behind three elderly tickets used to be called first at an
    // ordinary window (the window called normals first by its ratio).
    const seniors = [1, 2, 3].map((n) => ticket({ id: 50 + n, issuedAt: at(n), priorityClass: 'elderly' }));
    const noShow = ticket({ id: 50, issuedAt: at(0), orderKey: at(30) });
    noShow.requeueHold = newRequeueHold(noShow, seniors, 3, () => true);
    expect(ids(orderWaiting(ordinary, [noShow, ...seniors], RULES, at(30)))).toEqual([51, 52, 53, 50]);
    // …and an elderly no-show behind three normal tickets at the elderly window.
    const normals = [1, 2, 3].map((n) => ticket({ id: 60 + n, issuedAt: at(n) }));
    const senior = ticket({ id: 60, issuedAt: at(0), orderKey: at(30), priorityClass: 'elderly' });
    senior.requeueHold = newRequeueHold(senior, normals, 3, () => true);
    expect(ids(orderWaiting(elderlyWindow, [senior, ...normals], RULES, at(30)))).toEqual([61, 62, 63, 60]);
  });

  it('counts tickets of other services sharing the window, and then goes before everyone', () => {
    const queue = [1, 2, 3, 4, 5].map((n) =>
      ticket({ id: 70 + n, issuedAt: at(n), serviceId: n % 2 === 0 ? 2 : 1 }),
    );
    const noShow = ticket({ id: 70, issuedAt: at(0), orderKey: at(30) });
    noShow.requeueHold = newRequeueHold(noShow, queue, 2, () => true);
    const order = orderWaiting(ordinary, [noShow, ...queue], RULES, at(30));
    expect(ids(order)).toEqual([71, 72, 70, 73, 74, 75]);
    expect(order[2]!.reason).toBe('requeue_due');
  });

  it('is not overdue while it waits for its places, even if it was issued long ago', () => {
    const queue = [30, 31, 32, 33].map((n) => ticket({ id: 80 + n, issuedAt: at(n) }));
    const noShow = ticket({ id: 80, issuedAt: at(0), orderKey: at(50) });
    noShow.requeueHold = newRequeueHold(noShow, queue, 2, () => true);
    expect(ids(orderWaiting(ordinary, [noShow, ...queue], RULES, at(50)))).toEqual([110, 111, 80, 112, 113]);
    expect(ids(orderWaiting(ordinary, [noShow, ...queue], RULES, at(90)))).toEqual([110, 111, 80, 112, 113]);
  });

  it('goes next at once with offset 0, and where nobody else waits for that window', () => {
    const other = ticket({ id: 91, issuedAt: at(1), serviceId: 2 });
    const noShow = ticket({ id: 90, issuedAt: at(0), orderKey: at(30) });
    noShow.requeueHold = newRequeueHold(noShow, [other], 0, () => true);
    expect(pickNext(ordinary, [other, noShow], RULES, at(30))).toEqual({
      ticket: noShow,
      reason: 'requeue_due',
    });
    noShow.requeueHold = newRequeueHold(noShow, [other], 3, () => true);
    const onlyService1: QueueWindow = { ...ordinary, id: 5, serviceIds: [1] };
    expect(pickNext(onlyService1, [other, noShow], RULES, at(30))?.ticket).toBe(noShow);
    expect(pickNext(ordinary, [other, noShow], RULES, at(30))?.ticket).toBe(other);
  });

  it('counts a place only for calls at a window that can serve the no-show', () => {
    const a = ticket({ id: 101, issuedAt: at(1), serviceId: 2 });
    const noShow = ticket({ id: 100, issuedAt: at(0), orderKey: at(30) });
    noShow.requeueHold = newRequeueHold(noShow, [a], 2, () => true);
    const onlyService2: QueueWindow = { ...ordinary, id: 6, serviceIds: [2] };
    const [elsewhere] = afterCall([noShow], a, onlyService2, RULES);
    expect(elsewhere!.requeueHold).toEqual({ before: [], left: 2 });
    const [here] = afterCall([noShow], a, ordinary, RULES);
    expect(here!.requeueHold).toEqual({ before: [], left: 1 });
    expect(isRequeueDue(here!)).toBe(true);
  });
});

describe('rule 6: ties break by issue time, then the order taken', () => {
  it('orders equal issue times by id (the order taken), whatever the sequence or input order', () => {
    // One group commit stamps its tickets with one time: service 1's 2 taken after service 2's 1
    // and 2 goes behind them, though a per-service sequence would say otherwise.
    const a = ticket({ id: 7, issuedAt: at(0), sequence: 2, serviceId: 1 });
    const b = ticket({ id: 5, issuedAt: at(0), sequence: 9, serviceId: 2 });
    const c = ticket({ id: 6, issuedAt: at(0), sequence: 1, serviceId: 1 });
    for (const input of [
      [a, b, c],
      [c, b, a],
      [b, a, c],
    ]) {
      expect(ids(orderWaiting(ordinary, input, RULES, at(1)))).toEqual([5, 6, 7]);
    }
  });

  it('orders equal overdue issue times the same way', () => {
    const a = ticket({ id: 8, issuedAt: at(0), sequence: 4 });
    const b = ticket({ id: 9, issuedAt: at(0), sequence: 3, priorityClass: 'elderly' });
    expect(pickNext(ordinary, [a, b], RULES, at(90))).toEqual({ ticket: a, reason: 'overdue' });
  });
});

describe('rule 5 support: eligibility', () => {
  it('rejects services the window does not serve', () => {
    expect(isEligible(ordinary, ticket({ issuedAt: at(0), serviceId: 3 }), RULES)).toBe(false);
    expect(pickNext(ordinary, [ticket({ issuedAt: at(0), serviceId: 3 })], RULES, at(1))).toBeNull();
  });

  it('returns null when nothing waits', () => {
    expect(pickNext(ordinary, [], RULES, at(1))).toBeNull();
    expect(orderWaiting(ordinary, [], RULES, at(1))).toEqual([]);
  });
});

describe('rule 7: an appointment goes ahead of the walk-ins of its service at its slot time', () => {
  // Booked for 09:30, checked in at 09:10; walk-ins of the same service came at 09:00 and 09:05.
  const walkIn = ticket({ id: 30, issuedAt: at(0) });
  const laterWalkIn = ticket({ id: 31, issuedAt: at(5) });
  const booked = ticket({ id: 32, issuedAt: at(10), slotStart: at(30) });

  it('waits like a walk-in before its slot begins', () => {
    expect(ids(orderWaiting(ordinary, [walkIn, laterWalkIn, booked], RULES, at(29)))).toEqual([30, 31, 32]);
  });

  it('is called first at its slot time, and the reason says why', () => {
    expect(pickNext(ordinary, [walkIn, laterWalkIn, booked], RULES, at(30))).toEqual({
      ticket: booked,
      reason: 'appointment_due',
    });
    expect(ids(orderWaiting(ordinary, [walkIn, laterWalkIn, booked], RULES, at(30)))).toEqual([32, 30, 31]);
  });

  it('never goes ahead of an earlier walk-in of another service', () => {
    const otherService = ticket({ id: 33, issuedAt: at(-5), serviceId: 2 });
    expect(ids(orderWaiting(ordinary, [walkIn, booked, otherService], RULES, at(30)))).toEqual([33, 32, 30]);
  });

  it('never goes ahead of a priority ticket at an elderly window', () => {
    const senior = ticket({ id: 34, issuedAt: at(20), priorityClass: 'elderly' });
    expect(ids(orderWaiting(elderlyWindow, [walkIn, booked, senior], RULES, at(30)))).toEqual([34, 32, 30]);
  });

  it('leaves the ratio to give priority tickets their turn at an ordinary window', () => {
    const senior = ticket({ id: 35, issuedAt: at(20), priorityClass: 'elderly' });
    const streak2 = { ...ordinary, normalStreak: 2 };
    expect(pickNext(streak2, [walkIn, booked, senior], RULES, at(30))?.ticket).toBe(senior);
    expect(pickNext(ordinary, [walkIn, booked, senior], RULES, at(30))?.ticket).toBe(booked);
  });

  it('never goes ahead of a walk-in waiting longer than the maximum', () => {
    const longWaiting = ticket({ id: 36, issuedAt: at(-20) });
    expect(pickNext(ordinary, [longWaiting, booked], RULES, at(30))).toEqual({
      ticket: longWaiting,
      reason: 'overdue',
    });
  });

  it('takes due appointments by slot, then in queue order', () => {
    const nineFifteen = ticket({ id: 37, issuedAt: at(12), slotStart: at(15) });
    const sameSlotEarlier = ticket({ id: 38, issuedAt: at(2), slotStart: at(30) });
    expect(
      ids(orderWaiting(ordinary, [walkIn, booked, nineFifteen, sameSlotEarlier], RULES, at(30))),
    ).toEqual([37, 38, 32, 30]);
  });

  it('a booked visitor who missed the call and returns goes back like any no-show', () => {
    // Put back one place, behind the first walk-in: it stays there although its slot has begun.
    const returned = ticket({ id: 41, issuedAt: at(10), orderKey: at(3), slotStart: at(30) });
    expect(ids(orderWaiting(ordinary, [walkIn, laterWalkIn, returned], RULES, at(30)))).toEqual([30, 41, 31]);
  });

  it('gives a booked priority ticket (60+) nothing more than the green channel', () => {
    const seniorWalkIn = ticket({ id: 39, issuedAt: at(0), priorityClass: 'elderly' });
    const seniorBooked = ticket({ id: 40, issuedAt: at(10), priorityClass: 'elderly', slotStart: at(30) });
    expect(ids(orderWaiting(elderlyWindow, [seniorBooked, seniorWalkIn], RULES, at(30)))).toEqual([39, 40]);
  });
});
