// Appointment configuration per hall: when each service takes bookings (schedules), the days off,
// and the check-in window. No personal data: it sits with the other repositories.
import {
  DEFAULT_APPOINTMENT_SETTINGS,
  type AppointmentConfig,
  type AppointmentDayOff,
  type AppointmentSchedule,
  type AppointmentSettings,
} from '@hall/shared/contracts/appointments';
import type { Db } from '../core/db/database';

interface ScheduleRow {
  id: number;
  hall_id: number;
  service_id: number;
  weekdays_json: string;
  starts: string;
  ends: string;
  slot_minutes: number;
  capacity: number;
  enabled: number;
}

interface DayOffRow {
  id: number;
  hall_id: number;
  day: string;
  service_id: number | null;
  note: string;
}

const toSchedule = (r: ScheduleRow): AppointmentSchedule => ({
  id: r.id,
  hallId: r.hall_id,
  serviceId: r.service_id,
  weekdays: JSON.parse(r.weekdays_json) as number[],
  starts: r.starts,
  ends: r.ends,
  slotMinutes: r.slot_minutes,
  capacity: r.capacity,
  enabled: r.enabled === 1,
});

const toDayOff = (r: DayOffRow): AppointmentDayOff => ({
  id: r.id,
  hallId: r.hall_id,
  day: r.day,
  serviceId: r.service_id,
  note: r.note,
});

export type NewSchedule = Omit<AppointmentSchedule, 'id'>;

export function createAppointmentConfigRepository(db: Db) {
  const settingsStmt = db.prepare<
    [number],
    { check_in_early_minutes: number; check_in_late_minutes: number }
  >('SELECT check_in_early_minutes, check_in_late_minutes FROM appointment_settings WHERE hall_id = ?');
  const saveSettings = db.prepare(
    `INSERT INTO appointment_settings (hall_id, check_in_early_minutes, check_in_late_minutes)
     VALUES (@hallId, @checkInEarlyMinutes, @checkInLateMinutes)
     ON CONFLICT (hall_id) DO UPDATE SET check_in_early_minutes = excluded.check_in_early_minutes,
       check_in_late_minutes = excluded.check_in_late_minutes`,
  );
  const schedules = db.prepare<[number], ScheduleRow>(
    'SELECT * FROM appointment_schedules WHERE hall_id = ? ORDER BY service_id, starts, id',
  );
  const scheduleById = db.prepare<[number, number], ScheduleRow>(
    'SELECT * FROM appointment_schedules WHERE id = ? AND hall_id = ?',
  );
  const insertSchedule = db.prepare(
    `INSERT INTO appointment_schedules (hall_id, service_id, weekdays_json, starts, ends, slot_minutes, capacity, enabled)
     VALUES (@hallId, @serviceId, @weekdaysJson, @starts, @ends, @slotMinutes, @capacity, @enabled)`,
  );
  const updateSchedule = db.prepare(
    `UPDATE appointment_schedules SET service_id = @serviceId, weekdays_json = @weekdaysJson, starts = @starts,
       ends = @ends, slot_minutes = @slotMinutes, capacity = @capacity, enabled = @enabled
     WHERE id = @id AND hall_id = @hallId`,
  );
  const deleteSchedule = db.prepare<[number, number]>(
    'DELETE FROM appointment_schedules WHERE id = ? AND hall_id = ?',
  );
  const offered = db.prepare<[number], { one: number }>(
    'SELECT 1 AS one FROM appointment_schedules WHERE hall_id = ? AND enabled = 1 LIMIT 1',
  );
  const daysOff = db.prepare<[number], DayOffRow>(
    'SELECT * FROM appointment_days_off WHERE hall_id = ? ORDER BY day, COALESCE(service_id, 0)',
  );
  const daysOffFrom = db.prepare<[number, string], DayOffRow>(
    'SELECT * FROM appointment_days_off WHERE hall_id = ? AND day >= ? ORDER BY day, COALESCE(service_id, 0)',
  );
  const dayOffOf = db.prepare<[number, string, number], DayOffRow>(
    'SELECT * FROM appointment_days_off WHERE hall_id = ? AND day = ? AND COALESCE(service_id, 0) = ?',
  );
  const insertDayOff = db.prepare(
    'INSERT INTO appointment_days_off (hall_id, day, service_id, note) VALUES (@hallId, @day, @serviceId, @note)',
  );
  const deleteDayOff = db.prepare<[number, number]>(
    'DELETE FROM appointment_days_off WHERE id = ? AND hall_id = ?',
  );

  const scheduleValues = (s: NewSchedule) => ({
    ...s,
    weekdaysJson: JSON.stringify(s.weekdays),
    enabled: s.enabled ? 1 : 0,
  });

  return {
    settings(hallId: number): AppointmentSettings {
      const r = settingsStmt.get(hallId);
      return r
        ? { checkInEarlyMinutes: r.check_in_early_minutes, checkInLateMinutes: r.check_in_late_minutes }
        : { ...DEFAULT_APPOINTMENT_SETTINGS };
    },
    saveSettings(hallId: number, settings: AppointmentSettings): void {
      saveSettings.run({ hallId, ...settings });
    },
    schedules(hallId: number): AppointmentSchedule[] {
      return schedules.all(hallId).map(toSchedule);
    },
    schedule(hallId: number, id: number): AppointmentSchedule | null {
      const r = scheduleById.get(id, hallId);
      return r ? toSchedule(r) : null;
    },
    insertSchedule(s: NewSchedule): number {
      return Number(insertSchedule.run(scheduleValues(s)).lastInsertRowid);
    },
    updateSchedule(s: AppointmentSchedule): void {
      updateSchedule.run(scheduleValues(s));
    },
    deleteSchedule(hallId: number, id: number): void {
      deleteSchedule.run(id, hallId);
    },
    /** Whether any service of the hall takes appointments (the kiosk then offers check-in). */
    offered(hallId: number): boolean {
      return offered.get(hallId) !== undefined;
    },
    /** Days off, all or from `fromDay` on. */
    daysOff(hallId: number, fromDay: string | null = null): AppointmentDayOff[] {
      return (fromDay === null ? daysOff.all(hallId) : daysOffFrom.all(hallId, fromDay)).map(toDayOff);
    },
    dayOff(hallId: number, day: string, serviceId: number | null): AppointmentDayOff | null {
      const r = dayOffOf.get(hallId, day, serviceId ?? 0);
      return r ? toDayOff(r) : null;
    },
    insertDayOff(d: Omit<AppointmentDayOff, 'id'>): number {
      return Number(insertDayOff.run(d).lastInsertRowid);
    },
    deleteDayOff(hallId: number, id: number): void {
      deleteDayOff.run(id, hallId);
    },
    config(hallId: number, fromDay: string | null = null): AppointmentConfig {
      return {
        settings: this.settings(hallId),
        schedules: this.schedules(hallId),
        daysOff: this.daysOff(hallId, fromDay),
      };
    },
  };
}
export type AppointmentConfigRepository = ReturnType<typeof createAppointmentConfigRepository>;
