// The hall as the server last described it: a snapshot kept current by the server's frames through
// the client library (followHall), which asks for a fresh snapshot when a frame was missed. Other
// stores hear the deltas that were new to this console (the counter follows its own ticket).
import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import type { HallSnapshot, HallWindow, Id, Service, TicketView } from '@hall/shared/contracts/entities';
import type { HallDelta } from '@hall/shared/contracts/frames';
import type { HallConnection } from '@hall/shared/client/hallConnection';
import { followHall, type HallFollower } from '@hall/shared/client/followHall';
import type { FeedOutcome } from '@hall/shared/client/hallFeed';
import { useClockStore } from './clock';

/** The console keeps a longer call history than the hall display shows. */
const RECENT_CALL_LIMIT = 20;

export const useHallStore = defineStore('hall', () => {
  const snapshot = shallowRef<HallSnapshot | null>(null);
  const clock = useClockStore();
  const deltaListeners = new Set<(delta: HallDelta) => void>();
  let follower: HallFollower | null = null;

  const services = computed<Service[]>(() => snapshot.value?.services ?? []);
  const windows = computed<HallWindow[]>(() => snapshot.value?.windows ?? []);

  function serviceById(id: Id): Service | undefined {
    return snapshot.value?.services.find((s) => s.id === id);
  }
  function windowById(id: Id | null): HallWindow | undefined {
    return id === null ? undefined : snapshot.value?.windows.find((w) => w.id === id);
  }
  function ticketById(id: Id | null): TicketView | undefined {
    return id === null ? undefined : snapshot.value?.activeTickets.find((t) => t.id === id);
  }

  function onChange(next: HallSnapshot | null, outcome: FeedOutcome): void {
    snapshot.value = next;
    if (outcome.snapshot && next) clock.alignTo(next.serverTime);
    for (const delta of outcome.applied) for (const listener of deltaListeners) listener(delta);
  }

  /** Follows the hall over this connection (a console has no calls to announce). */
  function bind(connection: HallConnection): void {
    unbind();
    follower = followHall(
      connection,
      { recentCallLimit: RECENT_CALL_LIMIT, announceMissedWithinMs: 0 },
      onChange,
    );
  }

  function unbind(): void {
    follower?.stop();
    follower = null;
  }

  /** Hear every delta new to this console, in order. */
  function onDelta(listener: (delta: HallDelta) => void): () => void {
    deltaListeners.add(listener);
    return () => deltaListeners.delete(listener);
  }

  function reset(): void {
    snapshot.value = null;
  }

  return { snapshot, services, windows, serviceById, windowById, ticketById, bind, unbind, onDelta, reset };
});
