// The front desk (导办台): what it sees of the hall — services, rules, hours and what a ticket taken
// now would be told, exactly what a kiosk sees (no one's ticket) — kept current by the kiosk frames
// through the client library, and the tickets it issued in this session.
import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import type { KioskSnapshot } from '@hall/shared/contracts/frames';
import type { HallConnection } from '@hall/shared/client/hallConnection';
import { followKiosk } from '@hall/shared/client/followKiosk';
import { useClockStore } from './clock';

export const useDeskStore = defineStore('desk', () => {
  const snapshot = shallowRef<KioskSnapshot | null>(null);
  const clock = useClockStore();
  let off: (() => void) | null = null;

  const services = computed(() =>
    (snapshot.value?.services ?? [])
      .filter((s) => s.enabled)
      .slice()
      .sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code)),
  );

  function figuresFor(serviceId: number, priority: boolean) {
    const queue = snapshot.value?.queue.find((q) => q.serviceId === serviceId);
    if (!queue) return null;
    return priority ? queue.priority : queue;
  }

  function bind(connection: HallConnection): void {
    unbind();
    off = followKiosk(connection, (next, fresh) => {
      snapshot.value = next;
      if (fresh) clock.alignTo(next.serverTime);
    });
  }

  function unbind(): void {
    off?.();
    off = null;
  }

  function reset(): void {
    snapshot.value = null;
  }

  return { snapshot, services, figuresFor, bind, unbind, reset };
});
