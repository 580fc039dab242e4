// The admin alarms (storage failure, kiosk printer faults) shown on every page of an admin session.
// Bound to the console's connection by the banner while it is shown; the printer faults start from the
// device list and are read again after every (re)connect, since events missed while offline are lost.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ServerToClientEvents } from '@hall/shared/contracts/events';
import type { HallConnection } from '@hall/shared/client/hallConnection';
import { command as request } from '../../net/link';
import {
  applyDeviceList,
  applyPrinterFault,
  applyStorageFault,
  noAlarms,
  type AlarmState,
} from '../logic/alarms';

export const useAlarmsStore = defineStore('adminAlarms', () => {
  const state = ref<AlarmState>(noAlarms());
  let bound: HallConnection | null = null;
  let offBound: (() => void)[] = [];

  const storage = computed(() => state.value.storage);
  const printers = computed(() => state.value.printers);
  const active = computed(() => state.value.storage !== null || state.value.printers.length > 0);

  const onStorage: ServerToClientEvents['storage:faulted'] = (e) => {
    state.value = applyStorageFault(state.value, e);
  };
  const onPrinter: ServerToClientEvents['printer:faulted'] = (e) => {
    state.value = applyPrinterFault(state.value, e);
  };
  const onConnect = (): void => void loadPrinterFaults();

  async function loadPrinterFaults(): Promise<void> {
    const socket = bound;
    const result = await request('admin:deviceList');
    // A failed read keeps what we had: an alarm must not vanish because one request did.
    if (result.ok && socket === bound) state.value = applyDeviceList(state.value, result.data);
  }

  /** Listens on the console's current connection; a new one after a new sign-in replaces the old. */
  function bind(connection: HallConnection | null): void {
    if (connection === bound) return;
    unbind();
    if (!connection) return;
    offBound = [
      connection.on('storage:faulted', onStorage),
      connection.on('printer:faulted', onPrinter),
      connection.onState((state) => {
        if (state === 'online') onConnect();
      }),
    ];
    bound = connection;
    if (connection.state === 'online') void loadPrinterFaults();
  }

  /** Stops listening and forgets the alarms (they belong to the session that saw them). */
  function unbind(): void {
    offBound.forEach((off) => off());
    offBound = [];
    bound = null;
    state.value = noAlarms();
  }

  return { storage, printers, active, bind, unbind, loadPrinterFaults };
});
