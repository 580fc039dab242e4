// The city's monitor (role `city`): per hall how many wait and the longest wait, how many windows
// are open, and the alarms (a wait past the hall's threshold, printer faults, overdue 差评 cases),
// with the city's totals. Read from the database in one snapshot, not from this process's hot
// state: with several server processes (PostgreSQL) the committed rows are what every process
// shares, and a city account must not make one process load every hall.
import type { CityMonitor, CityMonitorHall } from '@hall/shared/contracts/admin';
import { businessDay } from '@hall/shared/hallTime';
import { readConsistently, type Db } from '../core/db/sqlDatabase';
import type { Repositories } from '../repositories';

interface Counted {
  hall_id: number;
  n: number;
}

export function cityMonitor(db: Db, repos: Repositories, now: number): CityMonitor {
  return readConsistently(db, () => {
    const halls = repos.halls.list();
    const todayOf = new Map(halls.map((h) => [h.id, businessDay(now, h.timezone)]));
    const days = [...new Set(todayOf.values())];
    const waiting = db
      .prepare(
        `SELECT hall_id, business_day, COUNT(*) AS n, MIN(issued_at) AS oldest FROM tickets
          WHERE state = 'waiting' AND business_day IN (${days.map(() => '?').join(', ')})
          GROUP BY hall_id, business_day`,
      )
      .all(...days) as { hall_id: number; business_day: string; n: number; oldest: number }[];
    const windows = db
      .prepare('SELECT hall_id, state, COUNT(*) AS n FROM windows GROUP BY hall_id, state')
      .all() as (Counted & { state: string })[];
    const faults = db
      .prepare(
        `SELECT hall_id, COUNT(*) AS n FROM devices
          WHERE revoked = 0 AND printer_fault_json IS NOT NULL GROUP BY hall_id`,
      )
      .all() as Counted[];
    const overdue = db
      .prepare(
        `SELECT hall_id, COUNT(*) AS n FROM rating_cases
          WHERE status != 'closed' AND due_at < ? GROUP BY hall_id`,
      )
      .all(now) as Counted[];
    const count = (rows: Counted[], hallId: number) => Number(rows.find((r) => r.hall_id === hallId)?.n ?? 0);

    const rows: CityMonitorHall[] = halls.map((hall) => {
      const queue = waiting.find((w) => w.hall_id === hall.id && w.business_day === todayOf.get(hall.id));
      const longestWaitMinutes = queue ? Math.max(0, Math.floor((now - Number(queue.oldest)) / 60_000)) : 0;
      const inState = (state: string) =>
        Number(windows.find((w) => w.hall_id === hall.id && w.state === state)?.n ?? 0);
      const open = inState('open');
      const paused = inState('paused');
      return {
        hallId: hall.id,
        code: hall.code,
        name: hall.name,
        nameEn: hall.nameEn,
        waiting: Number(queue?.n ?? 0),
        longestWaitMinutes,
        windows: open + paused + inState('closed'),
        openWindows: open,
        pausedWindows: paused,
        alarms: {
          longWait: queue !== undefined && longestWaitMinutes >= repos.halls.rules(hall.id).alertWaitMinutes,
          printerFaults: count(faults, hall.id),
          overdueRatingCases: count(overdue, hall.id),
        },
      };
    });
    const alarmed = (h: CityMonitorHall) =>
      h.alarms.longWait || h.alarms.printerFaults > 0 || h.alarms.overdueRatingCases > 0;
    return {
      at: now,
      halls: rows,
      totals: {
        waiting: rows.reduce((n, h) => n + h.waiting, 0),
        openWindows: rows.reduce((n, h) => n + h.openWindows, 0),
        windows: rows.reduce((n, h) => n + h.windows, 0),
        hallsWithAlarms: rows.filter(alarmed).length,
      },
    };
  });
}
