// A person's rights (个人信息保护法 §45, §47): everything stored about them, found by their ID number or
// phone through the keyed hashes (never by reading every record), handed over as a copy; and
// erasure of it, leaving only what reports count. Both are audited and logged in the access log
// with the ids of the records, never with the number that was searched.
import { DomainError } from '@hall/shared/contracts/errors';
import { parseIdNumber } from '@hall/shared/idNumber';
import type {
  PersonalRecordKind,
  SubjectCopy,
  SubjectErasure,
  subjectEraseSchema,
  subjectQuerySchema,
} from '@hall/shared/contracts/privacy';
import { normalizePhone } from '@hall/shared/privacy/masking';
import type { z } from 'zod';
import type { Repositories } from '../repositories';
import type { RunChange } from '../core/groupCommit';
import type { AdminActor } from '../audit/configChange';
import type { FieldCipher } from '../core/crypto/fieldCipher';
import type { AccessLogRepository } from './accessLogRepository';
import type { PersonalRecordSource, SubjectIndexes } from './personalRecordSource';
import { flushWal } from './resealing';
import { valuesDetail } from '../audit/auditDetail';

type Query = z.output<typeof subjectQuerySchema>;
type Erase = z.output<typeof subjectEraseSchema>;

export interface SubjectDeps {
  repos: Repositories;
  accessLog: AccessLogRepository;
  sources: readonly PersonalRecordSource[];
  cipher: FieldCipher;
  runChange: RunChange;
  clock: () => number;
}

export function createSubjectService(deps: SubjectDeps) {
  const { repos, accessLog } = deps;

  function indexesOf(query: Query): { matchedBy: SubjectCopy['matchedBy']; indexes: SubjectIndexes } {
    if (query.idNumber !== undefined) {
      const parsed = parseIdNumber(query.idNumber);
      if (!parsed.ok) throw new DomainError('ID_NUMBER_INVALID');
      return {
        matchedBy: 'id_number',
        indexes: { phone: [], idNumber: deps.cipher.blindIndexCandidates('id_number', query.idNumber) },
      };
    }
    const phone = normalizePhone(query.phone ?? '');
    if (phone.length < 5) throw new DomainError('VALIDATION_FAILED', { detail: 'phone' });
    return {
      matchedBy: 'phone',
      indexes: { phone: deps.cipher.blindIndexCandidates('phone', phone), idNumber: [] },
    };
  }

  function find(hallId: number, query: Query) {
    const { matchedBy, indexes } = indexesOf(query);
    return { matchedBy, records: deps.sources.flatMap((s) => s.findBySubject(hallId, indexes)) };
  }

  function logFor(
    actor: AdminActor,
    action: 'subject_copy' | 'subject_erase',
    kind: PersonalRecordKind,
    ids: number[],
  ) {
    accessLog.append({
      hallId: actor.hallId,
      at: deps.clock(),
      staffId: actor.staffId,
      action,
      recordKind: kind,
      recordId: null,
      recordCount: ids.length,
      reason: 'subject_request',
      recordIds: ids,
    });
  }

  /**
   * The kinds to write in the access log: each kind of record found, or (nothing found) the first
   * kind, so a search that found nobody is still on record — one line per kind that was touched.
   */
  const kindsFound = (records: readonly { kind: PersonalRecordKind }[]): PersonalRecordKind[] => {
    const found = deps.sources.map((s) => s.kind).filter((k) => records.some((r) => r.kind === k));
    return found.length > 0 ? found : deps.sources.slice(0, 1).map((s) => s.kind);
  };

  return {
    copy(actor: AdminActor, query: Query): Promise<SubjectCopy> {
      return deps.runChange(actor.hallId, () => {
        const { matchedBy, records } = find(actor.hallId, query);
        for (const kind of kindsFound(records)) {
          logFor(
            actor,
            'subject_copy',
            kind,
            records.filter((r) => r.kind === kind).map((r) => r.id),
          );
        }
        repos.audit.append(
          actor.hallId,
          deps.clock(),
          actor.staffId,
          'privacy.subjectCopy',
          valuesDetail({}, { matchedBy, records: records.length }),
        );
        const history = records.flatMap((r) => accessLog.forRecord(actor.hallId, r.kind, r.id));
        const unique = [...new Map(history.map((e) => [e.id, e])).values()].sort((a, b) => a.id - b.id);
        return { matchedBy, generatedAt: deps.clock(), records, accessLog: unique };
      });
    },

    async erase(actor: AdminActor, input: Erase): Promise<SubjectErasure> {
      const { confirm: _confirmed, ...query } = input;
      const result = await deps.runChange(actor.hallId, () => {
        const { matchedBy, records } = find(actor.hallId, query);
        const total = { erased: 0, cancelled: 0 };
        for (const source of deps.sources) {
          const ids = records.filter((r) => r.kind === source.kind).map((r) => r.id);
          const done = source.erase(actor.hallId, ids, actor.staffId, deps.clock());
          total.erased += done.erased;
          total.cancelled += done.cancelled;
        }
        for (const kind of kindsFound(records)) {
          logFor(
            actor,
            'subject_erase',
            kind,
            records.filter((r) => r.kind === kind).map((r) => r.id),
          );
        }
        repos.audit.append(
          actor.hallId,
          deps.clock(),
          actor.staffId,
          'privacy.subjectErase',
          valuesDetail({}, { matchedBy, ...total }),
        );
        return total;
      });
      // Erased means gone from the file too, not waiting in the WAL for the next checkpoint.
      flushWal(repos.db);
      return result;
    },
  };
}
export type SubjectService = ReturnType<typeof createSubjectService>;
