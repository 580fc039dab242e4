// Which counter action is possible right now, and if not, why — in words the staff member reads
// next to the disabled button. The server still decides; this only avoids pointless refusals.
import type { TicketView, WindowStateName } from '@hall/shared/contracts/entities';

export const COUNTER_ACTIONS = [
  'callNext',
  'recall',
  'start',
  'finish',
  'noShow',
  'requeue',
  'transfer',
  'callSpecific',
  'pauseResume',
] as const;
export type CounterAction = (typeof COUNTER_ACTIONS)[number];

export interface CounterContext {
  connected: boolean;
  /** null: this staff member holds no window. */
  windowState: WindowStateName | null;
  ticket: Pick<TicketView, 'number' | 'state'> | null;
  waitingCount: number;
  noShowCount: number;
  /** A command is in flight; one at a time keeps the window's story simple. */
  busy: boolean;
}

export type Availability =
  { enabled: true } | { enabled: false; reasonKey: string; params?: Record<string, string | number> };

const yes: Availability = { enabled: true };
const no = (reasonKey: string, params?: Record<string, string | number>): Availability =>
  params ? { enabled: false, reasonKey, params } : { enabled: false, reasonKey };

function windowRefusal(ctx: CounterContext): Availability | null {
  if (!ctx.connected) return no('reasons.offline');
  if (ctx.busy) return no('reasons.busy');
  if (ctx.windowState === null) return no('reasons.noWindow');
  return null;
}

function needsOpenWindow(ctx: CounterContext): Availability | null {
  if (ctx.windowState === 'closed') return no('reasons.windowClosed');
  if (ctx.windowState === 'paused') return no('reasons.windowPaused');
  return null;
}

function needsTicketIn(ctx: CounterContext, states: readonly string[], key: string): Availability {
  if (!ctx.ticket) return no('reasons.noTicket');
  if (!states.includes(ctx.ticket.state)) return no(key, { number: ctx.ticket.number });
  return yes;
}

export function availability(action: CounterAction, ctx: CounterContext): Availability {
  const base = windowRefusal(ctx);
  if (base) return base;
  switch (action) {
    case 'callNext':
    case 'callSpecific': {
      const closed = needsOpenWindow(ctx);
      if (closed) return closed;
      if (ctx.ticket) return no('reasons.ticketOpen', { number: ctx.ticket.number });
      // No local "nobody waiting" refusal: a ticket issued a moment ago may not have reached this
      // console yet, and the server (the source of truth) answers QUEUE_EMPTY in words anyway.
      return yes;
    }
    case 'recall':
    case 'noShow':
      return needsTicketIn(ctx, ['called'], 'reasons.notCalled');
    case 'start':
      return needsTicketIn(ctx, ['called'], 'reasons.alreadyServing');
    case 'finish':
      return needsTicketIn(ctx, ['serving'], 'reasons.notServing');
    case 'transfer':
      return needsTicketIn(ctx, ['called', 'serving'], 'reasons.notTransferable');
    case 'requeue':
      return ctx.noShowCount > 0 ? yes : no('reasons.noNoShows');
    case 'pauseResume':
      return ctx.windowState === 'closed' ? no('reasons.windowClosed') : yes;
  }
}
