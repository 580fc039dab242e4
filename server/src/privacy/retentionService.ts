// Retention: how long each category's personal fields are kept (per hall, set in the admin
// console), and the daily purge that clears what is due. A purge empties personal fields only:
// the rows, their states, times and marks stay, so every report shows the same figures before and
// after. Each purge is recorded (purge_runs) and, when it cleared anything, audited.
import type {
  PersonalRecordKind,
  PurgeCounts,
  PurgeRun,
  RetentionPolicy,
  RetentionState,
} from '@hall/shared/contracts/privacy';
import type { retentionUpdateSchema } from '@hall/shared/contracts/privacy';
import { businessDay } from '@hall/shared/hallTime';
import type { z } from 'zod';
import type { Repositories } from '../repositories';
import type { RunChange } from '../core/groupCommit';
import type { AdminActor } from '../audit/configChange';
import type { Logger } from '../core/logger';
import type { PersonalRecordSource } from './personalRecordSource';
import type { RetentionRepository } from './retentionRepository';
import { clearTicketPersonalFields } from './ticketPersonalFields';
import { addDays } from '@hall/shared/hallTime';
import { pruneBackups } from './backupPruning';
import { flushWal } from './resealing';
import { auditDetail, fieldChanges, valuesDetail } from '../audit/auditDetail';

const DAY_MS = 86_400_000;

/** Where each kind's cleared records are counted (appointments: 'appointments' when they exist). */
const COUNTED_AS: Record<PersonalRecordKind, Exclude<keyof PurgeCounts, 'tickets' | 'backups'>> = {
  home_visit: 'homeVisits',
  appointment: 'appointments',
};

export interface RetentionDeps {
  repos: Repositories;
  retention: RetentionRepository;
  sources: readonly PersonalRecordSource[];
  runChange: RunChange;
  clock: () => number;
  logger: Logger;
  /** Where `npm run backup` writes; null when this server has no backups to prune. */
  backupDir: string | null;
}

const longest = (p: RetentionPolicy): number =>
  Math.max(p.ticketDays + 1, p.homeVisitDays, p.appointmentDays);

export function createRetentionService(deps: RetentionDeps) {
  const { repos, retention } = deps;

  /** Backups are the server's, not one hall's: they go after the longest period of any hall. */
  function backupDays(): number {
    return Math.max(...repos.halls.list().map((h) => longest(retention.policy(h.id))));
  }

  function state(hallId: number): RetentionState {
    return {
      policy: retention.policy(hallId),
      lastPurge: retention.lastRun(hallId),
      backupDays: backupDays(),
    };
  }

  async function purge(hallId: number, staffId: number | null): Promise<PurgeRun> {
    const hall = repos.halls.find(hallId);
    if (!hall) throw new Error(`no hall ${hallId}`);
    const now = deps.clock();
    const day = businessDay(now, hall.timezone);
    // Backups first (files, outside the transaction), so the run and its audit row count them.
    const backups = deps.backupDir ? pruneBackups(deps.backupDir, now - backupDays() * DAY_MS).length : 0;
    const run = await deps.runChange(hallId, () => {
      const policy = retention.policy(hallId);
      // ticketDays 0: the day's tickets keep their fields until the day is over.
      const ticketsBefore = addDays(day, -policy.ticketDays);
      const from = retention.ticketsClearedBefore(hallId);
      const tickets =
        from !== null && from >= ticketsBefore
          ? 0
          : clearTicketPersonalFields(repos.db, hallId, from, ticketsBefore);
      const counts = { tickets, homeVisits: 0, appointments: 0, backups };
      for (const source of deps.sources) counts[COUNTED_AS[source.kind]] += source.purge(hallId, policy, now);
      const result: PurgeRun = { day, at: now, ...counts };
      retention.recordRun(hallId, result, from !== null && from > ticketsBefore ? from : ticketsBefore);
      if (counts.tickets + counts.homeVisits + counts.appointments + counts.backups > 0) {
        repos.audit.append(hallId, now, staffId, 'privacy.purge', valuesDetail({}, { day, ...counts }));
      }
      return result;
    });
    // The cleared values must not wait in the WAL for the next checkpoint.
    if (run.tickets + run.homeVisits + run.appointments > 0) flushWal(repos.db);
    deps.logger.info({ hallId, ...run }, 'personal data purge');
    return run;
  }

  return {
    state,
    purge,
    /** Runs the purge for every hall that has not had one on its current business day. */
    async purgeDue(): Promise<PurgeRun[]> {
      const now = deps.clock();
      const due = repos.halls.list().filter((h) => !retention.ranOn(h.id, businessDay(now, h.timezone)));
      const runs: PurgeRun[] = [];
      for (const h of due) runs.push(await purge(h.id, null));
      return runs;
    },
    async update(actor: AdminActor, input: z.output<typeof retentionUpdateSchema>): Promise<RetentionState> {
      await deps.runChange(actor.hallId, () => {
        const before = retention.policy(actor.hallId);
        const after: RetentionPolicy = { ...before, ...input };
        const changes = fieldChanges(before, after, ['ticketDays', 'homeVisitDays', 'appointmentDays']);
        if (changes.length === 0) return; // a save that changes nothing is not logged
        retention.savePolicy(actor.hallId, after, deps.clock());
        repos.audit.append(
          actor.hallId,
          deps.clock(),
          actor.staffId,
          'privacy.retention',
          auditDetail({}, changes),
        );
      });
      return state(actor.hallId);
    },
  };
}
export type RetentionService = ReturnType<typeof createRetentionService>;
