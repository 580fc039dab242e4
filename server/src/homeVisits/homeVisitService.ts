// The home-visit register's steps: requested → scheduled (with an officer; may be rescheduled) →
// done (with document delivered / assisted payment) or cancelled. Each step is audited and logged
// as a `home_visit` event; completed visits count in the elderly report. Answers carry the masked
// list form: the full personal fields are shown only through privacy:reveal, which is logged.
import { DomainError } from '@hall/shared/contracts/errors';
import { parseIdNumber } from '@hall/shared/idNumber';
import type { HomeVisit, HomeVisitStatus } from '@hall/shared/contracts/admin';
import type {
  homeVisitCancelSchema,
  homeVisitCompleteSchema,
  homeVisitCreateSchema,
  homeVisitListSchema,
  homeVisitScheduleSchema,
} from '@hall/shared/contracts/schemas';
import type { z } from 'zod';
import type { RevealReason } from '@hall/shared/contracts/privacy';
import type { PrivacyService } from '../privacy/privacyService';
import { homeVisitCsv } from './homeVisitCsv';
import type { Repositories } from '../repositories';
import type { RunChange } from '../core/changes';
import type { AdminActor } from '../audit/configChange';
import { valuesDetail } from '../audit/auditDetail';
import {
  toListedVisit,
  type HomeVisitRepository,
  type NewHomeVisit,
  type StoredHomeVisit,
} from './homeVisitRepository';

type Create = z.output<typeof homeVisitCreateSchema>;
type Schedule = z.output<typeof homeVisitScheduleSchema>;
type Complete = z.output<typeof homeVisitCompleteSchema>;
type Cancel = z.output<typeof homeVisitCancelSchema>;
type List = z.output<typeof homeVisitListSchema>;

export interface HomeVisitDeps {
  repos: Repositories;
  visits: HomeVisitRepository;
  runChange: RunChange;
  clock: () => number;
  /** Logs an export that carried personal fields (privacy domain), in the export's transaction. */
  logExport: PrivacyService['logExport'];
}

export interface HomeVisitExport {
  filter: List;
  /** Personal columns, asked for with a reason; null for the plain export. */
  personal: { reason: RevealReason } | null;
}

/** Which steps may start from which status. */
const ALLOWED_FROM: Record<'schedule' | 'complete' | 'cancel', readonly HomeVisitStatus[]> = {
  schedule: ['requested', 'scheduled'],
  complete: ['scheduled'],
  cancel: ['requested', 'scheduled'],
};

const STATUS_WORDS: Record<HomeVisitStatus, string> = {
  requested: '待安排 requested',
  scheduled: '已安排 scheduled',
  done: '已完成 done',
  cancelled: '已取消 cancelled',
};

function checkRange(filter: { from: string | null; to: string | null }): void {
  if (filter.from && filter.to && filter.from > filter.to) {
    throw new DomainError('VALIDATION_FAILED', { detail: 'from is after to' });
  }
}

