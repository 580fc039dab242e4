// The hall as the server last described it: a snapshot plus ordered deltas. A missing version
// means a lost message, so the store asks for a fresh snapshot (`hall:sync`) instead of guessing.
import { defineStore } from 'pinia';
import { computed, shallowRef, ref } from 'vue';
import type { HallSnapshot, HallWindow, Id, Service, TicketView } from '@hall/shared/contracts/entities';
import type { ServerToClientEvents } from '@hall/shared/contracts/events';
import { applyHallDelta, type HallDelta } from '@hall/shared/hallDeltas';
import { request, type ConsoleSocket } from '../socket/connection';
import { useClockStore } from './clock';
import { useMessagesStore } from './messages';

/** The console keeps a longer call history than the hall display shows. */
const RECENT_CALL_LIMIT = 20;

export const useHallStore = defineStore('hall', () => {
  const snapshot = shallowRef<HallSnapshot | null>(null);
  const syncing = ref(false);
  const clock = useClockStore();
  const messages = useMessagesStore();

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

  function replace(next: HallSnapshot): void {
    snapshot.value = next;
    clock.alignTo(next.serverTime);
  }

  async function sync(): Promise<void> {
    if (syncing.value) return;
    syncing.value = true;
    try {
      const result = await request('hall:sync');
      if (result.ok) replace(result.data);
      else messages.showError(result.error);
    } finally {
      syncing.value = false;
    }
  }

  /** Applies one versioned delta, or asks for a snapshot when one was missed (or none exists yet). */
  function applyDelta(delta: HallDelta): void {
    const result = applyHallDelta(snapshot.value, delta, { recentCallLimit: RECENT_CALL_LIMIT });
    if (result.kind === 'applied') snapshot.value = result.snapshot;
    else if (result.kind === 'gap') void sync();
  }

  const onSnapshot: ServerToClientEvents['hall:snapshot'] = (s) => replace(s);
  const onIssued: ServerToClientEvents['ticket:issued'] = (e) => applyDelta({ type: 'ticket:issued', ...e });
  const onCalled: ServerToClientEvents['ticket:called'] = (e) => applyDelta({ type: 'ticket:called', ...e });
  const onUpdated: ServerToClientEvents['ticket:updated'] = (e) =>
    applyDelta({ type: 'ticket:updated', ...e });
  const onWindow: ServerToClientEvents['window:updated'] = (e) =>
    applyDelta({ type: 'window:updated', ...e });

  function bind(socket: ConsoleSocket): void {
    socket.on('hall:snapshot', onSnapshot);
    socket.on('ticket:issued', onIssued);
    socket.on('ticket:called', onCalled);
    socket.on('ticket:updated', onUpdated);
    socket.on('window:updated', onWindow);
  }

  function unbind(socket: ConsoleSocket): void {
    socket.off('hall:snapshot', onSnapshot);
    socket.off('ticket:issued', onIssued);
    socket.off('ticket:called', onCalled);
    socket.off('ticket:updated', onUpdated);
    socket.off('window:updated', onWindow);
  }

  function reset(): void {
    snapshot.value = null;
  }

  return { snapshot, services, windows, serviceById, windowById, ticketById, sync, bind, unbind, reset };
});
