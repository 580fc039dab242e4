// A staff member takes a window, opens, pauses, resumes, closes and releases it. Each is one change:
// the window row and an event row, mirrored in the hall's hot state, sent to the screens.
import { DomainError } from '@hall/shared/contracts/errors';
import type { EventType, HallWindow } from '@hall/shared/contracts/entities';
import type { ChangeContext } from '../core/changes';
import type { RunChange } from '../core/groupCommit';
import type { Actor } from '../core/actor';

function held(ctx: ChangeContext, actor: Actor): HallWindow {
  const window = actor.staffId ? ctx.hall.windowHeldBy(actor.staffId) : null;
  if (!window) throw new DomainError('WINDOW_NOT_HELD');
  return window;
}

function assertIdle(ctx: ChangeContext, window: HallWindow): void {
  if (!window.currentTicketId) return;
  const ticket = ctx.hall.liveTicket(window.currentTicketId);
  if (ticket && (ticket.state === 'called' || ticket.state === 'serving')) {
    throw new DomainError('WINDOW_BUSY', { number: ticket.number });
  }
}

function save(
  ctx: ChangeContext,
  actor: Actor,
  window: HallWindow,
  type: EventType,
  payload: Record<string, unknown> = {},
): HallWindow {
  const saved = ctx.saveWindow(window);
  ctx.appendEvent({
    ticketId: null,
    type,
    windowId: window.id,
    staffId: actor.staffId,
    deviceId: null,
    payload,
  });
  return saved;
}

function release(ctx: ChangeContext, actor: Actor, window: HallWindow): void {
  assertIdle(ctx, window);
  save(
    ctx,
    actor,
    { ...window, staffId: null, state: 'closed', pauseReason: null, currentTicketId: null },
    'window_released',
  );
}

export function createWindowService(runChange: RunChange) {
  return {
    /**
     * Takes a window. An account works one window at a time: if it already holds another (perhaps
     * a colleague signed in with the same account), the claim is refused in words unless the person
     * confirmed on screen that the other window is to be released (`releaseHeld`).
     */
    claim(actor: Actor, windowId: number, releaseHeld = false): Promise<HallWindow> {
      return runChange(actor.hallId, (ctx) => {
        const window = ctx.hall.window(windowId);
        if (!window) throw new DomainError('WINDOW_NOT_FOUND');
        if (window.staffId === actor.staffId) return window;
        if (window.staffId !== null) {
          throw new DomainError('WINDOW_TAKEN', { window: window.number, staff: window.staffName ?? '?' });
        }
        const previous = actor.staffId ? ctx.hall.windowHeldBy(actor.staffId) : null;
        if (previous && !releaseHeld)
          throw new DomainError('WINDOW_HELD_ELSEWHERE', { window: previous.number });
        if (previous) release(ctx, actor, previous);
        return save(ctx, actor, { ...window, staffId: actor.staffId }, 'window_claimed', {
          ...(previous ? { released: previous.number } : {}),
        });
      });
    },
    async release(actor: Actor): Promise<null> {
      await runChange(actor.hallId, (ctx) => release(ctx, actor, held(ctx, actor)));
      return null;
    },
    open(actor: Actor): Promise<HallWindow> {
      return runChange(actor.hallId, (ctx) =>
        save(ctx, actor, { ...held(ctx, actor), state: 'open', pauseReason: null }, 'window_opened'),
      );
    },
    pause(actor: Actor, reason: string): Promise<HallWindow> {
      return runChange(actor.hallId, (ctx) => {
        const window = held(ctx, actor);
        if (window.state === 'closed') throw new DomainError('WINDOW_CLOSED');
        return save(
          ctx,
          actor,
          { ...window, state: 'paused', pauseReason: reason || null },
          'window_paused',
          {
            reason,
          },
        );
      });
    },
    resume(actor: Actor): Promise<HallWindow> {
      return runChange(actor.hallId, (ctx) => {
        const window = held(ctx, actor);
        if (window.state === 'closed') throw new DomainError('WINDOW_CLOSED');
        return save(ctx, actor, { ...window, state: 'open', pauseReason: null }, 'window_resumed');
      });
    },
    close(actor: Actor): Promise<HallWindow> {
      return runChange(actor.hallId, (ctx) => {
        const window = held(ctx, actor);
        assertIdle(ctx, window);
        return save(ctx, actor, { ...window, state: 'closed', pauseReason: null }, 'window_closed');
      });
    },
    /** On sign-out or session expiry: give the window back if it is idle (a busy one stays held). */
    async releaseIfIdle(actor: Actor): Promise<void> {
      try {
        await runChange(actor.hallId, (ctx) => {
          const window = actor.staffId ? ctx.hall.windowHeldBy(actor.staffId) : null;
          if (window) release(ctx, actor, window);
        });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
      }
    },
  };
}
export type WindowService = ReturnType<typeof createWindowService>;
