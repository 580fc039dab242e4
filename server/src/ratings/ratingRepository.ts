// Ratings (one per ticket, UNIQUE in SQLite) and their 差评 follow-up cases. A pad prompt nobody
// answered is a row with level NULL (未评价); only such a row may later take a phone rating, and
// only once (the update is conditional), so the first real rating of a ticket always stands.
import type {
  Rating,
  RatingCaseCounts,
  RatingCaseStatus,
  RatingCaseStep,
  RatingCaseStepRecord,
  RatingChannel,
  RatingLevel,
  RatingReason,
} from '@hall/shared/contracts/ratings';
import type { Db } from '../core/db/database';

interface RatingRow {
  id: number;
  hall_id: number;
  ticket_id: number;
  number: string;
  business_day: string;
  service_id: number;
  window_id: number | null;
  staff_id: number | null;
  priority_class: string;
  channel: RatingChannel;
  level: RatingLevel | null;
  reasons_json: string;
  at: number;
}

export interface CaseRow {
  id: number;
  hall_id: number;
  rating_id: number;
  opened_at: number;
  due_at: number;
  status: RatingCaseStatus;
  steps_json: string;
}

export interface StoredCase {
  id: number;
  hallId: number;
  ratingId: number;
  openedAt: number;
  dueAt: number;
  status: RatingCaseStatus;
  steps: Partial<Record<RatingCaseStep, RatingCaseStepRecord>>;
}

export type NewRating = Omit<Rating, 'id'> & { deviceId: number | null };

const RATING_SELECT = `SELECT r.*, t.number FROM ratings r JOIN tickets t ON t.id = r.ticket_id`;

export const toRating = (r: RatingRow): Rating => ({
  id: r.id,
  hallId: r.hall_id,
  ticketId: r.ticket_id,
  ticketNumber: r.number,
  businessDay: r.business_day,
  serviceId: r.service_id,
  windowId: r.window_id,
  staffId: r.staff_id,
  priorityClass: r.priority_class,
  channel: r.channel,
  level: r.level,
  reasons: JSON.parse(r.reasons_json) as RatingReason[],
  at: r.at,
});

const toCase = (r: CaseRow): StoredCase => ({
  id: r.id,
  hallId: r.hall_id,
  ratingId: r.rating_id,
  openedAt: r.opened_at,
  dueAt: r.due_at,
  status: r.status,
  steps: JSON.parse(r.steps_json) as StoredCase['steps'],
});

