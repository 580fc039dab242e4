// Wall displays listening to their hall: each socket checks that its frames chain (a frame's base
// is the version of the frame before it, so none was lost) and, while recording, notes when each
// ticket:called delta reached it. Also the sockets of the bare Socket.IO fan-out baseline.
import { io } from 'socket.io-client';
import { epochNow } from './clock';
import { connect, connectMany, type BenchSocket } from './benchSocket';
import type { BaselineReceipts, Connected, DeviceSockets, DisplayReceipts } from './protocol';

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
  let baseline: BenchSocket[] = [];
  let baselineLatencies: number[] = [];
  let baselineFrames = 0;

  function watch(display: Display): void {
    const { socket } = display;
    socket.on('hall:snapshot', (snapshot) => (display.lastVersion = snapshot.version));
    socket.on('hall:changed', (frame) => {
      eventsSeen++;
      // A gap: the frame builds on a version this socket never had (a frame was lost). A base
      // below it is fine: the snapshot was newer than the room's last frame.
      if (frame.base > display.lastVersion) versionGaps++;
      display.lastVersion = Math.max(display.lastVersion, frame.version);
      if (!recording) return;
      const at = epochNow();
      for (const delta of frame.deltas)
        if (delta.type === 'ticket:called') receipts.push([delta.ticket.id, at]);
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

    /** Plain sockets to the bare fan-out server: they only count frames and how late they came. */
    async baselineConnect(url: string, count: number): Promise<number> {
      const opened = await connectMany(
        count,
        () =>
          new Promise<BenchSocket>((resolve, reject) => {
            const socket: BenchSocket = io(url, {
              transports: ['websocket'],
              reconnection: false,
              forceNew: true,
            });
            socket.once('connect', () => resolve(socket));
            socket.once('connect_error', reject);
          }),
      );
      for (const socket of opened) {
        socket.on('hall:changed', (frame) => {
          baselineFrames++;
          // The baseline server stamps each frame's call with the moment it emitted it.
          const call = frame.deltas[0]?.type === 'ticket:called' ? frame.deltas[0].call : null;
          if (call) baselineLatencies.push(epochNow() - call.at);
        });
      }
      baseline.push(...opened);
      return baseline.length;
    },

    baselineCollect(): BaselineReceipts {
      const result = { frames: baselineFrames, latenciesMs: baselineLatencies };
      baselineFrames = 0;
      baselineLatencies = [];
      for (const socket of baseline) socket.close();
      baseline = [];
      return result;
    },

    close(): void {
      for (const d of displays) d.socket.close();
      displays.length = 0;
      for (const socket of baseline) socket.close();
      baseline = [];
    },
  };
}
