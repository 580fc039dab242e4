// What every admin service needs: the repositories, the change runner, and who is acting. Each
// configuration change runs in one transaction that also writes its audit row and asks for a fresh
// snapshot, so screens apply it at once and the log can never miss a change that happened. A save
// that changes nothing writes no audit row and sends no snapshot.
import type { AuditDetail } from '@hall/shared/contracts/admin';
import type { Repositories } from '../repositories';
import type { ChangeContext, RunChange } from '../core/changes';
import type { AppSocket } from '../core/socketTypes';

export interface AdminActor {
  hallId: number;
  staffId: number | null;
}

/** The signed-in admin behind a socket (the registrar has already checked the role). */
export const adminActor = (socket: AppSocket): AdminActor => ({
  hallId: socket.data.hallId,
  staffId: socket.data.staffId,
});

export interface AdminServiceDeps {
  repos: Repositories;
  runChange: RunChange;
  clock: () => number;
}

/** Runs a configuration change: one transaction, one audit row, then a snapshot to the hall. */
export function configChange<T>(
  deps: AdminServiceDeps,
  actor: AdminActor,
  action: string,
  work: (ctx: ChangeContext) => { result: T; detail: AuditDetail },
): T {
  return deps.runChange(actor.hallId, (ctx) => {
    const { result, detail } = work(ctx);
    if (detail.changes.length === 0) return result; // nothing changed: nothing to log or send
    deps.repos.audit.append(actor.hallId, deps.clock(), actor.staffId, action, detail);
    ctx.snapshotAfter();
    return result;
  });
}
