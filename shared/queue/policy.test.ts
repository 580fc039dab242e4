// Example tests for each named rule of the queue policy (DESIGN §5). The property tests beside
// this file check the same rules over random halls and days.
import { describe, expect, it } from 'vitest';
import {
  compareQueueOrder,
  isEligible,
  nextStreak,
  orderWaiting,
  pickNext,
  requeueOrderKey,
  waitingSince,
  type QueueRules,
  type QueueTicket,
  type QueueWindow,
} from './policy';

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

  it('a requeued no-show goes after the configured number of waiting tickets', () => {
    const queue = [1, 2, 3, 4, 5].map((n) => ticket({ id: 50 + n, issuedAt: at(n) }));
    const noShow = ticket({ id: 50, issuedAt: at(0) });
    noShow.orderKey = requeueOrderKey(queue, 3, at(30));
    expect(
      ids(
        [...queue, noShow].map((t) => ({ ticket: t })).sort((a, b) => compareQueueOrder(a.ticket, b.ticket)),
      ),
    ).toEqual([51, 52, 53, 50, 54, 55]);
    expect(ids(orderWaiting(ordinary, [noShow, ...queue], RULES, at(30)))).toEqual([51, 52, 53, 50, 54, 55]);
  });

  it('a requeued no-show that already waited past the maximum still goes back, not straight to the front', () => {
    const queue = [30, 31, 32, 33].map((n) => ticket({ id: 60 + n, issuedAt: at(n) }));
    const noShow = ticket({ id: 60, issuedAt: at(0) });
    noShow.orderKey = requeueOrderKey(queue, 2, at(50));
    expect(waitingSince(noShow)).toBe(noShow.orderKey);
    expect(ids(orderWaiting(ordinary, [noShow, ...queue], RULES, at(50)))).toEqual([90, 91, 60, 92, 93]);
    // Once its new place is overdue too, it is called by its place among the overdue.
    expect(ids(orderWaiting(ordinary, [noShow, ...queue], RULES, at(80)))).toEqual([90, 91, 60, 92, 93]);
  });
});

describe('requeueOrderKey', () => {
  const queue = [1, 2, 3].map((n) => ticket({ id: 70 + n, issuedAt: at(n) }));

  it('puts the ticket at the end when fewer than offset wait, never before now', () => {
    expect(requeueOrderKey(queue, 3, at(30))).toBe(at(30));
    expect(requeueOrderKey(queue, 5, at(2))).toBe(at(3) + 1);
    expect(requeueOrderKey([], 3, at(30))).toBe(at(30));
  });

  it('puts the ticket first for offset 0', () => {
    expect(requeueOrderKey(queue, 0, at(30))).toBeLessThan(at(1));
  });

  it('does not depend on the order of its input', () => {
    expect(requeueOrderKey([queue[2]!, queue[0]!, queue[1]!], 1, at(30))).toBe(
      requeueOrderKey(queue, 1, at(30)),
    );
  });

  it('still places a ticket after its predecessor when repeated requeues exhaust the gap between two keys', () => {
    const head = ticket({ id: 80, issuedAt: at(1) });
    const next = ticket({ id: 81, issuedAt: at(1) + 1 });
    const waiting: QueueTicket[] = [head, next];
    for (let n = 0; n < 60; n += 1) {
      const requeued = ticket({ id: 200 + n, issuedAt: at(0) });
      requeued.orderKey = requeueOrderKey(waiting, 1, at(30));
      waiting.push(requeued);
      const sorted = [...waiting].sort(compareQueueOrder);
      expect(sorted[0]).toBe(head);
      expect(sorted.indexOf(requeued)).toBeGreaterThanOrEqual(1);
    }
  });

  it('goes behind every ticket sharing the key of its predecessor', () => {
    const a = ticket({ id: 90, issuedAt: at(1) });
    const b = ticket({ id: 91, issuedAt: at(1) });
    const requeued = ticket({ id: 89, issuedAt: at(0) });
    requeued.orderKey = requeueOrderKey([a, b], 1, at(30));
    expect([requeued, a, b].sort(compareQueueOrder).indexOf(requeued)).toBeGreaterThanOrEqual(1);
  });
});

describe('rule 6: ties break by issue time, then sequence', () => {
  it('orders equal issue times by sequence, then id, whatever the input order', () => {
    const a = ticket({ id: 7, issuedAt: at(0), sequence: 2, serviceId: 1 });
    const b = ticket({ id: 5, issuedAt: at(0), sequence: 1, serviceId: 2 });
    const c = ticket({ id: 6, issuedAt: at(0), sequence: 2, serviceId: 2 });
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
    expect(pickNext(ordinary, [a, b], RULES, at(90))).toEqual({ ticket: b, reason: 'overdue' });
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
