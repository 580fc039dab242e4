// A staff member takes a window, opens, pauses, resumes, closes and releases it.
import { DomainError } from '@hall/shared/contracts/errors';
import type { EventType, HallWindow } from '@hall/shared/contracts/entities';
import type { Repositories } from '../repositories';
import type { ChangeContext, RunChange } from '../core/changes';
import type { Actor } from '../core/actor';

export function createWindowService(repos: Repositories, runChange: RunChange, clock: () => number) {
  function held(actor: Actor): HallWindow {
    const window = actor.staffId ? repos.windows.heldBy(actor.staffId) : null;
    if (!window || window.hallId !== actor.hallId) throw new DomainError('WINDOW_NOT_HELD');
    return window;
  }

  function assertIdle(window: HallWindow): void {
    if (!window.currentTicketId) return;
    const ticket = repos.tickets.find(window.hallId, window.currentTicketId);
    if (ticket && (ticket.state === 'called' || ticket.state === 'serving')) {
      throw new DomainError('WINDOW_BUSY', { number: ticket.number });
    }
  }

  function save(
    actor: Actor,
    ctx: ChangeContext,
    window: HallWindow,
    type: EventType,
    payload = {},
  ): HallWindow {
    repos.windows.save(window);
    repos.events.append({
      hallId: actor.hallId,
      ticketId: null,
      type,
      at: clock(),
      windowId: window.id,
      staffId: actor.staffId,
      deviceId: null,
      payload,
    });
    const fresh = repos.windows.find(window.hallId, window.id)!;
    ctx.emit({ event: 'window:updated', payload: { window: fresh } });
    return fresh;
  }

  function release(actor: Actor, ctx: ChangeContext, window: HallWindow): void {
    assertIdle(window);
    save(
      actor,
      ctx,
      { ...window, staffId: null, state: 'closed', pauseReason: null, currentTicketId: null },
      'window_released',
    );
  }

  return {
    claim(actor: Actor, windowId: number): HallWindow {
      return runChange(actor.hallId, (ctx) => {
        const window = repos.windows.find(actor.hallId, windowId);
        if (!window) throw new DomainError('WINDOW_NOT_FOUND');
        if (window.staffId === actor.staffId) return window;
        if (window.staffId !== null) {
          throw new DomainError('WINDOW_TAKEN', { window: window.number, staff: window.staffName ?? '?' });
        }
        const previous = actor.staffId ? repos.windows.heldBy(actor.staffId) : null;
        if (previous) release(actor, ctx, previous);
        return save(actor, ctx, { ...window, staffId: actor.staffId }, 'window_claimed');
      });
    },
    release(actor: Actor): null {
      runChange(actor.hallId, (ctx) => release(actor, ctx, held(actor)));
      return null;
    },
    open(actor: Actor): HallWindow {
      return runChange(actor.hallId, (ctx) =>
        save(actor, ctx, { ...held(actor), state: 'open', pauseReason: null }, 'window_opened'),
      );
    },
    pause(actor: Actor, reason: string): HallWindow {
      return runChange(actor.hallId, (ctx) => {
        const window = held(actor);
        if (window.state === 'closed') throw new DomainError('WINDOW_CLOSED');
        return save(
          actor,
          ctx,
          { ...window, state: 'paused', pauseReason: reason || null },
          'window_paused',
          { reason },
        );
      });
    },
    resume(actor: Actor): HallWindow {
      return runChange(actor.hallId, (ctx) => {
        const window = held(actor);
        if (window.state === 'closed') throw new DomainError('WINDOW_CLOSED');
        return save(actor, ctx, { ...window, state: 'open', pauseReason: null }, 'window_resumed');
      });
    },
    close(actor: Actor): HallWindow {
      return runChange(actor.hallId, (ctx) => {
        const window = held(actor);
        assertIdle(window);
        return save(actor, ctx, { ...window, state: 'closed', pauseReason: null }, 'window_closed');
      });
    },
    /** On sign-out or session expiry: give the window back if it is idle (a busy one stays held). */
    releaseIfIdle(actor: Actor): void {
      const window = actor.staffId ? repos.windows.heldBy(actor.staffId) : null;
      if (!window) return;
      try {
        runChange(actor.hallId, (ctx) => release(actor, ctx, window));
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
      }
    },
  };
}
export type WindowService = ReturnType<typeof createWindowService>;
