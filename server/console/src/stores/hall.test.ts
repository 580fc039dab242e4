// The hall store keeps a snapshot in step with versioned deltas and asks for a fresh one on a gap.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { HallSnapshot, TicketView } from '@hall/shared/contracts/entities';
import { DEFAULT_RULES } from '@hall/shared/defaults';

const sync = vi.fn();
vi.mock('../socket/connection', () => ({
  request: (event: string) => sync(event),
  currentSocket: () => null,
}));

const { useHallStore } = await import('./hall');

type Handler = (payload: unknown) => void;
function fakeSocket() {
  const handlers = new Map<string, Handler>();
  return {
    on: (event: string, handler: Handler) => handlers.set(event, handler),
    off: (event: string) => handlers.delete(event),
    fire: (event: string, payload: unknown) => handlers.get(event)?.(payload),
    handlers,
  };
}

const ticket = (id: number): TicketView => ({
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
  state: 'waiting',
  issuedAt: id,
  orderKey: id,
  calledAt: null,
  servingAt: null,
  finishedAt: null,
  windowId: null,
  staffId: null,
  callCount: 0,
  marks: null,
  transferredFromId: null,
});

const snapshot = (version: number, tickets: TicketView[] = []): HallSnapshot => ({
  version,
  serverTime: Date.now(),
  businessDay: '2026-11-28',
  hall: {
    id: 1,
    code: 'h',
    name: '大厅',
    nameEn: 'Hall',
    timezone: 'Asia/Shanghai',
    hours: { opens: '09:00', closes: '17:00' },
    ticketFooter: '',
    voiceLanguages: ['cmn'],
  },
  rules: DEFAULT_RULES,
  services: [],
  windows: [],
  activeTickets: tickets,
  recentCalls: [],
  notices: [],
  averageServiceMinutes: {},
});

describe('hall store', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    sync.mockReset();
  });

  it('applies the next version and ignores old ones', () => {
    const hall = useHallStore();
    const socket = fakeSocket();
    hall.bind(socket as never);
    socket.fire('hall:snapshot', snapshot(10));
    socket.fire('ticket:issued', { version: 11, ticket: ticket(1) });
    socket.fire('ticket:issued', { version: 11, ticket: ticket(2) }); // a duplicate delivery
    expect(hall.snapshot?.version).toBe(11);
    expect(hall.snapshot?.activeTickets.map((t) => t.id)).toEqual([1]);
    expect(sync).not.toHaveBeenCalled();
  });

  it('asks for a fresh snapshot when a version is missing, and takes it', async () => {
    const hall = useHallStore();
    const socket = fakeSocket();
    hall.bind(socket as never);
    socket.fire('hall:snapshot', snapshot(10));
    sync.mockResolvedValue({ ok: true, data: snapshot(13, [ticket(1), ticket(2), ticket(3)]) });
    socket.fire('ticket:issued', { version: 13, ticket: ticket(3) });
    expect(sync).toHaveBeenCalledWith('hall:sync');
    await vi.waitFor(() => expect(hall.snapshot?.version).toBe(13));
    expect(hall.snapshot?.activeTickets).toHaveLength(3);
  });

  it('stops listening when unbound', () => {
    const hall = useHallStore();
    const socket = fakeSocket();
    hall.bind(socket as never);
    hall.unbind(socket as never);
    expect(socket.handlers.size).toBe(0);
  });
});
