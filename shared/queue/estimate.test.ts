// People ahead and estimated wait (DESIGN §5): what a visitor reads on the ticket and the kiosk.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimatedWaitMinutes, peopleAhead, windowsServingCount } from './estimate';
import { compareQueueOrder, type QueueTicket } from './policy';

const T0 = Date.UTC(2026, 10, 30, 1, 0);
const MINUTE = 60_000;
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

describe('peopleAhead', () => {
  const queue = [
    ticket(1, 0),
    ticket(2, 1, { priorityClass: 'elderly' }),
    ticket(3, 2),
    ticket(4, 3, { serviceId: 2 }),
    ticket(5, 4, { priorityClass: 'disabled' }),
    ticket(6, 5),
  ];

  it('counts every waiting ticket of the same service ahead of a normal ticket', () => {
    expect(peopleAhead(queue[5]!, queue)).toBe(4);
    expect(peopleAhead(queue[0]!, queue)).toBe(0);
  });

  it('counts only priority tickets ahead of a priority ticket', () => {
    expect(peopleAhead(queue[4]!, queue)).toBe(1);
    expect(peopleAhead(queue[1]!, queue)).toBe(0);
  });

  it('ignores other services and the ticket itself, whether or not it is in the list', () => {
    expect(peopleAhead(queue[3]!, queue)).toBe(0);
    const newcomer = ticket(7, 6);
    expect(peopleAhead(newcomer, queue)).toBe(peopleAhead(newcomer, [...queue, newcomer]));
    expect(peopleAhead(newcomer, queue)).toBe(5);
  });

  it('counts a transferred ticket that kept an earlier issue time as ahead', () => {
    const transferred = ticket(8, -30, { sequence: 99 });
    expect(peopleAhead(queue[0]!, [...queue, transferred])).toBe(1);
  });

  it('counts a requeued no-show by its new place', () => {
    const requeued = ticket(9, -60, { orderKey: T0 + 2.5 * MINUTE });
    expect(peopleAhead(queue[2]!, [...queue, requeued])).toBe(2);
    expect(peopleAhead(queue[5]!, [...queue, requeued])).toBe(5);
  });

  it('for a normal ticket equals its place among its service in queue order', () => {
    const entry = fc.record({
      service: fc.integer({ min: 1, max: 3 }),
      minute: fc.nat({ max: 60 }),
      priority: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 30 }), fc.nat(), (entries, pick) => {
        const waiting = entries.map((e, i) =>
          ticket(i + 1, e.minute, { serviceId: e.service, priorityClass: e.priority ? 'elderly' : 'normal' }),
        );
        const me = waiting[pick % waiting.length]!;
        const sameService = waiting.filter((t) => t.serviceId === me.serviceId);
        const candidates =
          me.priorityClass === 'normal'
            ? sameService
            : sameService.filter((t) => t.priorityClass !== 'normal');
        expect(peopleAhead(me, waiting)).toBe([...candidates].sort(compareQueueOrder).indexOf(me));
      }),
      { numRuns: 300 },
    );
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

describe('windowsServingCount', () => {
  const windows = [
    { serviceIds: [1, 2], state: 'open' },
    { serviceIds: [1], state: 'paused' },
    { serviceIds: [1, 3], state: 'open' },
    { serviceIds: [2], state: 'closed' },
    { serviceIds: [3], state: 'closed' },
  ];

  it('counts the open windows that serve the service', () => {
    expect(windowsServingCount(windows, 1)).toBe(2);
    expect(windowsServingCount(windows, 2)).toBe(1);
  });

  it('falls back to every window serving it when none is open yet', () => {
    expect(windowsServingCount(windows.slice(3), 2)).toBe(1);
    expect(windowsServingCount(windows.slice(1, 2).concat(windows.slice(4)), 1)).toBe(1);
  });

  it('is 0 for a service no window serves', () => {
    expect(windowsServingCount(windows, 9)).toBe(0);
  });
});