export function createRatingRepository(db: Db) {
  const byTicket = db.prepare<[number], RatingRow>(`${RATING_SELECT} WHERE r.ticket_id = ?`);
  const byId = db.prepare<[number, number], RatingRow>(`${RATING_SELECT} WHERE r.id = ? AND r.hall_id = ?`);
  const insertStmt = db.prepare(
    `INSERT INTO ratings (hall_id, ticket_id, business_day, service_id, window_id, staff_id, priority_class,
                          channel, level, reasons_json, device_id, at)
     VALUES (@hallId, @ticketId, @businessDay, @serviceId, @windowId, @staffId, @priorityClass,
             @channel, @level, @reasons, @deviceId, @at)`,
  );
  const rateUnanswered = db.prepare(
    `UPDATE ratings SET channel = @channel, level = @level, reasons_json = @reasons, device_id = @deviceId, at = @at
      WHERE ticket_id = @ticketId AND level IS NULL`,
  );
  const caseById = db.prepare<[number, number], CaseRow>(
    'SELECT * FROM rating_cases WHERE id = ? AND hall_id = ?',
  );
  const overdueStmt = db.prepare<[number, number], { n: number }>(
    "SELECT COUNT(*) AS n FROM rating_cases WHERE hall_id = ? AND status != 'closed' AND due_at < ?",
  );

  return {
    findByTicket(ticketId: number): Rating | null {
      const r = byTicket.get(ticketId);
      return r ? toRating(r) : null;
    },
    find(hallId: number, id: number): Rating | null {
      const r = byId.get(id, hallId);
      return r ? toRating(r) : null;
    },
    /** A new row; throws on a second row for the ticket (UNIQUE), which callers check first. */
    insert(rating: NewRating): number {
      return Number(
        insertStmt.run({
          hallId: rating.hallId,
          ticketId: rating.ticketId,
          businessDay: rating.businessDay,
          serviceId: rating.serviceId,
          windowId: rating.windowId,
          staffId: rating.staffId,
          priorityClass: rating.priorityClass,
          channel: rating.channel,
          level: rating.level,
          reasons: JSON.stringify(rating.reasons),
          deviceId: rating.deviceId,
          at: rating.at,
        }).lastInsertRowid,
      );
    },
    /** Gives an unanswered (未评价) row its rating; false when the ticket has a rating already. */
    rateUnanswered(r: {
      ticketId: number;
      channel: RatingChannel;
      level: RatingLevel;
      reasons: RatingReason[];
      deviceId: number | null;
      at: number;
    }): boolean {
      return rateUnanswered.run({ ...r, reasons: JSON.stringify(r.reasons) }).changes === 1;
    },
    /** The hall's ratings (and 未评价 rows) of tickets of business days from..to, oldest first. */
    list(hallId: number, from: string, to: string): Rating[] {
      return (
        db
          .prepare(
            `${RATING_SELECT} WHERE r.hall_id = ? AND r.business_day BETWEEN ? AND ? ORDER BY r.at, r.id`,
          )
          .all(hallId, from, to) as RatingRow[]
      ).map(toRating);
    },

    insertCase(c: { hallId: number; ratingId: number; openedAt: number; dueAt: number }): number {
      return Number(
        db
          .prepare('INSERT INTO rating_cases (hall_id, rating_id, opened_at, due_at) VALUES (?,?,?,?)')
          .run(c.hallId, c.ratingId, c.openedAt, c.dueAt).lastInsertRowid,
      );
    },
    findCase(hallId: number, id: number): StoredCase | null {
      const r = caseById.get(id, hallId);
      return r ? toCase(r) : null;
    },
    listCases(hallId: number, status: RatingCaseStatus | null): StoredCase[] {
      return (
        db
          .prepare(
            `SELECT * FROM rating_cases WHERE hall_id = ? AND (CAST(? AS TEXT) IS NULL OR status = ?)
              ORDER BY status = 'closed', due_at, id LIMIT 1000`,
          )
          .all(hallId, status, status) as CaseRow[]
      ).map(toCase);
    },
    saveCase(c: StoredCase): void {
      db.prepare('UPDATE rating_cases SET status = ?, steps_json = ? WHERE id = ?').run(
        c.status,
        JSON.stringify(c.steps),
        c.id,
      );
    },
    /** Cases not closed whose deadline has passed (the monitor's alarm). */
    overdueCount(hallId: number, now: number): number {
      return overdueStmt.get(hallId, now)?.n ?? 0;
    },
    /** Cases of ratings of tickets of business days from..to, by status (reports). */
    caseCounts(hallId: number | null, from: string, to: string, now: number): RatingCaseCounts {
      const rows = db
        .prepare(
          `SELECT c.status, COUNT(*) AS n, SUM(CASE WHEN c.status != 'closed' AND c.due_at < @now THEN 1 ELSE 0 END) AS overdue
             FROM rating_cases c JOIN ratings r ON r.id = c.rating_id
            WHERE (CAST(@hallId AS BIGINT) IS NULL OR c.hall_id = @hallId) AND r.business_day BETWEEN @from AND @to
            GROUP BY c.status`,
        )
        .all({ hallId, from, to, now }) as { status: RatingCaseStatus; n: number; overdue: number }[];
      const counts: RatingCaseCounts = {
        opened: 0,
        open: 0,
        verified: 0,
        rectified: 0,
        closed: 0,
        overdue: 0,
      };
      for (const r of rows) {
        counts[r.status] = r.n;
        counts.opened += r.n;
        counts.overdue += r.overdue ?? 0;
      }
      return counts;
    },
  };
}
export type RatingRepository = ReturnType<typeof createRatingRepository>;
