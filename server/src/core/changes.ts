// Every state change runs as one SQLite transaction that writes the new state, appends its event
// rows and reserves the hall versions its broadcasts will carry. Broadcasts are handed to the
// publisher only after the transaction has committed, so no client ever sees an unsaved change.
import type { CallRecord, HallWindow, TicketView } from '@hall/shared/contracts/entities';
import type { Repositories } from '../repositories';

export type Broadcast =
  | { event: 'ticket:issued'; payload: { ticket: TicketView } }
  | { event: 'ticket:called'; payload: { ticket: TicketView; call: CallRecord } }
  | { event: 'ticket:updated'; payload: { ticket: TicketView } }
  | { event: 'window:updated'; payload: { window: HallWindow } };

export type VersionedBroadcast = Broadcast & { version: number };

export interface Publisher {
  /** Versioned deltas for the hall's room, in order. */
  publish(hallId: number, broadcasts: VersionedBroadcast[]): void;
  /** A fresh snapshot for everyone in the hall (after configuration changes). */
  publishSnapshot(hallId: number): void;
}

export interface ChangeContext {
  emit(b: Broadcast): void;
  /** Ask for a full snapshot broadcast after commit instead of (or besides) deltas. */
  snapshotAfter(): void;
}

export function createChangeRunner(repos: Repositories, publisher: Publisher) {
  return function runChange<T>(hallId: number, work: (ctx: ChangeContext) => T): T {
    const pending: Broadcast[] = [];
    let snapshot = false;
    const ctx: ChangeContext = {
      emit: (b) => pending.push(b),
      snapshotAfter: () => {
        snapshot = true;
      },
    };
    let versioned: VersionedBroadcast[] = [];
    const result = repos.db.transaction(() => {
      const value = work(ctx);
      const count = pending.length + (snapshot ? 1 : 0);
      if (count > 0) {
        const first = repos.halls.reserveVersions(hallId, count);
        versioned = pending.map((b, i) => ({ ...b, version: first + i }));
      }
      return value;
    })();
    if (versioned.length > 0) publisher.publish(hallId, versioned);
    if (snapshot) publisher.publishSnapshot(hallId);
    return result;
  };
}
export type RunChange = ReturnType<typeof createChangeRunner>;
