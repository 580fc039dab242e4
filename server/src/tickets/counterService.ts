// What a window does with tickets: call, recall, start, finish, no-show, requeue, transfer, cancel.
// Each command is one transaction; the state machine and the queue policy decide, this file only
// loads, checks who may act, saves and logs.
import { DomainError } from '@hall/shared/contracts/errors';
import type { CallRecord, FinishMarks, HallWindow, TicketState } from '@hall/shared/contracts/entities';
import { nextStreak, pickNext, requeueOrderKey } from '@hall/shared/queue/policy';
import { transition, type TicketAction } from '@hall/shared/queue/stateMachine';
import type { Repositories } from '../repositories';
import { toView, type StoredTicket } from './ticketRepository';
import type { ChangeContext, RunChange } from '../core/changes';
import type { HallQueries } from '../hall/hallQueries';
import type { Actor } from '../core/actor';
import { assertStaffScope } from './staffScope';

export function createCounterService(
  repos: Repositories,
  runChange: RunChange,
  queries: HallQueries,
  clock: () => number,
) {
  function heldWindow(actor: Actor): HallWindow {
    const window = actor.staffId ? repos.windows.heldBy(actor.staffId) : null;
    if (!window || window.hallId !== actor.hallId) throw new DomainError('WINDOW_NOT_HELD');
    return window;
  }

  function callableWindow(actor: Actor): HallWindow {
    const window = heldWindow(actor);
    if (window.state === 'closed') throw new DomainError('WINDOW_CLOSED');
    if (window.state === 'paused') throw new DomainError('WINDOW_PAUSED');
    if (window.currentTicketId) {
      const current = repos.tickets.find(actor.hallId, window.currentTicketId);
      if (current && (current.state === 'called' || current.state === 'serving')) {
        throw new DomainError('WINDOW_BUSY', { number: current.number });
      }
    }
    return window;
  }

  function loadTicket(actor: Actor, ticketId: number): StoredTicket {
    const ticket = repos.tickets.find(actor.hallId, ticketId);
    if (!ticket) throw new DomainError('TICKET_NOT_FOUND');
    return ticket;
  }

  function windowNumber(actor: Actor, windowId: number | null): number | string {
    return (windowId && repos.windows.find(actor.hallId, windowId)?.number) || '?';
  }

  /** Applies the state machine; refuses with the transition's own code. */
  function move(ticket: StoredTicket, action: TicketAction): TicketState {
    const result = transition(ticket.state, action);
    if (!result.ok) throw new DomainError(result.code, { state: ticket.state });
    return result.to;
  }

  function save(ticket: StoredTicket, expected: TicketState): void {
    // Lost a race (another window changed it first): refuse rather than overwrite.
    if (!repos.tickets.save(ticket, expected)) throw new DomainError('CONFLICT', { detail: ticket.number });
  }

  function log(
    actor: Actor,
    ticket: StoredTicket,
    type: Parameters<Repositories['events']['append']>[0]['type'],
    window: HallWindow | null,
    payload: Record<string, unknown> = {},
  ) {
    repos.events.append({
      hallId: actor.hallId,
      ticketId: ticket.id,
      type,
      at: clock(),
      windowId: window?.id ?? null,
      staffId: actor.staffId,
      deviceId: actor.deviceId,
      payload: { number: ticket.number, ...payload },
    });
  }

  function callRecord(ticket: StoredTicket, window: HallWindow, recall: boolean): CallRecord {
    return {
      ticketId: ticket.id,
      number: ticket.number,
      priorityClass: ticket.priorityClass,
      windowId: window.id,
      windowNumber: window.number,
      elderlyWindow: window.elderlyDedicated,
      serviceId: ticket.serviceId,
      at: clock(),
      recall,
    };
  }

  function setCurrent(ctx: ChangeContext, window: HallWindow, changes: Partial<HallWindow>): HallWindow {
    const updated = { ...window, ...changes };
    repos.windows.save(updated);
    ctx.emit({ event: 'window:updated', payload: { window: repos.windows.find(window.hallId, window.id)! } });
    return updated;
  }

  function call(actor: Actor, ctx: ChangeContext, window: HallWindow, ticket: StoredTicket, reason: string) {
    const state = move(ticket, 'call');
    const called: StoredTicket = {
      ...ticket,
      state,
      calledAt: clock(),
      windowId: window.id,
      staffId: actor.staffId,
      callCount: ticket.callCount + 1,
    };
    save(called, ticket.state);
    log(actor, called, 'called', window, { reason, priorityClass: called.priorityClass });
    ctx.emit({
      event: 'ticket:called',
      payload: { ticket: toView(called), call: callRecord(called, window, false) },
    });
    setCurrent(ctx, window, { currentTicketId: called.id, normalStreak: nextStreak(window, called) });
    return toView(called);
  }

  /** Ticket commands that act on this window's own current ticket. */
  function atWindow(actor: Actor, ticketId: number): { window: HallWindow; ticket: StoredTicket } {
    const window = heldWindow(actor);
    const ticket = loadTicket(actor, ticketId);
    if (ticket.windowId !== window.id && ['called', 'serving'].includes(ticket.state)) {
      throw new DomainError('TICKET_NOT_AT_WINDOW');
    }
    return { window, ticket };
  }

  return {
    callNext(actor: Actor) {
      return runChange(actor.hallId, (ctx) => {
        const window = callableWindow(actor);
        const day = queries.today(actor.hallId);
        const rules = repos.halls.rules(actor.hallId);
        const now = clock();
        const candidates = repos.tickets.candidates(
          actor.hallId,
          day,
          {
            id: window.id,
            serviceIds: window.serviceIds,
            normalOnlyIfTargeted: window.elderlyDedicated && !rules.elderlyWindowTakesOthers,
          },
          now - rules.maxWaitMinutes * 60_000,
        );
        const pick = pickNext(window, candidates, rules, now);
        if (!pick) throw new DomainError('QUEUE_EMPTY');
        return call(actor, ctx, window, loadTicket(actor, pick.ticket.id), pick.reason);
      });
    },

    callSpecific(actor: Actor, number: string) {
      return runChange(actor.hallId, (ctx) => {
        const window = callableWindow(actor);
        const ticket = repos.tickets.findByNumber(actor.hallId, queries.today(actor.hallId), number);
        if (!ticket) throw new DomainError('TICKET_NOT_FOUND');
        if (ticket.state === 'called' || ticket.state === 'serving') {
          throw new DomainError('TICKET_CALLED_ELSEWHERE', { window: windowNumber(actor, ticket.windowId) });
        }
        if (!window.serviceIds.includes(ticket.serviceId))
          throw new DomainError('SERVICE_NOT_SERVED_BY_WINDOW');
        return call(actor, ctx, window, ticket, 'specific');
      });
    },

    recall(actor: Actor, ticketId: number) {
      return runChange(actor.hallId, (ctx) => {
        const { window, ticket } = atWindow(actor, ticketId);
        const state = move(ticket, 'recall');
        const recalled: StoredTicket = { ...ticket, state, callCount: ticket.callCount + 1 };
        save(recalled, ticket.state);
        log(actor, recalled, 'recalled', window, { callCount: recalled.callCount });
        ctx.emit({
          event: 'ticket:called',
          payload: { ticket: toView(recalled), call: callRecord(recalled, window, true) },
        });
        return toView(recalled);
      });
    },

    start(actor: Actor, ticketId: number) {
      return runChange(actor.hallId, (ctx) => {
        const { window, ticket } = atWindow(actor, ticketId);
        const serving: StoredTicket = { ...ticket, state: move(ticket, 'start'), servingAt: clock() };
        save(serving, ticket.state);
        log(actor, serving, 'serving', window);
        ctx.emit({ event: 'ticket:updated', payload: { ticket: toView(serving) } });
        return toView(serving);
      });
    },

    finish(actor: Actor, ticketId: number, marks: FinishMarks) {
      return runChange(actor.hallId, (ctx) => {
        const { window, ticket } = atWindow(actor, ticketId);
        const done: StoredTicket = { ...ticket, state: move(ticket, 'finish'), finishedAt: clock(), marks };
        save(done, ticket.state);
        log(actor, done, 'done', window, {
          ...marks,
          priorityClass: done.priorityClass,
          proxy: done.proxy || marks.proxy,
          // Reports count by what the window was at the time, not after a reconfiguration.
          elderlyWindow: window.elderlyDedicated,
        });
        ctx.emit({ event: 'ticket:updated', payload: { ticket: toView(done) } });
        setCurrent(ctx, window, { currentTicketId: null });
        return toView(done);
      });
    },

    noShow(actor: Actor, ticketId: number) {
      return runChange(actor.hallId, (ctx) => {
        const { window, ticket } = atWindow(actor, ticketId);
        const missed: StoredTicket = { ...ticket, state: move(ticket, 'noShow'), finishedAt: clock() };
        save(missed, ticket.state);
        log(actor, missed, 'no_show', window);
        ctx.emit({ event: 'ticket:updated', payload: { ticket: toView(missed) } });
        setCurrent(ctx, window, { currentTicketId: null });
        return toView(missed);
      });
    },

    /** A visitor who missed the call goes back a few places (rules.requeueOffset), not to the end. */
    requeue(actor: Actor, ticketId: number) {
      return runChange(actor.hallId, (ctx) => {
        const window = heldWindow(actor);
        const ticket = loadTicket(actor, ticketId);
        const state = move(ticket, 'requeue');
        assertStaffScope(repos, actor, window, ticket, 'requeue');
        const rules = repos.halls.rules(actor.hallId);
        const sameService = repos.tickets
          .queue(actor.hallId, ticket.businessDay)
          .filter((t) => t.serviceId === ticket.serviceId);
        const requeued: StoredTicket = {
          ...ticket,
          state,
          orderKey: requeueOrderKey(sameService, rules.requeueOffset, clock()),
          windowId: null,
          staffId: null,
          finishedAt: null,
        };
        save(requeued, ticket.state);
        log(actor, requeued, 'requeued', window, { offset: rules.requeueOffset });
        ctx.emit({ event: 'ticket:updated', payload: { ticket: toView(requeued) } });
        return toView(requeued);
      });
    },

    /** Closes this ticket and opens a waiting one for another service that keeps the first issue time. */
    transfer(actor: Actor, ticketId: number, toServiceId: number, toWindowId: number | null) {
      return runChange(actor.hallId, (ctx) => {
        const { window, ticket } = atWindow(actor, ticketId);
        const target = repos.services.find(actor.hallId, toServiceId);
        if (!target) throw new DomainError('SERVICE_NOT_FOUND');
        if (target.id === ticket.serviceId && toWindowId === null)
          throw new DomainError('TRANSFER_SAME_SERVICE');
        if (toWindowId !== null) {
          const targetWindow = repos.windows.find(actor.hallId, toWindowId);
          if (!targetWindow) throw new DomainError('WINDOW_NOT_FOUND');
          if (!targetWindow.serviceIds.includes(target.id))
            throw new DomainError('SERVICE_NOT_SERVED_BY_WINDOW');
        }
        const closed: StoredTicket = { ...ticket, state: move(ticket, 'transfer'), finishedAt: clock() };
        assertStaffScope(repos, actor, window, ticket, 'transfer');
        save(closed, ticket.state);
        const { id: _oldId, ...rest } = ticket;
        const created = repos.tickets.insert({
          ...rest,
          serviceId: target.id,
          source: 'transfer',
          state: 'waiting',
          orderKey: ticket.issuedAt,
          calledAt: null,
          servingAt: null,
          finishedAt: null,
          windowId: null,
          staffId: null,
          targetWindowId: toWindowId,
          callCount: 0,
          marks: null,
          transferredFromId: ticket.id,
          requestId: null,
        });
        log(actor, closed, 'transferred', window, {
          toTicketId: created.id,
          toServiceId: target.id,
          toWindowId,
        });
        ctx.emit({ event: 'ticket:updated', payload: { ticket: toView(closed) } });
        ctx.emit({ event: 'ticket:updated', payload: { ticket: toView(created) } });
        if (window.currentTicketId === ticket.id) setCurrent(ctx, window, { currentTicketId: null });
        return toView(created);
      });
    },

    cancel(actor: Actor, ticketId: number) {
      return runChange(actor.hallId, (ctx) => {
        const window = heldWindow(actor);
        const ticket = loadTicket(actor, ticketId);
        const cancelled: StoredTicket = { ...ticket, state: move(ticket, 'cancel'), finishedAt: clock() };
        assertStaffScope(repos, actor, window, ticket, 'cancel');
        save(cancelled, ticket.state);
        log(actor, cancelled, 'cancelled', window);
        ctx.emit({ event: 'ticket:updated', payload: { ticket: toView(cancelled) } });
        return toView(cancelled);
      });
    },

    current(actor: Actor) {
      const window = actor.staffId ? repos.windows.heldBy(actor.staffId) : null;
      const ticket = window?.currentTicketId
        ? repos.tickets.find(actor.hallId, window.currentTicketId)
        : null;
      return {
        window,
        ticket: ticket ? toView(ticket) : null,
        stats: window
          ? queries.windowStats(actor.hallId, window.id)
          : { served: 0, noShows: 0, transferred: 0, proxy: 0, assistedPayment: 0, priorityServed: 0 },
      };
    },
  };
}
export type CounterService = ReturnType<typeof createCounterService>;
