// The hall's queue plans (shared/queue/callPlan.ts), kept with its hot state: one over the windows
// that are open now (what "people ahead" and the estimates say), and one over every window as if
// all were open, made only when a ticket has no open window (what a visitor is told will happen
// once the windows open). Both count every waiting appointment ticket as due at its slot (rule 7):
// a walk-in is told the booked visitors who will go ahead of them.
import type { HallRules, HallWindow } from '@hall/shared/contracts/entities';
import { FIGURES_PLAN, planCalls, type CallPlan } from '@hall/shared/queue/callPlan';
import type { StoredTicket } from '../../tickets/ticketRepository';

export interface QueuePlans {
  /** The hall state's queue stamp the plans were made at (kept up by addNewcomer). */
  stamp: number;
  readonly madeAt: number;
  readonly open: CallPlan<StoredTicket>;
  all(): CallPlan<StoredTicket>;
  /** A ticket just taken joins the plans in place; false when they must be made again. */
  addNewcomer(ticket: StoredTicket): boolean;
}

export function buildQueuePlans(
  stamp: number,
  now: number,
  windows: readonly HallWindow[],
  waiting: () => StoredTicket[],
  rules: HallRules,
): QueuePlans {
  // In window-number order: the turn order of the plan.
  const open = planCalls(
    windows.filter((w) => w.state === 'open'),
    waiting(),
    rules,
    now,
    FIGURES_PLAN,
  );
  let all: CallPlan<StoredTicket> | null = null;
  return {
    stamp,
    madeAt: now,
    open,
    all() {
      all ??= planCalls(windows, waiting(), rules, now, FIGURES_PLAN);
      return all;
    },
    addNewcomer(ticket) {
      if (!open.addNewcomer(ticket)) return false;
      return all === null || all.addNewcomer(ticket);
    },
  };
}
