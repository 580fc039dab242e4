// Serving the visitor a window called: start, finish (with the marks the hall counts: 代办,
// 代缴费, …), or mark a no-show. Finishing frees the window and teaches the estimate how long a
// visit of this service takes.
import type { FinishMarks, TicketView } from '@hall/shared/contracts/entities';
import type { Actor } from '../../core/actor';
import type { ChangeContext } from '../../core/changes';
import { toView, type StoredTicket } from '../ticketRepository';
import { atWindow, type CounterDeps } from './counterGuards';
import { logTicket, move, setCurrent } from './ticketMoves';

export function start(deps: CounterDeps, ctx: ChangeContext, actor: Actor, ticketId: number): TicketView {
  const { window, ticket } = atWindow(deps, ctx, actor, ticketId);
  const serving: StoredTicket = { ...ticket, state: move(ticket, 'start'), servingAt: ctx.now };
  ctx.saveTicket(serving, ticket.state);
  logTicket(ctx, actor, serving, 'serving', window);
  const view = toView(serving);
  ctx.emit({ type: 'ticket:updated', ticket: view });
  return view;
}

export function finish(
  deps: CounterDeps,
  ctx: ChangeContext,
  actor: Actor,
  ticketId: number,
  marks: FinishMarks,
): TicketView {
  const { window, ticket } = atWindow(deps, ctx, actor, ticketId);
  const done: StoredTicket = { ...ticket, state: move(ticket, 'finish'), finishedAt: ctx.now, marks };
  ctx.saveTicket(done, ticket.state);
  logTicket(ctx, actor, done, 'done', window, {
    ...marks,
    priorityClass: done.priorityClass,
    proxy: done.proxy || marks.proxy,
    // Reports count by what the window was at the time, not after a reconfiguration.
    elderlyWindow: window.elderlyDedicated,
  });
  if (done.servingAt !== null)
    ctx.hall.recordServiceMinutes(done.serviceId, (ctx.now - done.servingAt) / 60_000);
  const view = toView(done);
  ctx.emit({ type: 'ticket:updated', ticket: view });
  setCurrent(ctx, window, { currentTicketId: null });
  return view;
}

export function noShow(deps: CounterDeps, ctx: ChangeContext, actor: Actor, ticketId: number): TicketView {
  const { window, ticket } = atWindow(deps, ctx, actor, ticketId);
  const missed: StoredTicket = { ...ticket, state: move(ticket, 'noShow'), finishedAt: ctx.now };
  ctx.saveTicket(missed, ticket.state);
  logTicket(ctx, actor, missed, 'no_show', window);
  const view = toView(missed);
  ctx.emit({ type: 'ticket:updated', ticket: view });
  setCurrent(ctx, window, { currentTicketId: null });
  return view;
}
