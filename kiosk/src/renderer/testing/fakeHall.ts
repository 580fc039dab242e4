// Test doubles for the kiosk's unit tests: a kiosk snapshot like the demo hall's, and (from the
// client library) a fake socket that records emits and lets a test answer or fire server events.
import type { IssuedTicket, TicketView } from '@hall/shared/contracts/entities';
import type { KioskSnapshot, ServiceQueue } from '@hall/shared/contracts/frames';
import { DEFAULT_RULES } from '@hall/shared/defaults';
import { DEFAULT_SCHEDULE } from '@hall/shared/hallHours';

/** Per service: how many wait (the figures of a ticket taken now follow from it here). */
export function queueOf(waiting: Record<number, number> = {}): ServiceQueue[] {
  return [1, 2].map((serviceId) => {
    const count = waiting[serviceId] ?? 0;
    return {
      serviceId,
      waiting: count,
      peopleAhead: count,
      estimatedWaitMinutes: count * 8,
      outlook: 'open' as const,
      priority: { peopleAhead: 0, estimatedWaitMinutes: 0, outlook: 'open' as const },
    };
  });
}

export function demoSnapshot(version = 1): KioskSnapshot {
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
      // Open all day: the kiosk tests do not depend on the hour they run at.
      hours: { opens: '00:00', closes: '24:00' },
      schedule: { ...DEFAULT_SCHEDULE, issueStopMinutes: 0 },
      issueExtension: null,
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
    queue: queueOf(),
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
    outlook: 'open',
    statusPath: '/t/abc',
    windowsToWatch: [1, 2],
    serviceNameZh: '出入境',
    serviceNameEn: 'Exit-entry',
    hallName: '示范出入境办证大厅',
    footer: '',
  };
}

export { FakeSocket } from '@hall/shared/client/testing/fakeSocket';
