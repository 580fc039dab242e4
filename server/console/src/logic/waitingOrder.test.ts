import { describe, expect, it } from 'vitest';
import type { HallWindow, TicketView } from '@hall/shared/contracts/entities';
import { DEFAULT_RULES } from '@hall/shared/defaults';
import { waitingOrderFor } from './waitingOrder';

const MIN = 60_000;
let seq = 0;
const ticket = (
  number: string,
  priorityClass: string,
  issuedAt: number,
  extra: Partial<TicketView> = {},
): TicketView => {
  seq += 1;
  return {
    id: seq,
    hallId: 1,
    serviceId: 1,
    businessDay: '2026-11-28',
    sequence: seq,
    number,
    priorityClass,
    proxy: false,
    proxyRelation: null,
    source: 'kiosk',
    state: 'waiting',
    issuedAt,
    orderKey: issuedAt,
    calledAt: null,
    servingAt: null,
    finishedAt: null,
    windowId: null,
    staffId: null,
    callCount: 0,
    marks: null,
    transferredFromId: null,
    ...extra,
  };
};

const window = (elderlyDedicated: boolean, normalStreak = 0): HallWindow => ({
  id: 1,
  hallId: 1,
  number: 1,
  name: '',
  serviceIds: [1],
  elderlyDedicated,
  state: 'open',
  pauseReason: null,
  staffId: null,
  staffName: null,
  currentTicketId: null,
  normalStreak,
});

const now = 100 * MIN;
const tickets = [
  ticket('A001', 'normal', now - 10 * MIN),
  ticket('A002', 'normal', now - 9 * MIN),
  ticket('A-L003', 'elderly', now - 8 * MIN),
  ticket('A004', 'normal', now - 7 * MIN),
  ticket('A-L005', 'elderly', now - 6 * MIN),
  ticket('A006', 'normal', now - 5 * MIN, { state: 'called' }),
  ticket('B007', 'normal', now - 5 * MIN, { serviceId: 2 }),
];

describe('waitingOrderFor', () => {
  it('puts priority tickets first at an elderly window, with the reason', () => {
    const order = waitingOrderFor(window(true), tickets, DEFAULT_RULES, now);
    expect(order.map((e) => e.ticket.number)).toEqual(['A-L003', 'A-L005', 'A001', 'A002', 'A004']);
    expect(order[0]?.reason).toBe('priority_at_elderly_window');
    expect(order[2]?.reason).toBe('other_at_elderly_window');
  });

  it('mixes by the ratio at an ordinary window and skips non-waiting and foreign tickets', () => {
    const order = waitingOrderFor(window(false), tickets, { ...DEFAULT_RULES, mixRatio: 2 }, now);
    expect(order.map((e) => e.ticket.number)).toEqual(['A001', 'A002', 'A-L003', 'A004', 'A-L005']);
    expect(order[2]?.reason).toBe('priority_by_ratio');
  });

  it('calls an overdue ticket first', () => {
    const old = ticket('A900', 'normal', now - 50 * MIN);
    const order = waitingOrderFor(window(true), [...tickets, old], DEFAULT_RULES, now);
    expect(order[0]).toMatchObject({ reason: 'overdue' });
    expect(order[0]?.ticket.number).toBe('A900');
  });

  it('keeps a ticket transferred to another window out of this window’s list when the server says so', () => {
    const targeted = { ...ticket('A-L950', 'elderly', now - 20 * MIN), targetWindowId: 3 } as TicketView;
    const order = waitingOrderFor(window(true), [targeted], DEFAULT_RULES, now);
    expect(order).toEqual([]);
  });
});
