// A ticking "now" aligned to the server clock, so "waited 12 min" agrees with what the server
// computes even when the window PC's clock is off.
import { defineStore } from 'pinia';
import { ref } from 'vue';

export const useClockStore = defineStore('clock', () => {
  const offsetMs = ref(0);
  const now = ref(Date.now());
  let timer: ReturnType<typeof setInterval> | null = null;

  function tick(): void {
    now.value = Date.now() + offsetMs.value;
  }

  function start(): void {
    if (timer) return;
    tick();
    timer = setInterval(tick, 1000);
  }

  function stop(): void {
    if (timer) clearInterval(timer);
    timer = null;
  }

  function alignTo(serverTime: number): void {
    offsetMs.value = serverTime - Date.now();
    tick();
  }

  return { now, start, stop, alignTo };
});