export function createHomeVisitService(deps: HomeVisitDeps) {
  const { repos, visits } = deps;

  function load(actor: AdminActor, id: number, step: keyof typeof ALLOWED_FROM): StoredHomeVisit {
    const visit = visits.find(actor.hallId, id);
    if (!visit) throw new DomainError('NOT_FOUND', { what: 'home visit' });
    if (!ALLOWED_FROM[step].includes(visit.status)) {
      throw new DomainError('CONFLICT', { detail: STATUS_WORDS[visit.status] });
    }
    return visit;
  }

  function record(
    actor: AdminActor,
    visit: StoredHomeVisit,
    action: string,
    detail: Record<string, unknown>,
  ): void {
    const at = deps.clock();
    repos.audit.append(
      actor.hallId,
      at,
      actor.staffId,
      `homeVisit.${action}`,
      valuesDetail({ id: visit.id }, detail),
    );
    repos.events.append({
      hallId: actor.hallId,
      ticketId: null,
      type: 'home_visit',
      at,
      windowId: null,
      staffId: actor.staffId,
      deviceId: null,
      payload: {
        homeVisitId: visit.id,
        step: action,
        status: visit.status,
        serviceId: visit.serviceId,
        ...detail,
      },
    });
  }

  /** Saves a step; refuses when another admin moved the visit first. */
  function save(next: StoredHomeVisit, expected: HomeVisitStatus): StoredHomeVisit {
    if (!visits.save(next, expected))
      throw new DomainError('CONFLICT', { detail: 'home visit changed meanwhile' });
    return next;
  }

  return {
    create(actor: AdminActor, input: Create): HomeVisit {
      return deps.runChange(actor.hallId, () => {
        if (!repos.services.find(actor.hallId, input.serviceId)) throw new DomainError('SERVICE_NOT_FOUND');
        let maskedIdNumber = input.maskedIdNumber;
        if (input.idNumber !== null) {
          const parsed = parseIdNumber(input.idNumber);
          if (!parsed.ok) throw new DomainError('ID_NUMBER_INVALID');
          maskedIdNumber = parsed.value.masked;
        }
        const fields: NewHomeVisit = {
          hallId: actor.hallId,
          personName: input.personName,
          maskedIdNumber,
          idNumber: input.idNumber,
          phone: input.phone,
          address: input.address,
          serviceId: input.serviceId,
          reason: input.reason,
          requestedDate: input.requestedDate,
          status: 'requested',
          scheduledDate: null,
          officerId: null,
          completedAt: null,
          documentDelivered: false,
          assistedPayment: false,
          cancelReason: null,
          notes: input.notes,
          createdAt: deps.clock(),
          closedAt: null,
          personalClearedAt: null,
        };
        const { idNumber: _never, ...stored } = fields;
        const visit: StoredHomeVisit = { ...stored, id: visits.insert(fields) };
        // Names, phone and address stay in the register only (sealed): the logs keep ids and the reason.
        record(actor, visit, 'create', { reason: visit.reason, requestedDate: visit.requestedDate });
        return toListedVisit(visit);
      });
    },

    schedule(actor: AdminActor, input: Schedule): HomeVisit {
      return deps.runChange(actor.hallId, () => {
        const visit = load(actor, input.id, 'schedule');
        const officer = repos.staff.find(input.officerId);
        if (!officer || officer.hallId !== actor.hallId || officer.disabled) {
          throw new DomainError('NOT_FOUND', { what: 'officer' });
        }
        if (input.scheduledDate < visit.requestedDate) {
          throw new DomainError('VALIDATION_FAILED', { detail: 'scheduledDate: before the requested date' });
        }
        const next = save(
          {
            ...visit,
            status: 'scheduled',
            scheduledDate: input.scheduledDate,
            officerId: officer.id,
            notes: input.notes ?? visit.notes,
          },
          visit.status,
        );
        record(actor, next, 'schedule', { scheduledDate: next.scheduledDate, officerId: officer.id });
        return toListedVisit(next);
      });
    },

    complete(actor: AdminActor, input: Complete): HomeVisit {
      return deps.runChange(actor.hallId, () => {
        const visit = load(actor, input.id, 'complete');
        const at = deps.clock();
        const next = save(
          {
            ...visit,
            status: 'done',
            completedAt: at,
            closedAt: at,
            documentDelivered: input.documentDelivered,
            assistedPayment: input.assistedPayment,
            notes: input.notes ?? visit.notes,
          },
          visit.status,
        );
        record(actor, next, 'complete', {
          documentDelivered: next.documentDelivered,
          assistedPayment: next.assistedPayment,
        });
        return toListedVisit(next);
      });
    },

    cancel(actor: AdminActor, input: Cancel): HomeVisit {
      return deps.runChange(actor.hallId, () => {
        const visit = load(actor, input.id, 'cancel');
        const next = save(
          { ...visit, status: 'cancelled', cancelReason: input.reason, closedAt: deps.clock() },
          visit.status,
        );
        // The reason is free text and may name people: it stays in the register, sealed.
        record(actor, next, 'cancel', {});
        return toListedVisit(next);
      });
    },

    list(actor: AdminActor, input: List): HomeVisit[] {
      checkRange(input);
      return visits.listMasked(actor.hallId, input);
    },

    /** The register as CSV; with personal columns only when asked with a reason, and then logged. */
    exportCsv(actor: AdminActor, request: HomeVisitExport): string {
      checkRange(request.filter);
      return deps.runChange(actor.hallId, () => {
        const rows = visits.list(actor.hallId, request.filter, 10_000);
        if (request.personal) {
          deps.logExport({
            hallId: actor.hallId,
            staffId: actor.staffId,
            recordKind: 'home_visit',
            reason: request.personal.reason,
            recordIds: rows.map((v) => v.id),
          });
        }
        const staff = repos.staff.list(actor.hallId);
        return homeVisitCsv(
          rows,
          {
            service: (id) => {
              const service = repos.services.find(actor.hallId, id);
              return service ? `${service.code} ${service.nameZh}` : String(id);
            },
            officer: (id) => staff.find((s) => s.id === id)?.name ?? '',
            timeZone: repos.halls.find(actor.hallId)?.timezone ?? 'Asia/Shanghai',
          },
          request.personal !== null,
        );
      });
    },
  };
}
export type HomeVisitService = ReturnType<typeof createHomeVisitService>;
