// Read-side views of a hall: the snapshot displays and consoles start from, the kiosk's counts,
// the figures printed on a new ticket, the public status of one ticket, and a window's counts for
// today. Everything that changes with the queue comes from the hall's hot state in memory; only
// history (recent calls, counts for today, notices) is read from the database.
import type {
  CallRecord,
  HallSnapshot,
  IssuedTicket,
  TicketStatus,
  WindowStats,
} from '@hall/shared/contracts/entities';
import type { KioskSnapshot, ServiceQueue } from '@hall/shared/contracts/frames';
import { isPriority } from '@hall/shared/queue/policy';
import { appointmentSlotText } from '@hall/shared/ticketPrintData';
import type { Repositories } from '../repositories';
import { sqlDialect } from '../core/db/sqlDatabase';
import type { HallStates } from '../core/hallState/hallStates';
import type { HallState } from '../core/hallState/hallState';
import { toView, type StoredTicket } from '../tickets/ticketRepository';
import { figuresOf, serviceQueues } from './queueFigures';

const RECENT_CALLS = 12;
/** States after which a ticket's public status never changes again. */
const FINAL_STATES = new Set(['done', 'cancelled']);

export function createHallQueries(repos: Repositories, states: HallStates, clock: () => number) {
  const { db } = repos;
  const recentCallsStmt = db.prepare<[number, string, number], CallRow>(
    `SELECT e.id, e.ticket_id, e.at, e.type, t.number, t.priority_class, t.service_id, w.id AS window_id, w.number AS window_number,
            w.elderly_dedicated
       FROM events e JOIN tickets t ON t.id = e.ticket_id JOIN windows w ON w.id = e.window_id
      WHERE e.hall_id = ? AND e.type IN ('called','recalled') AND t.business_day = ?
      ORDER BY e.id DESC LIMIT ?`,
  );
  const sql = sqlDialect(db);
  const windowCounts = db.prepare<[number, number, string], Record<string, number | null>>(
    `SELECT
       SUM(CASE WHEN state = 'done' THEN 1 ELSE 0 END) AS served,
       SUM(CASE WHEN state = 'done' AND (proxy = 1 OR ${sql.jsonFlag('marks_json', 'proxy')} = 1) THEN 1 ELSE 0 END) AS proxy,
       SUM(CASE WHEN state = 'done' AND ${sql.jsonFlag('marks_json', 'assistedPayment')} = 1 THEN 1 ELSE 0 END) AS assisted,
       SUM(CASE WHEN state = 'done' AND priority_class != 'normal' THEN 1 ELSE 0 END) AS priority_served
     FROM tickets WHERE hall_id = ? AND window_id = ? AND business_day = ?`,
  );
  // No-shows and transfers are counted from the event log: a requeued no-show changes state and
  // leaves the window, but it was still missed at this window.
  const windowMoves = db.prepare<[number, number, string], Record<string, number | null>>(
    `SELECT SUM(CASE WHEN e.type = 'no_show' THEN 1 ELSE 0 END) AS no_shows,
            SUM(CASE WHEN e.type = 'transferred' THEN 1 ELSE 0 END) AS transferred
       FROM events e JOIN tickets t ON t.id = e.ticket_id
      WHERE e.hall_id = ? AND e.window_id = ? AND t.business_day = ? AND e.type IN ('no_show', 'transferred')`,
  );

  function recentCalls(hallId: number, day: string): CallRecord[] {
    return recentCallsStmt.all(hallId, day, RECENT_CALLS).map((r) => ({
      id: r.id,
      ticketId: r.ticket_id,
      number: r.number,
      priorityClass: r.priority_class,
      windowId: r.window_id,
      windowNumber: r.window_number,
      elderlyWindow: r.elderly_dedicated === 1,
      serviceId: r.service_id,
      at: r.at,
      recall: r.type === 'recalled',
    }));
  }

  function issued(state: HallState, ticket: StoredTicket, now: number): IssuedTicket {
    const service = state.service(ticket.serviceId)!;
    const windows = state.windows().filter((w) => w.serviceIds.includes(service.id));
    const elderlyWindows = windows.filter((w) => w.elderlyDedicated);
    const watch = isPriority(ticket) && elderlyWindows.length > 0 ? elderlyWindows : windows;
    return {
      ticket: toView(ticket),
      // The figures of the ticket as the hall holds it now: answered after its group commit, it may
      // already have been called by a change committed with it.
      ...figuresOf(state, state.liveTicket(ticket.id) ?? ticket, now),
      statusPath: `/t/${ticket.statusToken}`,
      windowsToWatch: watch.map((w) => w.number),
      serviceNameZh: service.nameZh,
      serviceNameEn: service.nameEn,
      hallName: state.hall.name,
      footer: state.hall.ticketFooter,
    };
  }

  function status(state: HallState, ticket: StoredTicket, now: number): TicketStatus {
    const service = state.service(ticket.serviceId) ?? repos.services.find(ticket.hallId, ticket.serviceId)!;
    const window = ticket.windowId ? state.window(ticket.windowId) : null;
    return {
      number: ticket.number,
      serviceNameZh: service.nameZh,
      serviceNameEn: service.nameEn,
      priorityClass: ticket.priorityClass,
      state: ticket.state,
      ...figuresOf(state, ticket, now),
      windowNumber: window?.number ?? null,
      issuedAt: ticket.issuedAt,
      calledAt: ticket.calledAt,
      hallName: state.hall.name,
      ...(ticket.slotStart != null
        ? {
            slotStart: ticket.slotStart,
            slotEnd: ticket.slotEnd ?? null,
            appointmentSlot: appointmentSlotText(ticket, state.hall.timezone),
          }
        : {}),
    };
  }

  return {
    /** Today's business day in the hall's time zone. */
    today(hallId: number): string {
      return states.get(hallId).day;
    },

    snapshot(hallId: number): HallSnapshot {
      const state = states.get(hallId);
      return {
        version: state.version,
        serverTime: clock(),
        businessDay: state.day,
        hall: state.hall,
        rules: state.rules,
        services: [...state.services],
        windows: [...state.windows()],
        activeTickets: state.liveTickets().map(toView),
        recentCalls: recentCalls(hallId, state.day),
        notices: repos.notices.list(hallId).filter((n) => n.active),
        averageServiceMinutes: Object.fromEntries(
          state.services.map((s) => [String(s.id), state.averageMinutes(s.id)]),
        ),
      };
    },

    kioskSnapshot(hallId: number): KioskSnapshot {
      const state = states.get(hallId);
      return {
        version: state.version,
        serverTime: clock(),
        businessDay: state.day,
        hall: state.hall,
        rules: state.rules,
        services: [...state.services],
        queue: serviceQueues(state, clock()),
        appointments: repos.appointmentConfig.offered(hallId),
      };
    },

    kioskQueue(hallId: number): ServiceQueue[] {
      return serviceQueues(states.get(hallId), clock());
    },

    /**
     * What a kiosk prints and shows for a ticket it was given: inside the issuing change (with the
     * change's state and clock reading), or after.
     */
    issued(ticket: StoredTicket, state: HallState = states.get(ticket.hallId), now = clock()): IssuedTicket {
      return issued(state, ticket, now);
    },

    status(ticket: StoredTicket): TicketStatus {
      return status(states.get(ticket.hallId), ticket, clock());
    },

    /** The public status behind a status token: the newest ticket carrying it (transfers keep it). */
    statusOf(hallId: number, statusToken: string): { status: TicketStatus; final: boolean } | null {
      const state = states.get(hallId);
      const ticket = state.liveTicketByToken(statusToken) ?? repos.tickets.findByStatusToken(statusToken);
      if (!ticket) return null;
      return { status: status(state, ticket, clock()), final: FINAL_STATES.has(ticket.state) };
    },

    windowStats(hallId: number, windowId: number): WindowStats {
      const day = states.get(hallId).day;
      const row = windowCounts.get(hallId, windowId, day)!;
      const moves = windowMoves.get(hallId, windowId, day)!;
      return {
        served: row.served ?? 0,
        noShows: moves.no_shows ?? 0,
        transferred: moves.transferred ?? 0,
        proxy: row.proxy ?? 0,
        assistedPayment: row.assisted ?? 0,
        priorityServed: row.priority_served ?? 0,
      };
    },
  };
}
export type HallQueries = ReturnType<typeof createHallQueries>;

interface CallRow {
  id: number;
  ticket_id: number;
  at: number;
  type: string;
  number: string;
  priority_class: string;
  service_id: number;
  window_id: number;
  window_number: number;
  elderly_dedicated: number;
}
