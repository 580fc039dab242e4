import { describe, expect, it } from 'vitest';
import type { CallRecord, HallSnapshot, HallWindow, TicketState, TicketView } from './contracts/entities';
import { DEFAULT_RULES } from './defaults';
import { DEFAULT_SCHEDULE } from './hallHours';
import {
  applyDelta,
  applyHallFrame,
  judgeFrame,
  newestCallsFirst,
  withTicket,
  withWindow,
  type HallDelta,
  type HallFrame,
} from './hallDeltas';

const ticket = (id: number, state: TicketState = 'waiting'): TicketView => ({
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

const hallWindow = (id: number, number: number, state: HallWindow['state'] = 'closed'): HallWindow => ({
  id,
  hallId: 1,
  number,
  name: '',
  serviceIds: [1],
  elderlyDedicated: false,
  state,
  pauseReason: null,
  staffId: null,
  staffName: null,
  currentTicketId: null,
  normalStreak: 0,
});

// A call's id is its own (the server's event row); here the time stands in for it.
const callOf = (t: TicketView, windowNumber: number, at: number, recall = false): CallRecord => ({
  id: at,
  ticketId: t.id,
  number: t.number,
  priorityClass: t.priorityClass,
  windowId: windowNumber,
  windowNumber,
  elderlyWindow: false,
  serviceId: t.serviceId,
  at,
  recall,
});

const snapshot = (extra: Partial<HallSnapshot> = {}): HallSnapshot => ({
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
    schedule: DEFAULT_SCHEDULE,
    issueExtension: null,
    ticketFooter: '',
    voiceLanguages: ['cmn'],
  },
  rules: DEFAULT_RULES,
  services: [],
  windows: [hallWindow(1, 1), hallWindow(3, 3)],
  activeTickets: [ticket(1, 'waiting'), ticket(2, 'called')],
  recentCalls: [],
  notices: [],
  averageServiceMinutes: {},
  ...extra,
});

const called = (version: number, id: number, windowNumber: number, at: number): HallDelta => {
  const t = { ...ticket(id, 'called'), windowId: windowNumber, calledAt: at };
  return { type: 'ticket:called', version, ticket: t, call: callOf(t, windowNumber, at) };
};

const options = { recentCallLimit: 12 };

describe('judgeFrame', () => {
  it('applies a frame that continues what the screen has', () => {
    expect(judgeFrame(5, { base: 5, version: 6 })).toBe('apply');
    // The room skipped versions that did not concern it: still continuous.
    expect(judgeFrame(5, { base: 5, version: 9 })).toBe('apply');
    // The snapshot was newer than the room's last frame: the frame's older deltas are skipped.
    expect(judgeFrame(5, { base: 3, version: 7 })).toBe('apply');
  });
  it('ignores frames it already has', () => {
    expect(judgeFrame(5, { base: 4, version: 5 })).toBe('stale');
    expect(judgeFrame(5, { base: 1, version: 3 })).toBe('stale');
  });
  it('reports a gap when a frame was missed or no snapshot exists yet', () => {
    expect(judgeFrame(5, { base: 6, version: 7 })).toBe('gap');
    expect(judgeFrame(null, { base: 0, version: 1 })).toBe('gap');
  });
});

describe('withTicket', () => {
  it('adds a newly issued ticket', () => {
    expect(withTicket(snapshot().activeTickets, ticket(3)).map((t) => t.id)).toEqual([1, 2, 3]);
  });
  it('replaces a ticket whose state changed', () => {
    const next = withTicket(snapshot().activeTickets, ticket(1, 'called'));
    expect(next.find((t) => t.id === 1)?.state).toBe('called');
    expect(next).toHaveLength(2);
  });
  it('drops tickets that left the live view (done, no-show, transferred, cancelled)', () => {
    for (const state of ['done', 'no_show', 'transferred', 'cancelled'] as const) {
      expect(withTicket(snapshot().activeTickets, ticket(2, state)).map((t) => t.id)).toEqual([1]);
    }
  });
});

describe('withWindow', () => {
  it('replaces the window with the same id', () => {
    const next = withWindow(snapshot().windows, hallWindow(3, 3, 'open'));
    expect(next.find((w) => w.id === 3)?.state).toBe('open');
    expect(next).toHaveLength(2);
  });
  it('adds an unknown window in number order', () => {
    expect(withWindow(snapshot().windows, hallWindow(2, 2)).map((w) => w.number)).toEqual([1, 2, 3]);
  });
});

describe('newestCallsFirst', () => {
  it('sorts newest first, keeps each call once, keeps recalls, and caps the list', () => {
    const t1 = ticket(1);
    const t2 = ticket(2);
    const calls = [callOf(t1, 1, 100), callOf(t2, 2, 300), callOf(t1, 1, 100), callOf(t1, 1, 500, true)];
    expect(newestCallsFirst(calls, 12).map((c) => c.at)).toEqual([500, 300, 100]);
    expect(newestCallsFirst(calls, 2).map((c) => c.at)).toEqual([500, 300]);
  });
});

describe('applyDelta', () => {
  it('adds issued tickets, drops finished ones, keeps calls newest first, and replaces windows', () => {
    let s = snapshot({ version: 10, activeTickets: [] });
    s = applyDelta(s, { type: 'ticket:issued', version: 11, ticket: ticket(1) }, options);
    expect(s.activeTickets.map((t) => t.number)).toEqual(['A001']);
    s = applyDelta(s, called(12, 1, 3, 5000), options);
    s = applyDelta(s, called(13, 2, 4, 6000), options);
    expect(s.recentCalls.map((c) => c.number)).toEqual(['A002', 'A001']);
    expect(s.activeTickets.map((t) => t.state)).toEqual(['called', 'called']);
    s = applyDelta(s, { type: 'ticket:updated', version: 14, ticket: ticket(1, 'done') }, options);
    expect(s.activeTickets.map((t) => t.number)).toEqual(['A002']);
    s = applyDelta(s, { type: 'window:updated', version: 15, window: hallWindow(3, 3, 'paused') }, options);
    expect(s.windows.find((w) => w.id === 3)?.state).toBe('paused');
    expect(s.version).toBe(15);
  });

  it('keeps at most recentCallLimit calls, each renderer its own number', () => {
    let s = snapshot({ version: 0 });
    for (let v = 1; v <= 5; v += 1) s = applyDelta(s, called(v, v, 1, v * 100), { recentCallLimit: 3 });
    expect(s.recentCalls.map((c) => c.at)).toEqual([500, 400, 300]);
  });

  it('never mutates its input', () => {
    const before = snapshot();
    const copy = structuredClone(before);
    applyDelta(before, called(6, 3, 1, 100), options);
    applyDelta(before, { type: 'window:updated', version: 6, window: hallWindow(2, 2) }, options);
    expect(before).toEqual(copy);
  });
});

const frame = (base: number, ...deltas: HallDelta[]): HallFrame => ({
  base,
  version: deltas[deltas.length - 1]?.version ?? base,
  deltas,
});

describe('applyHallFrame', () => {
  it('applies the deltas of the next frame in order and reports them', () => {
    const result = applyHallFrame(
      snapshot(),
      frame(5, { type: 'ticket:issued', version: 6, ticket: ticket(3) }, called(7, 3, 1, 100)),
      options,
    );
    expect(result.kind).toBe('applied');
    if (result.kind === 'applied') {
      expect(result.snapshot.version).toBe(7);
      expect(result.snapshot.activeTickets.map((t) => t.id)).toEqual([1, 2, 3]);
      expect(result.snapshot.activeTickets.find((t) => t.id === 3)?.state).toBe('called');
      expect(result.applied.map((d) => d.version)).toEqual([6, 7]);
    }
  });

  it('skips the deltas a newer snapshot already contains', () => {
    const result = applyHallFrame(snapshot(), frame(3, called(4, 3, 1, 100), called(6, 4, 3, 200)), options);
    expect(result.kind === 'applied' && result.applied.map((d) => d.version)).toEqual([6]);
    expect(result.kind === 'applied' && result.snapshot.recentCalls.map((c) => c.ticketId)).toEqual([4]);
  });

  it('reports an old or repeated frame as stale', () => {
    expect(applyHallFrame(snapshot(), frame(4, called(5, 3, 1, 100)), options)).toEqual({ kind: 'stale' });
    expect(applyHallFrame(snapshot(), frame(1, called(2, 3, 1, 100)), options)).toEqual({ kind: 'stale' });
  });

  it('reports a missed frame, or a frame before any snapshot, as a gap', () => {
    expect(applyHallFrame(snapshot(), frame(6, called(7, 3, 1, 100)), options)).toEqual({ kind: 'gap' });
    expect(applyHallFrame(null, frame(0, called(1, 3, 1, 100)), options)).toEqual({ kind: 'gap' });
  });
});
