// Kiosks and displays as the admin sees them: the list from the server, kept current by the
// unversioned admin broadcasts (online/offline, printer faults) while a page that shows them is open.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Device } from '@hall/shared/contracts/entities';
import type { ServerToClientEvents } from '@hall/shared/contracts/events';
import type { HallConnection } from '@hall/shared/client/hallConnection';
import { command as request, currentLink } from '../../net/link';
import { useMessagesStore } from '../../stores/messages';

export const useDevicesStore = defineStore('adminDevices', () => {
  const devices = ref<Device[]>([]);
  const messages = useMessagesStore();
  let bound: HallConnection | null = null;
  let offBound: (() => void)[] = [];
  let users = 0;

  function patch(id: number, change: Partial<Device>): void {
    devices.value = devices.value.map((d) => (d.id === id ? { ...d, ...change } : d));
  }

  const onPresence: ServerToClientEvents['device:presence'] = (e) => patch(e.deviceId, { online: e.online });
  const onFault: ServerToClientEvents['printer:faulted'] = (e) =>
    patch(e.deviceId, { printerFault: e.fault });

  async function load(): Promise<void> {
    follow();
    const result = await request('admin:deviceList');
    if (result.ok) devices.value = result.data;
    else messages.showError(result.error);
  }

  /** Replace (or add) one device after a command answered with it. */
  function put(device: Device): void {
    const exists = devices.value.some((d) => d.id === device.id);
    devices.value = exists
      ? devices.value.map((d) => (d.id === device.id ? device : d))
      : [...devices.value, device];
  }

  /** Listens on the console's current connection (it is replaced after a new sign-in). */
  function follow(): void {
    const link = currentLink();
    if (users === 0 || !link || bound === link) return;
    unbindSocket();
    offBound = [link.on('device:presence', onPresence), link.on('printer:faulted', onFault)];
    bound = link;
  }

  function bind(): void {
    users += 1;
    follow();
  }

  function unbindSocket(): void {
    offBound.forEach((off) => off());
    offBound = [];
    bound = null;
  }

  function unbind(): void {
    users = Math.max(0, users - 1);
    if (users === 0) unbindSocket();
  }

  return { devices, load, put, bind, unbind, follow };
});
