// Notices shown as a marquee on the wall display.
import type { Notice } from '@hall/shared/contracts/entities';
import type { Db } from '../core/db/database';

interface NoticeRow {
  id: number;
  hall_id: number;
  text: string;
  active: number;
}

const toNotice = (r: NoticeRow): Notice => ({
  id: r.id,
  hallId: r.hall_id,
  text: r.text,
  active: r.active === 1,
});

export function createNoticeRepository(db: Db) {
  return {
    list(hallId: number): Notice[] {
      return (
        db.prepare('SELECT * FROM notices WHERE hall_id = ? ORDER BY id').all(hallId) as NoticeRow[]
      ).map(toNotice);
    },
    find(hallId: number, id: number): Notice | null {
      const r = db.prepare('SELECT * FROM notices WHERE hall_id = ? AND id = ?').get(hallId, id) as
        NoticeRow | undefined;
      return r ? toNotice(r) : null;
    },
    insert(hallId: number, text: string, active: boolean): number {
      return Number(
        db
          .prepare('INSERT INTO notices (hall_id, text, active) VALUES (?,?,?)')
          .run(hallId, text, active ? 1 : 0).lastInsertRowid,
      );
    },
    update(n: Notice): void {
      db.prepare('UPDATE notices SET text = ?, active = ? WHERE id = ? AND hall_id = ?').run(
        n.text,
        n.active ? 1 : 0,
        n.id,
        n.hallId,
      );
    },
    remove(hallId: number, id: number): boolean {
      return db.prepare('DELETE FROM notices WHERE hall_id = ? AND id = ?').run(hallId, id).changes === 1;
    },
  };
}
export type NoticeRepository = ReturnType<typeof createNoticeRepository>;
