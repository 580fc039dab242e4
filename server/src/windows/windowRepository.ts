// Service windows (窗口): which services they serve, their state and who holds them.
import type { HallWindow, WindowStateName } from '@hall/shared/contracts/entities';
import type { Db } from '../core/db/database';

interface WindowRow {
  id: number;
  hall_id: number;
  number: number;
  name: string;
  service_ids_json: string;
  elderly_dedicated: number;
  state: string;
  pause_reason: string | null;
  staff_id: number | null;
  staff_name: string | null;
  current_ticket_id: number | null;
  normal_streak: number;
}

const toWindow = (r: WindowRow): HallWindow => ({
  id: r.id,
  hallId: r.hall_id,
  number: r.number,
  name: r.name,
  serviceIds: JSON.parse(r.service_ids_json) as number[],
  elderlyDedicated: r.elderly_dedicated === 1,
  state: r.state as WindowStateName,
  pauseReason: r.pause_reason,
  staffId: r.staff_id,
  staffName: r.staff_name,
  currentTicketId: r.current_ticket_id,
  normalStreak: r.normal_streak,
});

const SELECT = 'SELECT w.*, s.name AS staff_name FROM windows w LEFT JOIN staff s ON s.id = w.staff_id';

export function createWindowRepository(db: Db) {
  const byId = db.prepare<[number, number], WindowRow>(`${SELECT} WHERE w.id = ? AND w.hall_id = ?`);
  const byStaff = db.prepare<[number], WindowRow>(`${SELECT} WHERE w.staff_id = ?`);
  const list = db.prepare<[number], WindowRow>(`${SELECT} WHERE w.hall_id = ? ORDER BY w.number`);
  const update = db.prepare(
    'UPDATE windows SET state = @state, pause_reason = @pauseReason, staff_id = @staffId, current_ticket_id = @currentTicketId, normal_streak = @normalStreak WHERE id = @id',
  );
  return {
    find(hallId: number, id: number): HallWindow | null {
      const row = byId.get(id, hallId);
      return row ? toWindow(row) : null;
    },
    heldBy(staffId: number): HallWindow | null {
      const row = byStaff.get(staffId);
      return row ? toWindow(row) : null;
    },
    list(hallId: number): HallWindow[] {
      return list.all(hallId).map(toWindow);
    },
    insert(w: Pick<HallWindow, 'hallId' | 'number' | 'name' | 'serviceIds' | 'elderlyDedicated'>): number {
      return Number(
        db
          .prepare(
            'INSERT INTO windows (hall_id, number, name, service_ids_json, elderly_dedicated) VALUES (?,?,?,?,?)',
          )
          .run(w.hallId, w.number, w.name, JSON.stringify(w.serviceIds), w.elderlyDedicated ? 1 : 0)
          .lastInsertRowid,
      );
    },
    updateConfig(w: Pick<HallWindow, 'id' | 'number' | 'name' | 'serviceIds' | 'elderlyDedicated'>): void {
      db.prepare(
        'UPDATE windows SET number = ?, name = ?, service_ids_json = ?, elderly_dedicated = ? WHERE id = ?',
      ).run(w.number, w.name, JSON.stringify(w.serviceIds), w.elderlyDedicated ? 1 : 0, w.id);
    },
    save(w: HallWindow): void {
      update.run({
        id: w.id,
        state: w.state,
        pauseReason: w.pauseReason,
        staffId: w.staffId,
        currentTicketId: w.currentTicketId,
        normalStreak: w.normalStreak,
      });
    },
  };
}
export type WindowRepository = ReturnType<typeof createWindowRepository>;
