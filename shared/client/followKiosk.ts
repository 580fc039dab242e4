// What a kiosk follows: its snapshot (services, rules, counts and estimates) and the count frames
// after it. Each frame carries the whole list, so nothing can be missed between two of them; a
// frame older than the snapshot is simply ignored.
import type { KioskQueueFrame, KioskSnapshot } from '../contracts/frames';
import type { HallConnection } from './hallConnection';

export function applyKioskQueue(
  snapshot: KioskSnapshot | null,
  frame: KioskQueueFrame,
): KioskSnapshot | null {
  if (!snapshot || frame.version < snapshot.version) return snapshot;
  return { ...snapshot, version: frame.version, queue: frame.queue };
}

export function followKiosk(
  connection: HallConnection,
  onChange: (snapshot: KioskSnapshot, fresh: boolean) => void,
): () => void {
  let current: KioskSnapshot | null = null;
  const off = [
    connection.on('kiosk:snapshot', (snapshot) => {
      current = snapshot;
      onChange(snapshot, true);
    }),
    connection.on('kiosk:queue', (frame) => {
      const next = applyKioskQueue(current, frame);
      if (next && next !== current) {
        current = next;
        onChange(next, false);
      }
    }),
  ];
  return () => off.forEach((unbind) => unbind());
}
