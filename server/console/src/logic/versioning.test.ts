import { describe, expect, it } from 'vitest';
import type { HallSnapshot, HallWindow, TicketView } from '@shared/contracts/entities';
import { DEFAULT_RULES } from '@shared/defaults';
import { judgeVersion, withTicket, withWindow } from './versioning';

const ticket = (id: number, state: TicketView['state']): TicketView => ({
  id,
  hallId: 1,
  serviceId: 1,
  businessDay: '2026-11-28',
  sequence: id,
  number: `A00${id}`,
  priorityClass: 'normal',
  proxy: false,
  proxyRelation: null,
  source: 'kiosk',
  state,
  issuedAt: 1000 + id,
  orderKey: 1000 + id,
  calledAt: null,
  servingAt: null,
  finishedAt: null,
  windowId: null,
  staffId: null,
  callCount: 0,
  marks: null,
  transferredFromId: null,
});

const window = (id: number, number: number): HallWindow => ({
  id,
  hallId: 1,
  number,
  name: '',
  serviceIds: [1],
  elderlyDedicated: false,
  state: 'closed',
  pauseReason: null,
  staffId: null,
  staffName: null,
  currentTicketId: null,
  normalStreak: 0,
});

const snapshot: HallSnapshot = {
  version: 5,
  serverTime: 0,
  businessDay: '2026-11-28',
  hall: {
    id: 1,
    code: 'h',
    name: '大厅',
    nameEn: 'Hall',
    timezone: 'Asia/Shanghai',
    hours: { opens: '09:00', closes: '17:00' },
    ticketFooter: '',
  },
  rules: DEFAULT_RULES,
  services: [],
  windows: [window(1, 1), window(3, 3)],
  activeTickets: [ticket(1, 'waiting'), ticket(2, 'called')],
  recentCalls: [],
  notices: [],
  averageServiceMinutes: {},
};

describe('judgeVersion', () => {
  it('applies exactly the next version', () => {
    expect(judgeVersion(5, 6)).toBe('apply');
  });
  it('ignores versions it already has', () => {
    expect(judgeVersion(5, 5)).toBe('stale');
    expect(judgeVersion(5, 3)).toBe('stale');
  });
  it('reports a gap when a version was skipped or no snapshot exists yet', () => {
    expect(judgeVersion(5, 7)).toBe('gap');
    expect(judgeVersion(null, 1)).toBe('gap');
  });
});

describe('withTicket', () => {
  it('adds a newly issued ticket and moves the version', () => {
    const next = withTicket(snapshot, ticket(3, 'waiting'), 6);
    expect(next.version).toBe(6);
    expect(next.activeTickets.map((t) => t.id).sort()).toEqual([1, 2, 3]);
  });
  it('replaces a ticket whose state changed', () => {
    const next = withTicket(snapshot, ticket(1, 'called'), 6);
    expect(next.activeTickets.find((t) => t.id === 1)?.state).toBe('called');
    expect(next.activeTickets).toHaveLength(2);
  });
  it('drops tickets that left the live view (done, no-show, transferred)', () => {
    for (const state of ['done', 'no_show', 'transferred', 'cancelled'] as const) {
      expect(withTicket(snapshot, ticket(2, state), 6).activeTickets.map((t) => t.id)).toEqual([1]);
    }
  });
});

describe('withWindow', () => {
  it('replaces the window with the same id', () => {
    const next = withWindow(snapshot, { ...window(3, 3), state: 'open' }, 6);
    expect(next.windows.find((w) => w.id === 3)?.state).toBe('open');
    expect(next.windows).toHaveLength(2);
  });
  it('adds an unknown window in number order', () => {
    const next = withWindow(snapshot, window(2, 2), 6);
    expect(next.windows.map((w) => w.number)).toEqual([1, 2, 3]);
  });
});
