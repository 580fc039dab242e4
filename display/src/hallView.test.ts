import { describe, expect, it } from 'vitest';
import { currentTicketAt, missedCalls } from './hallView';
import { callOf, hallWindow, ticket } from '@hall/shared/client/testing/hallFixtures';
import { toAnnouncement } from './composables/useHallVoice';

describe('currentTicketAt', () => {
  it('is the called or serving ticket of that window, newest call first', () => {
    const w = hallWindow(3);
    const tickets = [
      ticket(1, 'A001', { windowId: 3, state: 'waiting' }),
      ticket(2, 'A002', { windowId: 4, state: 'called', calledAt: 50 }),
      ticket(3, 'A003', { windowId: 3, state: 'serving', calledAt: 10 }),
      ticket(4, 'A004', { windowId: 3, state: 'called', calledAt: 20 }),
    ];
    expect(currentTicketAt(w, tickets)?.number).toBe('A004');
    expect(currentTicketAt(hallWindow(5), tickets)).toBeNull();
  });
});

describe('missedCalls', () => {
  it('lists earlier calls once per ticket, without the number shown as the newest call', () => {
    const a = ticket(1, 'A001');
    const b = ticket(2, 'A002');
    const c = ticket(3, 'A-L003');
    const recent = [
      callOf(a, 3, 50, true),
      callOf(b, 4, 40),
      callOf(a, 3, 30),
      callOf(c, 1, 20),
      callOf(b, 4, 10),
    ];
    expect(missedCalls(recent, 5).map((x) => x.number)).toEqual(['A002', 'A-L003']);
    expect(missedCalls(recent, 1).map((x) => x.number)).toEqual(['A002']);
    expect(missedCalls([], 5)).toEqual([]);
  });
});

describe('toAnnouncement', () => {
  it('speaks priority tickets as priority and keeps the recall flag', () => {
    expect(toAnnouncement(callOf(ticket(1, 'A-L001'), 1, 5, true))).toEqual({
      number: 'A-L001',
      windowNumber: 1,
      priority: true,
      recall: true,
    });
    expect(toAnnouncement(callOf(ticket(2, 'A002'), 3, 5)).priority).toBe(false);
  });
});
