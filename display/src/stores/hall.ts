// The hall as this screen knows it: the last snapshot kept current by versioned broadcasts,
// the connection state, and a stream of new calls for the announcer and the flashing banner.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { CallRecord, HallSnapshot } from '@hall/shared/contracts/entities';
import type { HandshakeAuth, ServerToClientEvents } from '@hall/shared/contracts/events';
import { closeSocket, isFatalConnectError, openSocket, type HallSocket } from '../socket';
import type { HallDelta } from '@hall/shared/hallDeltas';
import { HallSync, type SyncOutcome } from './hallSync';

export type ConnectionState = 'connecting' | 'online' | 'offline' | 'refused';

export const useHallStore = defineStore('hall', () => {
  const snapshot = shallowRef<HallSnapshot | null>(null);
  const connection = ref<ConnectionState>('connecting');
  /** The ErrorCode the server refused us with (e.g. UNAUTHENTICATED, DEVICE_REVOKED). */
  const refusal = ref<string | null>(null);
  /** Server clock minus ours, so the clock on the wall shows hall time even on a badly set PC. */
  const clockOffsetMs = ref(0);

  let socket: HallSocket | null = null;
  let sync = new HallSync();
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

  function publish(outcome: SyncOutcome): void {
    snapshot.value = sync.snapshot;
    for (const call of outcome.newCalls) for (const listener of callListeners) listener(call);
    if (outcome.needSync) requestSync();
  }

  function requestSync(): void {
    const s = socket;
    if (!s) return;
    s.timeout(10_000).emit('hall:sync', (err, result) => {
      if (err || !result.ok) {
        // Try again on the next delta or reconnect; meanwhile the screen shows what it has.
        sync.syncFailed();
        return;
      }
      receiveSnapshot(result.data);
    });
  }

  function receiveSnapshot(fresh: HallSnapshot): void {
    clockOffsetMs.value = fresh.serverTime - Date.now();
    publish(sync.receiveSnapshot(fresh));
  }

  const receiveDelta = (delta: HallDelta): void => publish(sync.receiveDelta(delta));

  const handlers: { [E in keyof ServerToClientEvents]?: ServerToClientEvents[E] } = {
    'hall:snapshot': receiveSnapshot,
    'ticket:issued': (e) => receiveDelta({ type: 'ticket:issued', ...e }),
    'ticket:called': (e) => receiveDelta({ type: 'ticket:called', ...e }),
    'ticket:updated': (e) => receiveDelta({ type: 'ticket:updated', ...e }),
    'window:updated': (e) => receiveDelta({ type: 'window:updated', ...e }),
    'session:ended': (e) => {
      refusal.value = e.code;
      connection.value = 'refused';
    },
  };

  function start(auth: HandshakeAuth): void {
    stop();
    sync = new HallSync();
    connection.value = 'connecting';
    refusal.value = null;
    const s = openSocket(auth);
    socket = s;
    for (const [event, handler] of Object.entries(handlers)) {
      s.on(event as keyof ServerToClientEvents, handler as never);
    }
    // The server sends a fresh hall:snapshot on every (re)connect; until it arrives we are not online.
    s.on('connect', () => {
      refusal.value = null;
    });
    s.on('disconnect', () => {
      if (connection.value !== 'refused') connection.value = 'offline';
    });
    s.on('connect_error', (error) => {
      if (isFatalConnectError(s)) {
        refusal.value = error.message;
        connection.value = 'refused';
      } else if (connection.value !== 'connecting') {
        connection.value = 'offline';
      }
    });
    s.prependAny((event: string) => {
      if (event === 'hall:snapshot') connection.value = 'online';
    });
  }

  function stop(): void {
    if (socket) closeSocket();
    socket = null;
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
