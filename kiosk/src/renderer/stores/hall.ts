// The hall as the server last described it to this kiosk — services, rules, and per service how
// many wait and what a ticket taken now would be told (never anyone's ticket) — and whether the
// kiosk may issue now: connected, and within the hall's hours by the server's clock (the server
// refuses outside them too; the kiosk shows its closed screen instead of letting a visitor try).
// The server is the only source of truth: a kiosk snapshot on connect, then count frames, through
// the client library's connection (which also sends this kiosk's commands).
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { Service } from '@hall/shared/contracts/entities';
import type { KioskSnapshot } from '@hall/shared/contracts/frames';
import type { ClientEventName } from '@hall/shared/contracts/events';
import type { Result } from '@hall/shared/contracts/errors';
import {
  openHallConnection,
  type AckData,
  type HallConnection,
  type HallSocket,
  type PayloadArgs,
} from '@hall/shared/client/hallConnection';
import { followKiosk } from '@hall/shared/client/followKiosk';
import { appError } from '@hall/shared/contracts/errors';
import { issuingState, type IssuingState } from '@hall/shared/hallHours';

export type ConnectionState = 'connecting' | 'online' | 'offline' | 'refused' | 'no_key';

/** When the server refuses the key, an admin may fix it: ask again at this pace. */
const REFUSED_RETRY_MS = 30_000;
/** The server cut the line on purpose (a restart): come back after this. */
const RECONNECT_AFTER_CUT_MS = 2_000;
/** How long one command (an issue, a print) may take before the kiosk asks again. */
export const COMMAND_TIMEOUT_MS = 8_000;
/** How often the kiosk looks at the clock for opening and closing time. */
export const OPENING_CHECK_MS = 10_000;

export const useHallStore = defineStore('hall', () => {
  const snapshot = shallowRef<KioskSnapshot | null>(null);
  const connection = ref<ConnectionState>('connecting');
  const refusalCode = ref<string | null>(null);
  /** Incremented on each (re)connection that delivered a snapshot; the visit store watches it. */
  const sessionCount = ref(0);
  let link: HallConnection | null = null;
  let unbind: (() => void)[] = [];
  /** The server's clock minus this PC's, from the last snapshot: opening hours are the server's. */
  const clockOffsetMs = ref(0);
  const now = ref(Date.now());
  let clockTimer: ReturnType<typeof setInterval> | null = null;
  const tick = (): void => {
    now.value = Date.now() + clockOffsetMs.value;
  };

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
    return snapshot.value?.queue.find((q) => q.serviceId === serviceId)?.waiting ?? 0;
  }

  /** What a ticket of this service taken now would be told (the same figures the ticket prints). */
  function figuresFor(serviceId: number, priority: boolean) {
    const queue = snapshot.value?.queue.find((q) => q.serviceId === serviceId);
    if (!queue) return null;
    return priority ? queue.priority : queue;
  }

  /** Whether tickets are taken now, by the server's clock; null before the first snapshot. */
  const opening = computed<IssuingState | null>(() =>
    snapshot.value ? issuingState(snapshot.value.hall, now.value) : null,
  );
  const closed = computed(() => ready.value && opening.value !== null && !opening.value.issuing);

  function onSnapshot(next: KioskSnapshot, fresh: boolean): void {
    snapshot.value = next;
    if (fresh) {
      clockOffsetMs.value = next.serverTime - Date.now();
      tick();
    }
    // 'online' only once a snapshot arrived after connecting: until then we cannot show services.
    if (fresh && connection.value !== 'online' && link?.state === 'online') {
      connection.value = 'online';
      sessionCount.value += 1;
    }
  }

  function onLinkState(): void {
    const l = link;
    if (!l) return;
    if (l.state === 'refused') {
      connection.value = 'refused';
      refusalCode.value = l.refusal;
    } else if (l.state === 'offline') {
      connection.value = 'offline';
    } else if (l.state === 'online') {
      refusalCode.value = null;
    }
  }

  function connect(serverUrl: string, deviceKey: string | null): void {
    disconnect();
    if (!deviceKey) {
      connection.value = 'no_key';
      return;
    }
    open(serverUrl, deviceKey);
  }

  /** Tests hand in a fake socket instead of the network. */
  function open(serverUrl: string, deviceKey: string, socket?: HallSocket): void {
    disconnect();
    connection.value = 'connecting';
    const l = openHallConnection({
      url: serverUrl,
      auth: { role: 'kiosk', deviceKey },
      socket,
      commandTimeoutMs: COMMAND_TIMEOUT_MS,
      retryRefusedMs: REFUSED_RETRY_MS,
      reconnectAfterCutMs: RECONNECT_AFTER_CUT_MS,
    });
    link = l;
    unbind = [l.onState(onLinkState), followKiosk(l, onSnapshot)];
    clockTimer ??= setInterval(tick, OPENING_CHECK_MS);
  }

  function disconnect(): void {
    unbind.forEach((off) => off());
    unbind = [];
    link?.close();
    link = null;
    if (clockTimer) clearInterval(clockTimer);
    clockTimer = null;
  }

  /** A command to the server, answered in the Result shape (OFFLINE when there is no connection). */
  function command<E extends ClientEventName>(
    event: E,
    ...payload: PayloadArgs<E>
  ): Promise<Result<AckData<E>>> {
    return commandWithin(COMMAND_TIMEOUT_MS, event, ...payload);
  }

  function commandWithin<E extends ClientEventName>(
    timeoutMs: number,
    event: E,
    ...payload: PayloadArgs<E>
  ): Promise<Result<AckData<E>>> {
    if (!link) return Promise.resolve({ ok: false, error: appError('OFFLINE') });
    return link.commandWithin(timeoutMs, event, ...payload);
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
    figuresFor,
    opening,
    closed,
    now,
    connect,
    open,
    disconnect,
    command,
    commandWithin,
  };
});
