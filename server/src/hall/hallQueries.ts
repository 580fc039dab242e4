// Read-side views of a hall: the snapshot every screen starts from, the figures printed on a new
// ticket, the public status of one ticket, and a window's counts for today.
import type {
  CallRecord,
  HallSnapshot,
  IssuedTicket,
  Service,
  TicketStatus,
  WindowStats,
} from '@hall/shared/contracts/entities';
import { estimatedWaitMinutes, windowsServingCount } from '@hall/shared/queue/estimate';
import { isPriority } from '@hall/shared/queue/policy';
import { businessDay } from '@hall/shared/hallTime';
import type { Repositories } from '../repositories';
import { toView, type StoredTicket } from '../tickets/ticketRepository';

const RECENT_CALLS = 12;
const AVERAGE_OVER = 20;

export function createHallQueries(repos: Repositories, clock: () => number) {
  const { db } = repos;
  const recentCallsStmt = db.prepare<[number, string, number], CallRow>(
    `SELECT e.ticket_id, e.at, e.type, t.number, t.priority_class, t.service_id, w.id AS window_id, w.number AS window_number,
            w.elderly_dedicated
       FROM events e JOIN tickets t ON t.id = e.ticket_id JOIN windows w ON w.id = e.window_id
      WHERE e.hall_id = ? AND e.type IN ('called','recalled') AND t.business_day = ?
      ORDER BY e.id DESC LIMIT ?`,
  );
  const durationsStmt = db.prepare<[number, number, number], { minutes: number }>(
    `SELECT (finished_at - serving_at) / 60000.0 AS minutes FROM tickets
      WHERE hall_id = ? AND service_id = ? AND state = 'done' AND serving_at IS NOT NULL
      ORDER BY finished_at DESC LIMIT ?`,
  );

  function today(hallId: number): string {
    const hall = repos.halls.find(hallId);
    return businessDay(clock(), hall?.timezone ?? 'Asia/Shanghai');
  }

  function averageMinutes(service: Service): number {
    const rows = durationsStmt.all(service.hallId, service.id, AVERAGE_OVER);
    if (rows.length < 3) return service.typicalMinutes;
    const sum = rows.reduce((acc, r) => acc + r.minutes, 0);
    return Math.max(1, Math.round((sum / rows.length) * 10) / 10);
  }

  function recentCalls(hallId: number, day: string): CallRecord[] {
    return recentCallsStmt.all(hallId, day, RECENT_CALLS).map((r) => ({
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

  function figures(ticket: StoredTicket): { peopleAhead: number; estimatedWaitMinutes: number } {
    const service = repos.services.find(ticket.hallId, ticket.serviceId);
    if (ticket.state !== 'waiting' || !service) return { peopleAhead: 0, estimatedWaitMinutes: 0 };
    const ahead = repos.tickets.countAhead(ticket);
    const windows = repos.windows.list(ticket.hallId);
    return {
      peopleAhead: ahead,
      estimatedWaitMinutes: estimatedWaitMinutes(
        ahead,
        windowsServingCount(windows, service.id),
        averageMinutes(service),
      ),
    };
  }

  return {
    today,

    snapshot(hallId: number): HallSnapshot {
      const hall = repos.halls.find(hallId);
      if (!hall) throw new Error(`hall ${hallId} missing`);
      const day = businessDay(clock(), hall.timezone);
      const services = repos.services.list(hallId);
      return {
        version: repos.halls.version(hallId),
        serverTime: clock(),
        businessDay: day,
        hall,
        rules: repos.halls.rules(hallId),
        services,
        windows: repos.windows.list(hallId),
        activeTickets: repos.tickets.active(hallId, day).map(toView),
        recentCalls: recentCalls(hallId, day),
        notices: repos.notices.list(hallId).filter((n) => n.active),
        averageServiceMinutes: Object.fromEntries(services.map((s) => [String(s.id), averageMinutes(s)])),
      };
    },

    issued(ticket: StoredTicket): IssuedTicket {
      const hall = repos.halls.find(ticket.hallId)!;
      const service = repos.services.find(ticket.hallId, ticket.serviceId)!;
      const windows = repos.windows.list(ticket.hallId).filter((w) => w.serviceIds.includes(service.id));
      const elderlyWindows = windows.filter((w) => w.elderlyDedicated);
      const watch = isPriority(ticket) && elderlyWindows.length > 0 ? elderlyWindows : windows;
      return {
        ticket: toView(ticket),
        ...figures(ticket),
        statusPath: `/t/${ticket.statusToken}`,
        windowsToWatch: watch.map((w) => w.number),
        serviceNameZh: service.nameZh,
        serviceNameEn: service.nameEn,
        hallName: hall.name,
        footer: hall.ticketFooter,
      };
    },

    status(ticket: StoredTicket): TicketStatus {
      const hall = repos.halls.find(ticket.hallId)!;
      const service = repos.services.find(ticket.hallId, ticket.serviceId)!;
      const window = ticket.windowId ? repos.windows.find(ticket.hallId, ticket.windowId) : null;
      return {
        number: ticket.number,
        serviceNameZh: service.nameZh,
        serviceNameEn: service.nameEn,
        priorityClass: ticket.priorityClass,
        state: ticket.state,
        ...figures(ticket),
        windowNumber: window?.number ?? null,
        issuedAt: ticket.issuedAt,
        calledAt: ticket.calledAt,
        hallName: hall.name,
      };
    },

    windowStats(hallId: number, windowId: number): WindowStats {
      const day = today(hallId);
      const row = db
        .prepare(
          `SELECT
             SUM(state = 'done') AS served,
             SUM(state = 'done' AND (proxy = 1 OR json_extract(marks_json, '$.proxy') = 1)) AS proxy,
             SUM(state = 'done' AND json_extract(marks_json, '$.assistedPayment') = 1) AS assisted,
             SUM(state = 'done' AND priority_class != 'normal') AS priority_served
           FROM tickets WHERE hall_id = ? AND window_id = ? AND business_day = ?`,
        )
        .get(hallId, windowId, day) as Record<string, number | null>;
      // No-shows and transfers are counted from the event log: a requeued no-show changes state
      // and leaves the window, but it was still missed at this window.
      const moves = db
        .prepare(
          `SELECT SUM(e.type = 'no_show') AS no_shows, SUM(e.type = 'transferred') AS transferred
             FROM events e JOIN tickets t ON t.id = e.ticket_id
            WHERE e.hall_id = ? AND e.window_id = ? AND t.business_day = ? AND e.type IN ('no_show', 'transferred')`,
        )
        .get(hallId, windowId, day) as Record<string, number | null>;
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
