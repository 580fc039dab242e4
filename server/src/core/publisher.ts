// Sends committed changes to the hall's sockets, keeps ticket-status pages current, tracks which
// devices are online, and tells admins about printer faults.
import type { Device, PrinterFault } from '@hall/shared/contracts/entities';
import type { Repositories } from '../repositories';
import type { Publisher, VersionedBroadcast } from './changes';
import type { HallQueries } from '../hall/hallQueries';
import { adminRoom, hallRoom, statusRoom, type AppServer } from './socketTypes';
import type { Logger } from './logger';

export type PrinterFaultNotifier = (device: Device, fault: PrinterFault | null) => void;

/** Status pages change with every call in the hall (people ahead), so refresh them at most this often. */
const STATUS_REFRESH_MS = 250;

export function createPublisher(io: AppServer, queries: HallQueries, repos: Repositories, logger: Logger) {
  const pendingStatus = new Map<number, NodeJS.Timeout>();

  function refreshStatusPages(hallId: number): void {
    if (pendingStatus.has(hallId)) return;
    const timer = setTimeout(() => {
      pendingStatus.delete(hallId);
      void io
        .in(statusRoom(hallId))
        .fetchSockets()
        .then((sockets) => {
          for (const socket of sockets) {
            const first = socket.data.ticketId ? repos.tickets.find(hallId, socket.data.ticketId) : null;
            const latest = first ? repos.tickets.findByStatusToken(first.statusToken) : null;
            if (latest) socket.emit('ticket:status', queries.status(latest));
          }
        })
        .catch((error: unknown) => logger.error({ err: error, hallId }, 'status page refresh failed'));
    }, STATUS_REFRESH_MS);
    timer.unref();
    pendingStatus.set(hallId, timer);
  }

  const publisher: Publisher = {
    publish(hallId: number, broadcasts: VersionedBroadcast[]): void {
      const room = io.to(hallRoom(hallId));
      for (const b of broadcasts) {
        // Each event name has its own payload type; the union is checked where it is built.
        (room.emit as (event: string, payload: unknown) => boolean)(b.event, {
          ...b.payload,
          version: b.version,
        });
      }
      refreshStatusPages(hallId);
    },
    publishSnapshot(hallId: number): void {
      io.to(hallRoom(hallId)).emit('hall:snapshot', queries.snapshot(hallId));
      refreshStatusPages(hallId);
    },
  };

  const notifyPrinterFault: PrinterFaultNotifier = (device, fault) => {
    const previous = device.printerFault;
    repos.devices.setPrinterFault(device.id, fault);
    if (fault || previous) {
      if (fault) {
        repos.events.append({
          hallId: device.hallId,
          ticketId: null,
          type: 'printer_fault',
          at: fault.at,
          windowId: null,
          staffId: null,
          deviceId: device.id,
          payload: { ...fault },
        });
      }
      io.to(adminRoom(device.hallId)).emit('printer:faulted', {
        deviceId: device.id,
        deviceName: device.name,
        fault,
      });
    }
  };

  return { publisher, notifyPrinterFault, refreshStatusPages };
}

/** Counts live sockets per device so the admin console can show which devices are online. */
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
