// The ticket state machine of DESIGN §4. Every illegal transition has its own error code, so a
// person at the window reads why ("该号已办结") instead of a generic refusal.
import type { TicketState } from '../contracts/entities';
import type { ErrorCode } from '../contracts/errors';

export const TICKET_ACTIONS = [
  'call',
  'recall',
  'start',
  'finish',
  'noShow',
  'requeue',
  'transfer',
  'cancel',
] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

const TARGET: Record<TicketAction, TicketState> = {
  call: 'called',
  recall: 'called',
  start: 'serving',
  finish: 'done',
  noShow: 'no_show',
  requeue: 'waiting',
  transfer: 'transferred',
  cancel: 'cancelled',
};

const ALLOWED_FROM: Record<TicketAction, readonly TicketState[]> = {
  call: ['waiting'],
  recall: ['called'],
  start: ['called'],
  finish: ['serving'],
  noShow: ['called'],
  requeue: ['no_show'],
  transfer: ['waiting', 'called', 'serving'],
  cancel: ['waiting'],
};

/** The error for doing `action` on a ticket in `from`, chosen to say what is actually wrong. */
function refusal(action: TicketAction, from: TicketState): ErrorCode {
  if (from === 'done') return 'TICKET_ALREADY_DONE';
  if (from === 'transferred' || from === 'cancelled') return 'TICKET_CLOSED';
  switch (action) {
    case 'call':
    case 'cancel':
      if (from === 'no_show') return 'TICKET_MISSED';
      return 'TICKET_NOT_WAITING';
    case 'recall':
    case 'start':
    case 'noShow':
      // Say what the ticket is instead: already being served, or missed (requeue it first).
      if (from === 'serving') return 'TICKET_ALREADY_SERVING';
      if (from === 'no_show') return 'TICKET_MISSED';
      return 'TICKET_NOT_CALLED';
    case 'finish':
      return 'TICKET_NOT_SERVING';
    case 'requeue':
      return 'TICKET_NOT_NO_SHOW';
    case 'transfer':
      return 'TICKET_NOT_WAITING';
  }
}

export type TransitionResult = { ok: true; to: TicketState } | { ok: false; code: ErrorCode };

export function transition(from: TicketState, action: TicketAction): TransitionResult {
  if (ALLOWED_FROM[action].includes(from)) return { ok: true, to: TARGET[action] };
  return { ok: false, code: refusal(action, from) };
}

export function isOpenState(state: TicketState): boolean {
  return state === 'waiting' || state === 'called' || state === 'serving' || state === 'no_show';
}
