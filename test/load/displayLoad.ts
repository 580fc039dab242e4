// Wall displays listening to their hall: each socket checks that broadcast versions arrive without
// gaps and, while recording, notes when each ticket:called reached it.
import { epochNow } from './clock';
import { connect, connectMany, type BenchSocket } from './benchSocket';
import type { Connected, DeviceSockets, DisplayReceipts } from './protocol';

interface Display {
  socket: BenchSocket;
  hallId: number;
  deviceKey: string;
  lastVersion: number;
}

export function createDisplayLoad() {
  const displays: Display[] = [];
  let recording = false;
  let receipts: [number, number][] = [];
  let versionGaps = 0;
  let eventsSeen = 0;

  function watch(display: Display): void {
    const seen = (version: number) => {
      eventsSeen++;
      if (version !== display.lastVersion + 1) versionGaps++;
      display.lastVersion = version;
    };
    const { socket } = display;
    socket.on('hall:snapshot', (snapshot) => (display.lastVersion = snapshot.version));
    socket.on('ticket:issued', (e) => seen(e.version));
    socket.on('ticket:updated', (e) => seen(e.version));
    socket.on('window:updated', (e) => seen(e.version));
    socket.on('ticket:called', (e) => {
      if (recording) receipts.push([e.ticket.id, epochNow()]);
      seen(e.version);
    });
  }

  return {
    /** Opens or closes sockets until each key has exactly `count` of them (phases resize the hall). */
    async resize(url: string, devices: DeviceSockets[]): Promise<Connected> {
      const plan: string[] = [];
      for (const d of devices) {
        const have = displays.filter((x) => x.deviceKey === d.key);
        for (let i = have.length; i < d.count; i++) plan.push(d.key);
        for (const extra of have.slice(d.count)) {
          extra.socket.close();
          displays.splice(displays.indexOf(extra), 1);
        }
      }
      await connectMany(plan.length, (i) =>
        connect(url, { role: 'display', deviceKey: plan[i]! }, ({ socket, snapshot }) => {
          const display = {
            socket,
            hallId: snapshot.hall.id,
            deviceKey: plan[i]!,
            lastVersion: snapshot.version,
          };
          watch(display);
          displays.push(display);
        }),
      );
      return { sockets: displays.length, hallIds: displays.map((d) => d.hallId) };
    },

    record(on: boolean): void {
      recording = on;
      if (on) receipts = [];
    },

    collect(): DisplayReceipts {
      const result = { receipts, versionGaps, eventsSeen };
      receipts = [];
      versionGaps = 0;
      eventsSeen = 0;
      return result;
    },

    close(): void {
      for (const d of displays) d.socket.close();
      displays.length = 0;
    },
  };
}
