// The load-generator processes of one profile, and the operations a phase performs across them:
// kiosks spread over a few processes, displays over a few more, all staff consoles in one. With
// several server processes (the city deployment) each load process talks to one of them, chosen so
// kiosks, staff and displays sit on different servers (kiosk i → server i, staff → server 2,
// display i → server i + 3, modulo the count): every call crosses processes to reach its screens.
import type { Profile } from './profiles';
import type { CallRun, Connected, DeviceSockets, DisplayReceipts, IssueRun } from './protocol';
import type { BaselineClients } from './fanoutBaseline';
import type { DeviceKey } from './serverProcess';
import { startWorker, type LoadWorker } from './workerPool';

export interface Load {
  pids: number[];
  /** Connects everyone; resolves with the number of kiosk sockets. */
  connect(): Promise<number>;
  resizeDisplays(perHall: number): Promise<Connected[]>;
  issueOpenLoop(ratePerSec: number, durationMs: number): Promise<IssueRun[]>;
  /** Closed loop on `sockets` kiosk sockets (spread over the kiosk processes). */
  issueClosedLoop(durationMs: number, sockets: number): Promise<IssueRun[]>;
  issueBurst(count: number): Promise<IssueRun[]>;
  callLoop(ratePerSec: number, durationMs: number): Promise<CallRun>;
  recordCalls(on: boolean): Promise<void>;
  collectReceipts(): Promise<DisplayReceipts[]>;
  /** The display processes' sockets to the bare fan-out baseline server. */
  baseline: BaselineClients;
  /** Every ticket id a kiosk was given, over all phases so far. */
  ticketIds(): number[];
  /** Sockets connected to each server process now (kiosks + staff consoles and pads + displays). */
  socketsPerServer(): number[];
  stop(): Promise<void>;
}

/** Splits `total` into `parts` near-equal whole numbers. */
const split = (total: number, parts: number): number[] =>
  Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));

export interface LoadTarget {
  /** One URL per server process. */
  urls: string[];
  devices: DeviceKey[];
}

export function startLoad(profile: Profile, server: LoadTarget): Load {
  const kioskWorkers = Array.from({ length: profile.kioskWorkers }, (_, i) => startWorker(`kiosk${i}`));
  const displayWorkers = Array.from({ length: profile.displayWorkers }, (_, i) => startWorker(`display${i}`));
  const staffWorker = startWorker('staff');
  const all: LoadWorker[] = [...kioskWorkers, ...displayWorkers, staffWorker];
  const displayKeys = server.devices.filter((d) => d.kind === 'display').map((d) => d.key);
  const kioskKeys = server.devices.filter((d) => d.kind === 'kiosk').map((d) => d.key);
  const ticketIds: number[] = [];
  const urlOf = (slot: number) => server.urls[slot % server.urls.length]!;
  const kioskUrl = (i: number) => urlOf(i);
  const staffUrl = urlOf(1);
  const displayUrl = (i: number) => urlOf(i + 2);
  const sockets = { kiosks: kioskWorkers.map(() => 0), staff: 0, displays: displayWorkers.map(() => 0) };
  let kioskShare: number[] = kioskWorkers.map(() => 1 / kioskWorkers.length);

  const issued = async (runs: Promise<IssueRun[]>) => {
    const done = await runs;
    for (const r of done) ticketIds.push(...r.ticketIds);
    return done;
  };

  const load: Load = {
    pids: all.map((w) => w.pid),

    async connect() {
      const kiosks = kioskWorkers.map((w, wi) =>
        w.send({
          kind: 'connectKiosks',
          url: kioskUrl(wi),
          kiosks: kioskKeys
            .filter((_, i) => i % kioskWorkers.length === wi)
            .map((key) => ({ key, count: profile.kioskSocketsPerDevice })),
        }),
      );
      const [connected, staffConnected] = await Promise.all([
        Promise.all(kiosks),
        staffWorker.send({
          kind: 'connectStaff',
          url: staffUrl,
          staff: profile.staff,
          evaluators: server.devices.filter((d) => d.kind === 'evaluator').map((d) => d.key),
        }),
        load.resizeDisplays(profile.baselineDisplaysPerHall),
      ]);
      sockets.kiosks = connected.map((c) => c.sockets);
      sockets.staff = staffConnected.sockets;
      const total = connected.reduce((n, c) => n + c.sockets, 0);
      kioskShare = connected.map((c) => c.sockets / total);
      return total;
    },

    resizeDisplays(perHall) {
      const plans: DeviceSockets[][] = displayWorkers.map(() => []);
      for (const key of displayKeys)
        split(perHall, displayWorkers.length).forEach((count, w) => plans[w]!.push({ key, count }));
      return Promise.all(
        displayWorkers.map((w, i) =>
          w.send({ kind: 'resizeDisplays', url: displayUrl(i), displays: plans[i]! }),
        ),
      ).then((connected) => {
        sockets.displays = connected.map((c) => c.sockets);
        return connected;
      });
    },

    issueOpenLoop: (ratePerSec, durationMs) =>
      issued(
        Promise.all(
          kioskWorkers.map((w, i) =>
            w.send({ kind: 'issueOpenLoop', ratePerSec: ratePerSec * kioskShare[i]!, durationMs }),
          ),
        ),
      ),
    issueClosedLoop: (durationMs, sockets) => {
      const perWorker = split(sockets, kioskWorkers.length);
      return issued(
        Promise.all(
          kioskWorkers.map((w, i) =>
            w.send({ kind: 'issueClosedLoop', durationMs, socketsPerWorker: perWorker[i]! }),
          ),
        ),
      );
    },
    issueBurst: (count) => {
      const counts = split(count, kioskWorkers.length);
      return issued(
        Promise.all(kioskWorkers.map((w, i) => w.send({ kind: 'issueBurst', count: counts[i]! }))),
      );
    },

    callLoop: (ratePerSec, durationMs) => staffWorker.send({ kind: 'callLoop', ratePerSec, durationMs }),
    async recordCalls(on) {
      await Promise.all(displayWorkers.map((w) => w.send({ kind: 'recordCalls', on })));
    },
    collectReceipts: () => Promise.all(displayWorkers.map((w) => w.send({ kind: 'collectReceipts' }))),
    baseline: {
      async connect(url, sockets) {
        const counts = split(sockets, displayWorkers.length);
        await Promise.all(
          displayWorkers.map((w, i) => w.send({ kind: 'baselineConnect', url, count: counts[i]! })),
        );
      },
      async collect() {
        const parts = await Promise.all(displayWorkers.map((w) => w.send({ kind: 'baselineCollect' })));
        return {
          frames: parts.reduce((n, p) => n + p.frames, 0),
          latenciesMs: parts.flatMap((p) => p.latenciesMs),
        };
      },
    },
    ticketIds: () => ticketIds,
    socketsPerServer() {
      const counts = server.urls.map(() => 0);
      const add = (url: string, n: number) => (counts[server.urls.indexOf(url)]! += n);
      sockets.kiosks.forEach((n, i) => add(kioskUrl(i), n));
      add(staffUrl, sockets.staff);
      sockets.displays.forEach((n, i) => add(displayUrl(i), n));
      return counts;
    },
    async stop() {
      await Promise.all(all.map((w) => w.stop()));
    },
  };
  return load;
}
