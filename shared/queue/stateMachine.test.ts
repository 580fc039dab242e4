// The ticket state machine of DESIGN §4, checked over every (state, action) pair.
import { describe, expect, it } from 'vitest';
import { TICKET_STATES, type TicketState } from '../contracts/entities';
import { ERROR_CODES, type ErrorCode } from '../contracts/errors';
import { TICKET_ACTIONS, isOpenState, transition, type TicketAction } from './stateMachine';

// The legal moves: waiting → called → serving → done; called → no_show → waiting;
// waiting|called|serving → transferred; waiting → cancelled; a called ticket may be called again.
const LEGAL: Record<TicketAction, Partial<Record<TicketState, TicketState>>> = {
  call: { waiting: 'called' },
  recall: { called: 'called' },
  start: { called: 'serving' },
  finish: { serving: 'done' },
  noShow: { called: 'no_show' },
  requeue: { no_show: 'waiting' },
  transfer: { waiting: 'transferred', called: 'transferred', serving: 'transferred' },
  cancel: { waiting: 'cancelled' },
};

// The refusal for every illegal pair: what a person at the window reads.
function expectedRefusal(action: TicketAction, from: TicketState): ErrorCode {
  if (from === 'done') return 'TICKET_ALREADY_DONE';
  if (from === 'transferred' || from === 'cancelled') return 'TICKET_CLOSED';
  const byAction: Record<TicketAction, ErrorCode> = {
    call: from === 'no_show' ? 'TICKET_MISSED' : 'TICKET_NOT_WAITING',
    cancel: from === 'no_show' ? 'TICKET_MISSED' : 'TICKET_NOT_WAITING',
    transfer: 'TICKET_NOT_WAITING',
    recall:
      from === 'no_show'
        ? 'TICKET_MISSED'
        : from === 'serving'
          ? 'TICKET_ALREADY_SERVING'
          : 'TICKET_NOT_CALLED',
    start:
      from === 'no_show'
        ? 'TICKET_MISSED'
        : from === 'serving'
          ? 'TICKET_ALREADY_SERVING'
          : 'TICKET_NOT_CALLED',
    noShow:
      from === 'no_show'
        ? 'TICKET_MISSED'
        : from === 'serving'
          ? 'TICKET_ALREADY_SERVING'
          : 'TICKET_NOT_CALLED',
    finish: 'TICKET_NOT_SERVING',
    requeue: 'TICKET_NOT_NO_SHOW',
  };
  return byAction[action];
}

describe('ticket state machine', () => {
  const pairs = TICKET_STATES.flatMap((from) => TICKET_ACTIONS.map((action) => [from, action] as const));

  it('covers all 7 states × 8 actions', () => {
    expect(pairs).toHaveLength(56);
  });

  it.each(pairs)('%s + %s', (from, action) => {
    const to = LEGAL[action][from];
    const result = transition(from, action);
    if (to !== undefined) expect(result).toEqual({ ok: true, to });
    else {
      expect(result).toEqual({ ok: false, code: expectedRefusal(action, from) });
      expect(ERROR_CODES).toContain(expectedRefusal(action, from));
    }
  });

  it('allows exactly the 10 moves of the design', () => {
    expect(pairs.filter(([from, action]) => transition(from, action).ok)).toHaveLength(10);
  });

  it('keeps closed tickets closed', () => {
    for (const from of ['done', 'transferred', 'cancelled'] as const) {
      for (const action of TICKET_ACTIONS) expect(transition(from, action).ok).toBe(false);
    }
  });

  it('knows which states are still open', () => {
    expect(TICKET_STATES.filter(isOpenState)).toEqual(['waiting', 'called', 'serving', 'no_show']);
  });
});
