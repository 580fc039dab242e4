// The hall as the server last described it, and whether this kiosk may issue tickets now.
// The server is the only source of truth: a snapshot on connect, then versioned deltas; a gap in
// versions means something was missed, so we ask for a fresh snapshot (`hall:sync`).
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type {
  CallRecord,
  HallSnapshot,
  HallWindow,
  Service,
  TicketView,
} from '@hall/shared/contracts/entities';
import type { Versioned } from '@hall/shared/contracts/events';
import { DEFAULT_RECENT_CALL_LIMIT, applyHallDelta, type HallDelta } from '@hall/shared/hallDeltas';
import { REFUSAL_CODES, openKioskSocket, type KioskSocket } from '../net/socket';

export type ConnectionState = 'connecting' | 'online' | 'offline' | 'refused' | 'no_key';

/** When the server refuses the key, an admin may fix it: ask again at this pace. */
const REFUSED_RETRY_MS = 30_000;
const SYNC_TIMEOUT_MS = 10_000;

export const useHallStore = defineStore('hall', () => {
  const snapshot = shallowRef<HallSnapshot | null>(null);
  const connection = ref<ConnectionState>('connecting');
  const refusalCode = ref<string | null>(null);
  /** Incremented on each (re)connection that delivered a snapshot; the visit store watches it. */
  const sessionCount = ref(0);
  let socket: KioskSocket | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let syncing = false;

  const ready = computed(() => connection.value === 'online' && snapshot.value !== null);
  const services = computed<Service[]>(() =>
    (snapshot.value?.services ?? [])
      .filter((s) => s.enabled)
      .slice()
      .sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code)),
  );
  const rules = computed(() => snapshot.value?.rules ?? null);
  const hall = computed(() => snapshot.value?.hall ?? null);

  function waitingCount(serviceId: number): number {
    return (snapshot.value?.activeTickets ?? []).filter(
      (t) => t.serviceId === serviceId && t.state === 'waiting',
    ).length;
  }

  // ---- applying what the server sends ----
  function replaceSnapshot(next: HallSnapshot): void {
    snapshot.value = next;
  }

  function applyDeltaEvent(delta: HallDelta): void {
    // Before the first snapshot there is nothing to apply to; the snapshot itself is on its way.
    if (!snapshot.value) return;
    const result = applyHallDelta(snapshot.value, delta, { recentCallLimit: DEFAULT_RECENT_CALL_LIMIT });
    if (result.kind === 'applied') snapshot.value = result.snapshot;
    else if (result.kind === 'gap') void sync();
    // 'stale': already seen (e.g. raced a sync)
  }

  const applyIssued = (e: Versioned & { ticket: TicketView }): void =>
    applyDeltaEvent({ type: 'ticket:issued', ...e });
  const applyCalled = (e: Versioned & { ticket: TicketView; call: CallRecord }): void =>
    applyDeltaEvent({ type: 'ticket:called', ...e });
  const applyUpdated = (e: Versioned & { ticket: TicketView }): void =>
    applyDeltaEvent({ type: 'ticket:updated', ...e });
  const applyWindow = (e: Versioned & { window: HallWindow }): void =>
    applyDeltaEvent({ type: 'window:updated', ...e });

  async function sync(): Promise<void> {
    if (!socket || syncing) return;
    syncing = true;
    try {
      const result = await socket.timeout(SYNC_TIMEOUT_MS).emitWithAck('hall:sync');
      if (result.ok) replaceSnapshot(result.data);
    } catch {
      // Timed out: the next event with a gap, or the next reconnect, asks again.
    } finally {
      syncing = false;
    }
  }

  // ---- connection ----
  function onConnect(): void {
    refusalCode.value = null;
    // 'online' only once the snapshot arrives: until then we cannot show services.
  }
  function onSnapshot(next: HallSnapshot): void {
    replaceSnapshot(next);
    if (connection.value !== 'online') {
      connection.value = 'online';
      sessionCount.value += 1;
    }
  }
  function onDisconnect(reason: string): void {
    connection.value = 'offline';
    // The server cut us off on purpose: the Manager will not reconnect by itself.
    if (reason === 'io server disconnect') scheduleRetry(2_000);
  }
  function onConnectError(error: Error): void {
    if (REFUSAL_CODES.includes(error.message)) {
      connection.value = 'refused';
      refusalCode.value = error.message;
    } else if (connection.value !== 'refused') {
      connection.value = 'offline';
    }
    // A refusal by the server's middleware stops automatic reconnection; try again later.
    if (socket && !socket.active) scheduleRetry(REFUSED_RETRY_MS);
  }
  function onSessionEnded(e: { code: string }): void {
    connection.value = 'refused';
    refusalCode.value = e.code;
  }

  function scheduleRetry(ms: number): void {
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      if (socket && !socket.connected) socket.connect();
    }, ms);
  }

  function bind(target: KioskSocket): void {
    target.on('connect', onConnect);
    target.on('disconnect', onDisconnect);
    target.on('connect_error', onConnectError);
    target.on('hall:snapshot', onSnapshot);
    target.on('ticket:issued', applyIssued);
    target.on('ticket:called', applyCalled);
    target.on('ticket:updated', applyUpdated);
    target.on('window:updated', applyWindow);
    target.on('session:ended', onSessionEnded);
  }

  function unbind(target: KioskSocket): void {
    target.off('connect', onConnect);
    target.off('disconnect', onDisconnect);
    target.off('connect_error', onConnectError);
    target.off('hall:snapshot', onSnapshot);
    target.off('ticket:issued', applyIssued);
    target.off('ticket:called', applyCalled);
    target.off('ticket:updated', applyUpdated);
    target.off('window:updated', applyWindow);
    target.off('session:ended', onSessionEnded);
  }

  function connect(serverUrl: string, deviceKey: string | null): void {
    disconnect();
    if (!deviceKey) {
      connection.value = 'no_key';
      return;
    }
    attach(openKioskSocket(serverUrl, deviceKey));
  }

  /** Takes over a (not yet connected) socket; tests hand in a fake one. */
  function attach(target: KioskSocket): void {
    disconnect();
    connection.value = 'connecting';
    socket = target;
    bind(target);
    target.connect();
  }

  function disconnect(): void {
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    if (socket) {
      unbind(socket);
      socket.disconnect();
      socket = null;
    }
  }

  function currentSocket(): KioskSocket | null {
    return socket;
  }

  return {
    snapshot,
    connection,
    refusalCode,
    sessionCount,
    ready,
    services,
    rules,
    hall,
    waitingCount,
    connect,
    attach,
    disconnect,
    sync,
    currentSocket,
  };
});
