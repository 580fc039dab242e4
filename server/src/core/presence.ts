// Counts live sockets per device so the admin console can show which devices are online.
import { adminRoom } from './frames/audiences';
import type { AppServer } from './socketTypes';

export function createPresence(io: AppServer) {
  const counts = new Map<number, number>();
  return {
    isOnline: (deviceId: number) => (counts.get(deviceId) ?? 0) > 0,
    connected(hallId: number, deviceId: number): void {
      const n = (counts.get(deviceId) ?? 0) + 1;
      counts.set(deviceId, n);
      if (n === 1) io.to(adminRoom(hallId)).emit('device:presence', { deviceId, online: true });
    },
    disconnected(hallId: number, deviceId: number): void {
      const n = Math.max(0, (counts.get(deviceId) ?? 0) - 1);
      counts.set(deviceId, n);
      if (n === 0) io.to(adminRoom(hallId)).emit('device:presence', { deviceId, online: false });
    },
  };
}
export type Presence = ReturnType<typeof createPresence>;
