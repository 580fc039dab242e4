// 差评 follow-up: every rating at 不满意 or below opened a case with a deadline (recordRating.ts);
// the supervisor records, in order, the check (核实), the action taken (整改) and the answer given
// to the visitor (反馈), which closes the case. Each step is one change with its audit row.
// Cases past their deadline and not closed raise the monitor's alarm (overdueCount).
import { DomainError } from '@hall/shared/contracts/errors';
import type { RatingCase, RatingCaseStatus, RatingCaseStep } from '@hall/shared/contracts/ratings';
import type { RunChange } from '../core/groupCommit';
import type { Repositories } from '../repositories';
import type { AdminActor } from '../audit/configChange';
import { auditDetail } from '../audit/auditDetail';
import type { RatingRepository, StoredCase } from './ratingRepository';

/** Which status a step needs before it, and the status it leaves. */
const STEP_ORDER: Record<RatingCaseStep, { from: RatingCaseStatus; to: RatingCaseStatus }> = {
  verify: { from: 'open', to: 'verified' },
  rectify: { from: 'verified', to: 'rectified' },
  feedback: { from: 'rectified', to: 'closed' },
};

export interface RatingCaseServiceDeps {
  repos: Repositories;
  ratings: RatingRepository;
  runChange: RunChange;
  clock: () => number;
}

export function createRatingCaseService(deps: RatingCaseServiceDeps) {
  const { repos, ratings } = deps;

  function view(c: StoredCase, now: number): RatingCase {
    const rating = ratings.find(c.hallId, c.ratingId)!;
    const service = repos.services.find(c.hallId, rating.serviceId);
    const window = rating.windowId === null ? null : repos.windows.find(c.hallId, rating.windowId);
    return {
      id: c.id,
      hallId: c.hallId,
      rating,
      serviceName: service ? `${service.code} ${service.nameZh}` : String(rating.serviceId),
      windowNumber: window?.number ?? null,
      officerName: rating.staffId === null ? null : (repos.staff.find(rating.staffId)?.name ?? null),
      openedAt: c.openedAt,
      dueAt: c.dueAt,
      status: c.status,
      overdue: c.status !== 'closed' && now > c.dueAt,
      steps: c.steps,
    };
  }

  return {
    list(actor: AdminActor, status: RatingCaseStatus | null): RatingCase[] {
      const now = deps.clock();
      return ratings.listCases(actor.hallId, status).map((c) => view(c, now));
    },

    step(actor: AdminActor, id: number, step: RatingCaseStep, text: string): Promise<RatingCase> {
      return deps.runChange(actor.hallId, (ctx) => {
        const before = ratings.findCase(actor.hallId, id);
        if (!before) throw new DomainError('NOT_FOUND', { what: 'case' });
        const order = STEP_ORDER[step];
        if (before.status !== order.from)
          throw new DomainError('RATING_CASE_STEP_ORDER', { status: before.status });
        const staffName = actor.staffId === null ? null : (repos.staff.find(actor.staffId)?.name ?? null);
        const after: StoredCase = {
          ...before,
          status: order.to,
          steps: { ...before.steps, [step]: { text, at: ctx.now, staffId: actor.staffId, staffName } },
        };
        ratings.saveCase(after);
        const rating = ratings.find(actor.hallId, before.ratingId)!;
        repos.audit.append(
          actor.hallId,
          ctx.now,
          actor.staffId,
          `ratingCase.${step}`,
          auditDetail({ id, label: `${rating.ticketNumber} · ${rating.businessDay}` }, [
            { field: 'status', from: before.status, to: after.status },
            { field: step, to: text },
          ]),
        );
        return view(after, ctx.now);
      });
    },

    overdueCount(hallId: number): number {
      return ratings.overdueCount(hallId, deps.clock());
    },
  };
}
export type RatingCaseService = ReturnType<typeof createRatingCaseService>;
