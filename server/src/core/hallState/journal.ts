// Undo records for the in-memory hall state. Each change runs in its own savepoint of a group
// commit; when SQLite rolls a savepoint (or the whole transaction) back, the memory the change
// touched must go back too, so every mutation records how to undo itself here.
//
// The journal also keeps what the change wrote to the hot state (tickets, windows, service times,
// a new configuration): on PostgreSQL the other server processes apply exactly that to their own
// copy of the hall (core/db/README.md), so nothing is re-read from the database.
import type { HallWindow } from '@hall/shared/contracts/entities';
import type { StoredTicket } from '../../tickets/ticketRepository';

export interface StateWrites {
  /** The last state written of each ticket, by id. */
  tickets: Map<number, StoredTicket>;
  windows: Map<number, HallWindow>;
  /** Service times recorded, oldest first: [serviceId, minutes]. */
  minutes: [number, number][];
  /** The configuration was replaced (others re-read it). */
  config: boolean;
}

export function noWrites(): StateWrites {
  return { tickets: new Map(), windows: new Map(), minutes: [], config: false };
}

/** Adds `later` onto `into` (later writes of the same ticket or window win). */
export function mergeWrites(into: StateWrites, later: StateWrites): void {
  for (const [id, t] of later.tickets) into.tickets.set(id, t);
  for (const [id, w] of later.windows) into.windows.set(id, w);
  into.minutes.push(...later.minutes);
  into.config ||= later.config;
}

export class Journal {
  private readonly undos: (() => void)[] = [];
  readonly writes: StateWrites = noWrites();

  record(undo: () => void): void {
    this.undos.push(undo);
  }

  /** Undoes everything recorded, newest first, and forgets it (and what it wrote). */
  undo(): void {
    for (let i = this.undos.length - 1; i >= 0; i -= 1) this.undos[i]!();
    this.undos.length = 0;
    const empty = noWrites();
    this.writes.tickets = empty.tickets;
    this.writes.windows = empty.windows;
    this.writes.minutes = empty.minutes;
    this.writes.config = false;
  }
}
