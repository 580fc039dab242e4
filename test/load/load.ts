// The load-generator processes of one profile, and the operations a phase performs across them:
// kiosks spread over a few processes, displays over a few more, all staff consoles in one.
import type { Profile } from './profiles';
import type { CallRun, Connected, DeviceSockets, DisplayReceipts, IssueRun } from './protocol';
import type { BaselineClients } from './fanoutBaseline';
import type { ServerChild } from './serverProcess';
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
  stop(): Promise<void>;
}

/** Splits `total` into `parts` near-equal whole numbers. */
const split = (total: number, parts: number): number[] =>
  Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));

export function startLoad(profile: Profile, server: ServerChild): Load {
  const kioskWorkers = Array.from({ length: profile.kioskWorkers }, (_, i) => startWorker(`kiosk${i}`));
  const displayWorkers = Array.from({ length: profile.displayWorkers }, (_, i) => startWorker(`display${i}`));
  const staffWorker = startWorker('staff');
  const all: LoadWorker[] = [...kioskWorkers, ...displayWorkers, staffWorker];
  const displayKeys = server.devices.filter((d) => d.kind === 'display').map((d) => d.key);
  const kioskKeys = server.devices.filter((d) => d.kind === 'kiosk').map((d) => d.key);
  const ticketIds: number[] = [];
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
          url: server.url,
          kiosks: kioskKeys
            .filter((_, i) => i % kioskWorkers.length === wi)
            .map((key) => ({ key, count: profile.kioskSocketsPerDevice })),
        }),
      );
      const [connected] = await Promise.all([
        Promise.all(kiosks),
        staffWorker.send({
          kind: 'connectStaff',
          url: server.url,
          staff: profile.staff,
          evaluators: server.devices.filter((d) => d.kind === 'evaluator').map((d) => d.key),
        }),
        load.resizeDisplays(profile.baselineDisplaysPerHall),
      ]);
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
          w.send({ kind: 'resizeDisplays', url: server.url, displays: plans[i]! }),
        ),
      );
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
    async stop() {
      await Promise.all(all.map((w) => w.stop()));
    },
  };
  return load;
}
