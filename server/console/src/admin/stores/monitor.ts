// The live monitor's figures: `admin:monitor` polled every few seconds while the page is open
// (waits grow by the minute even when nothing happens), with device changes applied as they come.
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { MonitorState } from '@hall/shared/contracts/admin';
import { command as request } from '../../net/link';
import type { ConsoleError } from '../../logic/consoleError';
import { useDevicesStore } from './devices';

export const POLL_MS = 5000;

export const useMonitorStore = defineStore('adminMonitor', () => {
  const state = shallowRef<MonitorState | null>(null);
  const error = ref<ConsoleError | null>(null);
  const devices = useDevicesStore();
  let timer: ReturnType<typeof setInterval> | null = null;

  async function poll(): Promise<void> {
    devices.follow();
    const result = await request('admin:monitor');
    if (!result.ok) {
      error.value = result.error;
      return;
    }
    error.value = null;
    state.value = result.data;
    devices.devices = result.data.devices;
  }

  function start(): void {
    stop();
    devices.bind();
    void poll();
    timer = setInterval(() => void poll(), POLL_MS);
  }

  function stop(): void {
    if (!timer) return;
    clearInterval(timer);
    timer = null;
    devices.unbind();
  }

  return { state, error, poll, start, stop };
});
