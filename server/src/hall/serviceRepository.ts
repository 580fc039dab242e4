// Services (业务) a hall issues tickets for.
import type { Service, ServiceCategory } from '@hall/shared/contracts/entities';
import type { Db } from '../core/db/database';

interface ServiceRow {
  id: number;
  hall_id: number;
  code: string;
  name_zh: string;
  name_en: string;
  category: string;
  typical_minutes: number;
  enabled: number;
  sort_order: number;
}

const toService = (r: ServiceRow): Service => ({
  id: r.id,
  hallId: r.hall_id,
  code: r.code,
  nameZh: r.name_zh,
  nameEn: r.name_en,
  category: r.category as ServiceCategory,
  typicalMinutes: r.typical_minutes,
  enabled: r.enabled === 1,
  sortOrder: r.sort_order,
});

export function createServiceRepository(db: Db) {
  const byId = db.prepare<[number, number], ServiceRow>(
    'SELECT * FROM services WHERE id = ? AND hall_id = ?',
  );
  const list = db.prepare<[number], ServiceRow>(
    'SELECT * FROM services WHERE hall_id = ? ORDER BY sort_order, code',
  );
  return {
    find(hallId: number, id: number): Service | null {
      const row = byId.get(id, hallId);
      return row ? toService(row) : null;
    },
    list(hallId: number): Service[] {
      return list.all(hallId).map(toService);
    },
    insert(s: Omit<Service, 'id'>): number {
      return Number(
        db
          .prepare(
            'INSERT INTO services (hall_id, code, name_zh, name_en, category, typical_minutes, enabled, sort_order) VALUES (?,?,?,?,?,?,?,?)',
          )
          .run(
            s.hallId,
            s.code,
            s.nameZh,
            s.nameEn,
            s.category,
            s.typicalMinutes,
            s.enabled ? 1 : 0,
            s.sortOrder,
          ).lastInsertRowid,
      );
    },
    update(s: Service): void {
      db.prepare(
        'UPDATE services SET code = ?, name_zh = ?, name_en = ?, category = ?, typical_minutes = ?, enabled = ?, sort_order = ? WHERE id = ? AND hall_id = ?',
      ).run(
        s.code,
        s.nameZh,
        s.nameEn,
        s.category,
        s.typicalMinutes,
        s.enabled ? 1 : 0,
        s.sortOrder,
        s.id,
        s.hallId,
      );
    },
  };
}
export type ServiceRepository = ReturnType<typeof createServiceRepository>;
