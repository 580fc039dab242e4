// What every admin service needs: the repositories, the change runner, and who is acting. Each
// configuration change is one change of a group commit that also writes its audit row and (when
// screens draw what it changed) reloads the hall's hot state and sends every screen a fresh
// snapshot, so screens apply it at once and the log can never miss a change that happened. A save
// that changes nothing writes no audit row and sends no snapshot.
import type { AuditDetail } from '@hall/shared/contracts/admin';
import type { Repositories } from '../repositories';
import type { ChangeContext } from '../core/changes';
import type { RunChange } from '../core/groupCommit';
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
  /** For reads outside a change; inside one, use the change's own `ctx.now`. */
  clock: () => number;
}

/**
 * Runs a configuration change: one change, one audit row, then (unless no screen draws it, as
 * for devices) the hall's configuration reloaded into memory and a snapshot to every screen.
 */
export function configChange<T>(
  deps: AdminServiceDeps,
  actor: AdminActor,
  action: string,
  work: (ctx: ChangeContext) => { result: T; detail: AuditDetail },
  options: { screens: boolean } = { screens: true },
): Promise<T> {
  return deps.runChange(actor.hallId, (ctx) => {
    const { result, detail } = work(ctx);
    if (detail.changes.length === 0) return result; // nothing changed: nothing to log or send
    deps.repos.audit.append(actor.hallId, ctx.now, actor.staffId, action, detail);
    if (options.screens) ctx.configChanged();
    return result;
  });
}
