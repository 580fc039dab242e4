// Small builders for hall data in the client library's and the renderers' unit tests.
import type { CallRecord, HallSnapshot, HallWindow, TicketView } from '../../contracts/entities';
import { DEFAULT_RULES } from '../../defaults';
import { DEFAULT_SCHEDULE } from '../../hallHours';

export function ticket(id: number, number: string, extra: Partial<TicketView> = {}): TicketView {
  return {
    id,
    hallId: 1,
    serviceId: 1,
    businessDay: '2026-11-28',
    sequence: id,
    number,
    priorityClass: number.includes('-') ? 'elderly' : 'normal',
    proxy: false,
    proxyRelation: null,
    source: 'kiosk',
    state: 'waiting',
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
    ...extra,
  };
}

export function hallWindow(id: number, extra: Partial<HallWindow> = {}): HallWindow {
  return {
    id,
    hallId: 1,
    number: id,
    name: `${id}号窗口`,
    serviceIds: [1, 2],
    elderlyDedicated: id <= 2,
    state: 'open',
    pauseReason: null,
    staffId: null,
    staffName: null,
    currentTicketId: null,
    normalStreak: 0,
    ...extra,
  };
}

/** A call; its identity defaults to its time (unique enough in a test), as the server's event id would be. */
export function callOf(t: TicketView, windowNumber: number, at: number, recall = false, id = at): CallRecord {
  return {
    id,
    ticketId: t.id,
    number: t.number,
    priorityClass: t.priorityClass,
    windowId: windowNumber,
    windowNumber,
    elderlyWindow: windowNumber <= 2,
    serviceId: t.serviceId,
    at,
    recall,
  };
}

export function snapshot(extra: Partial<HallSnapshot> = {}): HallSnapshot {
  return {
    version: 10,
    serverTime: 1_000_000,
    businessDay: '2026-11-28',
    hall: {
      id: 1,
      code: 'demo',
      name: '示范办证大厅',
      nameEn: 'Demo Service Hall',
      timezone: 'Asia/Shanghai',
      hours: { opens: '08:30', closes: '17:30' },
      schedule: DEFAULT_SCHEDULE,
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
        nameEn: 'Exit & Entry',
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
        typicalMinutes: 10,
        enabled: true,
        sortOrder: 2,
      },
    ],
    windows: [hallWindow(1), hallWindow(2), hallWindow(3)],
    activeTickets: [],
    recentCalls: [],
    notices: [],
    averageServiceMinutes: {},
    ...extra,
  };
}
