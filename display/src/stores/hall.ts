// The hall as this screen knows it: the last snapshot kept current by the server's frames (the
// client library's followHall), the connection state, and a stream of new calls for the announcer
// and the flashing banner. A call is reported once by its identity, so a reconnect, a resync or a
// server restart never makes the display announce a call again.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { CallRecord, HallSnapshot } from '@hall/shared/contracts/entities';
import type { HandshakeAuth } from '@hall/shared/contracts/events';
import { openHallConnection, type HallConnection, type HallSocket } from '@hall/shared/client/hallConnection';
import { followHall, type HallFollower } from '@hall/shared/client/followHall';
import type { FeedOutcome } from '@hall/shared/client/hallFeed';

export type ConnectionState = 'connecting' | 'online' | 'offline' | 'refused';

/** How many calls the screen remembers (the newest plus the missed-call list). */
export const RECENT_CALL_LIMIT = 12;
/** After a reconnect, calls made while we were away are announced if they are at most this old. */
export const MISSED_CALL_ANNOUNCE_MS = 2 * 60_000;

export const useHallStore = defineStore('hall', () => {
  const snapshot = shallowRef<HallSnapshot | null>(null);
  const connection = ref<ConnectionState>('connecting');
  /** The ErrorCode the server refused us with (e.g. UNAUTHENTICATED, DEVICE_REVOKED). */
  const refusal = ref<string | null>(null);
  /** Server clock minus ours, so the clock on the wall shows hall time even on a badly set PC. */
  const clockOffsetMs = ref(0);

  let link: HallConnection | null = null;
  let follower: HallFollower | null = null;
  let unbindState: (() => void) | null = null;
  const callListeners = new Set<(call: CallRecord) => void>();

  const online = computed(() => connection.value === 'online');
  /** What is on screen may be out of date: show it, but say so. */
  const stale = computed(() => snapshot.value !== null && !online.value);
  const latestCall = computed(() => snapshot.value?.recentCalls[0] ?? null);

  /** Waiting count per service id; null when we cannot know (never a false 0). */
  const waitingByService = computed<Map<number, number> | null>(() => {
    if (!snapshot.value || !online.value) return null;
    const counts = new Map<number, number>(snapshot.value.services.map((s) => [s.id, 0]));
    for (const t of snapshot.value.activeTickets) {
      if (t.state === 'waiting') counts.set(t.serviceId, (counts.get(t.serviceId) ?? 0) + 1);
    }
    return counts;
  });

  function onChange(next: HallSnapshot | null, outcome: FeedOutcome): void {
    snapshot.value = next;
    if (outcome.snapshot && next) {
      clockOffsetMs.value = next.serverTime - Date.now();
      // Online only once the fresh snapshot is in: until then the screen shows what it had, marked stale.
      if (link?.state === 'online') connection.value = 'online';
    }
    for (const call of outcome.newCalls) for (const listener of callListeners) listener(call);
  }

  function onLinkState(): void {
    const l = link;
    if (!l) return;
    if (l.state === 'refused') {
      refusal.value = l.refusal;
      connection.value = 'refused';
    } else if (l.state === 'online') {
      refusal.value = null;
    } else if (l.state === 'offline' && connection.value !== 'connecting') {
      // A first connection that keeps failing stays "connecting": there is nothing stale to show.
      connection.value = 'offline';
    }
  }

  /** Opens the screen's connection; tests hand in a fake socket. */
  function start(auth: HandshakeAuth, socket?: HallSocket): void {
    stop();
    connection.value = 'connecting';
    refusal.value = null;
    link = openHallConnection({ auth, socket, reconnectDelayMs: 500, reconnectDelayMaxMs: 4000 });
    unbindState = link.onState(onLinkState);
    follower = followHall(
      link,
      { recentCallLimit: RECENT_CALL_LIMIT, announceMissedWithinMs: MISSED_CALL_ANNOUNCE_MS },
      onChange,
    );
  }

  function stop(): void {
    follower?.stop();
    unbindState?.();
    link?.close();
    follower = null;
    unbindState = null;
    link = null;
  }

  /** Subscribe to calls this screen has not seen before (live, or missed while offline). */
  function onNewCall(listener: (call: CallRecord) => void): () => void {
    callListeners.add(listener);
    return () => callListeners.delete(listener);
  }

  return {
    snapshot,
    connection,
    refusal,
    clockOffsetMs,
    online,
    stale,
    latestCall,
    waitingByService,
    start,
    stop,
    onNewCall,
  };
});
