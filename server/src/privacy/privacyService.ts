// Revealing a masked record (with a reason, admins only) and reading the access log. A reveal and
// its access-log row are one transaction: a look that was not logged cannot have happened.
import { DomainError } from '@hall/shared/contracts/errors';
import type {
  AccessLogEntry,
  accessLogQuerySchema,
  PersonalRecordKind,
  RevealedRecord,
  revealSchema,
} from '@hall/shared/contracts/privacy';
import type { z } from 'zod';
import type { Repositories } from '../repositories';
import type { RunChange } from '../core/changes';
import type { AdminActor } from '../audit/configChange';
import type { AccessLogRepository, AccessRecord } from './accessLogRepository';
import type { PersonalRecordSource } from './personalRecordSource';
import { addDays, startOfDay } from './dayBounds';

export interface PrivacyDeps {
  repos: Repositories;
  accessLog: AccessLogRepository;
  sources: readonly PersonalRecordSource[];
  runChange: RunChange;
  clock: () => number;
}

export function createPrivacyService(deps: PrivacyDeps) {
  const { repos, accessLog } = deps;

  function source(kind: PersonalRecordKind): PersonalRecordSource {
    const found = deps.sources.find((s) => s.kind === kind);
    if (!found) throw new DomainError('NOT_FOUND', { what: kind });
    return found;
  }

  /** Epoch-ms bounds of hall days, [from 00:00, the day after `to` 00:00). */
  function range(hallId: number, from: string | null, to: string | null) {
    if (from && to && from > to) throw new DomainError('VALIDATION_FAILED', { detail: 'from is after to' });
    const zone = repos.halls.find(hallId)?.timezone ?? 'Asia/Shanghai';
    return {
      from: from ? startOfDay(from, zone) : null,
      to: to ? startOfDay(addDays(to, 1), zone) : null,
    };
  }

  return {
    reveal(actor: AdminActor, input: z.output<typeof revealSchema>): RevealedRecord {
      return deps.runChange(actor.hallId, () => {
        const revealed = source(input.kind).reveal(actor.hallId, input.id);
        if (!revealed) throw new DomainError('NOT_FOUND', { what: input.kind });
        accessLog.append({
          hallId: actor.hallId,
          at: deps.clock(),
          staffId: actor.staffId,
          action: 'reveal',
          recordKind: input.kind,
          recordId: input.id,
          recordCount: 1,
          reason: input.reason,
        });
        return revealed;
      });
    },

    /** Records an export that carried personal fields, in the transaction that reads them. */
    logExport(
      record: Omit<AccessRecord, 'action' | 'recordId' | 'recordCount' | 'at'> & { recordIds: number[] },
    ) {
      accessLog.append({
        ...record,
        at: deps.clock(),
        action: 'export',
        recordId: null,
        recordCount: record.recordIds.length,
      });
    },

    accessLog(actor: AdminActor, input: z.output<typeof accessLogQuerySchema>): AccessLogEntry[] {
      return accessLog.list(actor.hallId, range(actor.hallId, input.from, input.to));
    },

    range,
  };
}
export type PrivacyService = ReturnType<typeof createPrivacyService>;
