// What a window does with tickets: call, recall, start, finish, no-show, requeue, transfer, cancel,
// and what it holds now. Each command is one change of a group commit; the steps are named in
// calling.ts, serving.ts and queueMoves.ts, the guards in counterGuards.ts (and ../staffScope.ts:
// staff reach only their window's services and own no-shows). The state machine and
// the queue policy (shared/queue) decide; these files load, check who may act, save and log.
import type { FinishMarks, WindowStats } from '@hall/shared/contracts/entities';
import type { Actor } from '../../core/actor';
import type { RunChange } from '../../core/groupCommit';
import type { HallStates } from '../../core/hallState/hallStates';
import type { HallQueries } from '../../hall/hallQueries';
import type { Repositories } from '../../repositories';
import { toView } from '../ticketRepository';
import { callNext, callSpecific, recall } from './calling';
import { finish, noShow, start } from './serving';
import { cancel, requeue, transfer } from './queueMoves';

const NO_STATS: WindowStats = {
  served: 0,
  noShows: 0,
  transferred: 0,
  proxy: 0,
  assistedPayment: 0,
  priorityServed: 0,
};

export function createCounterService(
  repos: Repositories,
  runChange: RunChange,
  states: HallStates,
  queries: HallQueries,
) {
  const deps = { repos };
  return {
    callNext: (actor: Actor) => runChange(actor.hallId, (ctx) => callNext(deps, ctx, actor)),
    callSpecific: (actor: Actor, number: string) =>
      runChange(actor.hallId, (ctx) => callSpecific(deps, ctx, actor, number)),
    recall: (actor: Actor, ticketId: number) =>
      runChange(actor.hallId, (ctx) => recall(deps, ctx, actor, ticketId)),
    start: (actor: Actor, ticketId: number) =>
      runChange(actor.hallId, (ctx) => start(deps, ctx, actor, ticketId)),
    finish: (actor: Actor, ticketId: number, marks: FinishMarks) =>
      runChange(actor.hallId, (ctx) => finish(deps, ctx, actor, ticketId, marks)),
    noShow: (actor: Actor, ticketId: number) =>
      runChange(actor.hallId, (ctx) => noShow(deps, ctx, actor, ticketId)),
    requeue: (actor: Actor, ticketId: number) =>
      runChange(actor.hallId, (ctx) => requeue(deps, ctx, actor, ticketId)),
    transfer: (actor: Actor, ticketId: number, toServiceId: number, toWindowId: number | null) =>
      runChange(actor.hallId, (ctx) => transfer(deps, ctx, actor, ticketId, toServiceId, toWindowId)),
    cancel: (actor: Actor, ticketId: number) =>
      runChange(actor.hallId, (ctx) => cancel(deps, ctx, actor, ticketId)),

    /** The ticket this staff member's window holds now (after a reconnect), and today's counts. */
    current(actor: Actor) {
      const state = states.get(actor.hallId);
      const window = actor.staffId ? state.windowHeldBy(actor.staffId) : null;
      const held = window?.currentTicketId ? state.liveTicket(window.currentTicketId) : null;
      const ticket =
        held ?? (window?.currentTicketId ? repos.tickets.find(actor.hallId, window.currentTicketId) : null);
      return {
        window,
        ticket: ticket ? toView(ticket) : null,
        stats: window ? queries.windowStats(actor.hallId, window.id) : NO_STATS,
      };
    },
  };
}
export type CounterService = ReturnType<typeof createCounterService>;
