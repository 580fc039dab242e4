// Test doubles for the kiosk's unit tests: a hall snapshot like the demo hall, and a fake socket
// that records emits and lets a test answer acknowledgements or fire server events.
import type { HallSnapshot, IssuedTicket, TicketView } from '@hall/shared/contracts/entities';
import { DEFAULT_RULES } from '@hall/shared/defaults';
import type { KioskSocket } from '../net/socket';

export function demoSnapshot(version = 1): HallSnapshot {
  return {
    version,
    serverTime: Date.UTC(2026, 10, 28, 2, 0, 0),
    businessDay: '2026-11-28',
    hall: {
      id: 1,
      code: 'demo',
      name: '示范出入境办证大厅',
      nameEn: 'Demo Exit-Entry Hall',
      timezone: 'Asia/Shanghai',
      hours: { opens: '08:30', closes: '17:30' },
      ticketFooter: '',
      voiceLanguages: ['cmn'],
    },
    rules: DEFAULT_RULES,
    services: [
      {
        id: 1,
        hallId: 1,
        code: 'A',
        nameZh: '出入境',
        nameEn: 'Exit-entry',
        category: 'exit_entry',
        typicalMinutes: 8,
        enabled: true,
        sortOrder: 1,
      },
      {
        id: 2,
        hallId: 1,
        code: 'B',
        nameZh: '户政',
        nameEn: 'Household',
        category: 'household',
        typicalMinutes: 6,
        enabled: true,
        sortOrder: 2,
      },
    ],
    windows: [],
    activeTickets: [],
    recentCalls: [],
    notices: [],
    averageServiceMinutes: {},
  };
}

export function ticketView(overrides: Partial<TicketView> = {}): TicketView {
  return {
    id: 1,
    hallId: 1,
    serviceId: 1,
    businessDay: '2026-11-28',
    sequence: 1,
    number: 'A001',
    priorityClass: 'normal',
    proxy: false,
    proxyRelation: null,
    source: 'kiosk',
    state: 'waiting',
    issuedAt: 1,
    orderKey: 1,
    calledAt: null,
    servingAt: null,
    finishedAt: null,
    windowId: null,
    staffId: null,
    callCount: 0,
    marks: null,
    transferredFromId: null,
    ...overrides,
  };
}

export function issuedTicket(ticket: Partial<TicketView> = {}): IssuedTicket {
  return {
    ticket: ticketView(ticket),
    peopleAhead: 3,
    estimatedWaitMinutes: 12,
    statusPath: '/t/abc',
    windowsToWatch: [1, 2],
    serviceNameZh: '出入境',
    serviceNameEn: 'Exit-entry',
    hallName: '示范出入境办证大厅',
    footer: '',
  };
}

type Handler = (...args: never[]) => void;
export interface EmitRecord {
  event: string;
  payload: unknown;
}

/** Just enough of a Socket.IO client for the stores. `answer` decides each acknowledgement. */
export class FakeSocket {
  connected = false;
  active = true;
  readonly emits: EmitRecord[] = [];
  private readonly handlers = new Map<string, Set<Handler>>();
  answer: (event: string, payload: unknown) => Promise<unknown> = () => new Promise(() => undefined);

  on(event: string, handler: Handler): this {
    if (!this.handlers.has(event)) this.handlers.set(event, new Set());
    this.handlers.get(event)!.add(handler);
    return this;
  }
  off(event: string, handler: Handler): this {
    this.handlers.get(event)?.delete(handler);
    return this;
  }
  connect(): this {
    return this;
  }
  disconnect(): this {
    this.connected = false;
    return this;
  }
  /** Simulates the server: fires a reserved or server event at the bound handlers. */
  fire(event: string, ...args: unknown[]): void {
    if (event === 'connect') this.connected = true;
    if (event === 'disconnect') this.connected = false;
    for (const handler of this.handlers.get(event) ?? []) (handler as (...a: unknown[]) => void)(...args);
  }
  listenerCount(event: string): number {
    return this.handlers.get(event)?.size ?? 0;
  }
  emit(event: string, ...args: unknown[]): this {
    this.emits.push({ event, payload: typeof args[0] === 'function' ? undefined : args[0] });
    return this;
  }
  timeout(ms: number): { emitWithAck: (event: string, payload?: unknown) => Promise<unknown> } {
    return {
      emitWithAck: (event, payload) => {
        this.emits.push({ event, payload });
        return Promise.race([
          this.answer(event, payload),
          new Promise((_, reject) => setTimeout(() => reject(new Error('operation has timed out')), ms)),
        ]);
      },
    };
  }
  asSocket(): KioskSocket {
    return this as unknown as KioskSocket;
  }
}
