// A change is one command's effect on a hall: the rows it writes, the event rows it appends, the
// hot state it updates and the deltas its screens need. Changes never run on their own: the group
// commit (groupCommit.ts) runs every change that arrived in one event-loop turn in one SQLite
// transaction, each in its own savepoint, and only after the commit answers them and hands their
// deltas to the frame publisher. This file is what a change sees while it runs.
import type { HallWindow, TicketState } from '@hall/shared/contracts/entities';
import { DomainError } from '@hall/shared/contracts/errors';
import type { HallDelta } from '@hall/shared/contracts/frames';
import type { Repositories } from '../repositories';
import type { NewTicket, StoredTicket } from '../tickets/ticketRepository';
import type { NewEvent } from './eventRepository';
import type { HallState } from './hallState/hallState';
import { loadHallConfig } from './hallState/hallStates';
import { shownOnDisplays } from './frames/audiences';
import { isEligible } from '@hall/shared/queue/policy';
import { holdAfterLeaving } from '@hall/shared/queue/requeueHold';
import { toView } from '../tickets/ticketRepository';

type WithoutVersion<D> = D extends unknown ? Omit<D, 'version'> : never;
export type NewDelta = WithoutVersion<HallDelta>;

/** A delta with where it goes: every console gets it; displays only when it changes what they draw. */
export interface RoutedDelta {
  delta: HallDelta;
  displays: boolean;
}

export interface ChangeContext {
  /** The change's one clock reading: its rows, events, deltas and answer all carry this time. */
  readonly now: number;
  /** The hall's hot state, including what earlier changes of the same commit did. */
  readonly hall: HallState;
  /** Writes a ticket's new state only if it is still `expected` (else CONFLICT), and mirrors it. */
  saveTicket(ticket: StoredTicket, expected: TicketState): void;
  insertTicket(ticket: NewTicket): StoredTicket;
  /** Writes a window's state, mirrors it, and sends it to the screens that draw it. */
  saveWindow(window: HallWindow): HallWindow;
  /** Appends an event row at `now`; returns its id. */
  appendEvent(event: Omit<NewEvent, 'hallId' | 'at'>): number;
  /** Gives a ticket delta the hall's next version and queues it for the screens. */
  emit(delta: WithoutVersion<Exclude<HallDelta, { type: 'window:updated' }>>): HallDelta;
  /** The hall's configuration changed: reload it into memory and send every screen a snapshot. */
  configChanged(): void;
}

/** What a change left behind for the publisher once its savepoint is released. */
export interface ChangeOutput {
  deltas: RoutedDelta[];
  snapshot: boolean;
}

/** Builds the context one change runs with. The journal for undo is attached to `hall` by the runner. */
export function createChangeContext(
  repos: Repositories,
  hall: HallState,
  now: number,
): { ctx: ChangeContext; output: ChangeOutput } {
  const output: ChangeOutput = { deltas: [], snapshot: false };

  function push(delta: NewDelta, displays: boolean): HallDelta {
    const versioned = { ...delta, version: hall.nextVersion() } as HallDelta;
    output.deltas.push({ delta: versioned, displays });
    return versioned;
  }

  /**
   * A ticket stopped waiting: returned no-shows that had it ahead of them count it, as one of their
   * places when it was called at a window that can serve them (shared/queue/requeueHold.ts).
   */
  function settleRequeueHolds(left: StoredTicket): void {
    const calledAt = left.state === 'called' && left.windowId !== null ? hall.window(left.windowId) : null;
    for (const held of [...hall.requeuedWaiting()]) {
      if (held.id === left.id || !held.requeueHold) continue;
      const atHeldWindow = calledAt !== null && isEligible(calledAt, held, hall.rules);
      const hold = holdAfterLeaving(held.requeueHold, left.id, atHeldWindow);
      if (hold === held.requeueHold) continue;
      const updated: StoredTicket = { ...held, requeueHold: hold };
      ctx.saveTicket(updated, 'waiting');
      // Consoles show the waiting order from the holds they know.
      ctx.emit({ type: 'ticket:updated', ticket: toView(updated) });
    }
  }

  const ctx: ChangeContext = {
    now,
    hall,
    saveTicket(ticket, expected) {
      // Lost a race (another window changed it first): refuse rather than overwrite.
      if (!repos.tickets.save(ticket, expected)) throw new DomainError('CONFLICT', { detail: ticket.number });
      hall.putTicket(ticket);
      if (expected === 'waiting' && ticket.state !== 'waiting') settleRequeueHolds(ticket);
    },
    insertTicket(ticket) {
      const created = repos.tickets.insert(ticket);
      hall.putTicket(created);
      return created;
    },
    saveWindow(window) {
      const before = hall.window(window.id);
      const staffName =
        window.staffId === null
          ? null
          : window.staffId === before?.staffId
            ? (before.staffName ?? null)
            : (repos.staff.find(window.staffId)?.name ?? null);
      const saved: HallWindow = { ...window, staffName };
      repos.windows.save(saved);
      hall.putWindow(saved);
      push({ type: 'window:updated', window: saved }, shownOnDisplays.window(before, saved));
      return saved;
    },
    appendEvent(event) {
      return repos.events.append({ ...event, hallId: hall.hallId, at: now });
    },
    emit(delta) {
      return push(delta, shownOnDisplays.ticket(delta));
    },
    configChanged() {
      hall.replaceConfig(loadHallConfig(repos, hall.hallId));
      hall.nextVersion();
      output.snapshot = true;
    },
  };
  return { ctx, output };
}
