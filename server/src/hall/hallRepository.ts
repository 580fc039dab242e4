// Halls, their rules and the per-hall broadcast version.
import type { Hall, HallRules, HallSchedule, IssueExtension } from '@hall/shared/contracts/entities';
import { DEFAULT_RULES } from '@hall/shared/defaults';
import { DEFAULT_SCHEDULE } from '@hall/shared/hallHours';
import { hallVoiceLanguages } from '@hall/shared/voice/languages';
import type { Db } from '../core/db/database';

interface HallRow {
  id: number;
  code: string;
  name: string;
  name_en: string;
  timezone: string;
  opens: string;
  closes: string;
  ticket_footer: string;
  voice_languages: string;
  rules_json: string;
  schedule_json: string;
  issue_extension_json: string | null;
  version: number;
}

const toHall = (r: HallRow): Hall => ({
  id: r.id,
  code: r.code,
  name: r.name,
  nameEn: r.name_en,
  timezone: r.timezone,
  hours: { opens: r.opens, closes: r.closes },
  // Halls made before schedules existed open every day with the default cut-off.
  schedule: { ...DEFAULT_SCHEDULE, ...(JSON.parse(r.schedule_json) as Partial<HallSchedule>) },
  issueExtension: r.issue_extension_json ? (JSON.parse(r.issue_extension_json) as IssueExtension) : null,
  ticketFooter: r.ticket_footer,
  voiceLanguages: hallVoiceLanguages(JSON.parse(r.voice_languages) as string[]),
});

export function createHallRepository(db: Db) {
  const byId = db.prepare<[number], HallRow>('SELECT * FROM halls WHERE id = ?');
  const bumpVersion = db.prepare<[number, number]>('UPDATE halls SET version = version + ? WHERE id = ?');
  const versionOf = db.prepare<[number], { version: number }>('SELECT version FROM halls WHERE id = ?');
  const generationOf = db.prepare<[number], { generation: number }>(
    'SELECT generation FROM halls WHERE id = ?',
  );
  return {
    find(id: number): Hall | null {
      const row = byId.get(id);
      return row ? toHall(row) : null;
    },
    list(): Hall[] {
      return (db.prepare('SELECT * FROM halls ORDER BY id').all() as HallRow[]).map(toHall);
    },
    rules(id: number): HallRules {
      const row = byId.get(id);
      if (!row) return DEFAULT_RULES;
      return { ...DEFAULT_RULES, ...(JSON.parse(row.rules_json) as Partial<HallRules>) };
    },
    insert(h: Omit<Hall, 'id' | 'issueExtension'>, rules: HallRules): number {
      return Number(
        db
          .prepare(
            'INSERT INTO halls (code, name, name_en, timezone, opens, closes, schedule_json, ticket_footer, voice_languages, rules_json) VALUES (?,?,?,?,?,?,?,?,?,?)',
          )
          .run(
            h.code,
            h.name,
            h.nameEn,
            h.timezone,
            h.hours.opens,
            h.hours.closes,
            JSON.stringify(h.schedule),
            h.ticketFooter,
            JSON.stringify(h.voiceLanguages),
            JSON.stringify(rules),
          ).lastInsertRowid,
      );
    },
    update(id: number, h: Hall): void {
      db.prepare(
        'UPDATE halls SET name = ?, name_en = ?, opens = ?, closes = ?, schedule_json = ?, issue_extension_json = ?, ticket_footer = ?, voice_languages = ? WHERE id = ?',
      ).run(
        h.name,
        h.nameEn,
        h.hours.opens,
        h.hours.closes,
        JSON.stringify(h.schedule),
        h.issueExtension ? JSON.stringify(h.issueExtension) : null,
        h.ticketFooter,
        JSON.stringify(h.voiceLanguages),
        id,
      );
    },
    setRules(id: number, rules: HallRules): void {
      db.prepare('UPDATE halls SET rules_json = ? WHERE id = ?').run(JSON.stringify(rules), id);
    },
    /** Reserve `count` consecutive versions; returns the first. Call inside the change's transaction. */
    reserveVersions(id: number, count: number): number {
      bumpVersion.run(count, id);
      return versionOf.get(id)!.version - count + 1;
    },
    version(id: number): number {
      return versionOf.get(id)?.version ?? 0;
    },
    /** Batches committed to the hall by any server process (PostgreSQL; see core/db/README.md). */
    generation(id: number): number {
      return generationOf.get(id)?.generation ?? 0;
    },
  };
}
export type HallRepository = ReturnType<typeof createHallRepository>;
