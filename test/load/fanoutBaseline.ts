// Runs the bare Socket.IO fan-out baseline (fanoutServer.mjs) in its own process: the same frame a
// call makes, sent to as many sockets as one hall has displays during the call measurement, at the
// same rate. Its CPU per frame is what the hall server's CPU per call cycle is compared with.
import { fork } from 'node:child_process';
import path from 'node:path';
import type { CallRecord, TicketView } from '@hall/shared/contracts/entities';
import type { HallFrame } from '@hall/shared/contracts/frames';
import { REPO_ROOT } from './paths';
import { startCpuWindow } from './procStats';
import { summarize, type LatencySummary } from './stats';

export interface FanoutBaseline {
  sockets: number;
  frames: number;
  ratePerSec: number;
  /** Server CPU per frame sent to all its sockets, in milliseconds. */
  cpuMsPerFrame: number;
  /** Frames received over frames × sockets (must be 1). */
  delivered: number;
  latencyMs: LatencySummary;
}

/** A frame like the one a call sends: a ticket:called delta with the ticket and its call. */
export function sampleCallFrame(): HallFrame {
  const ticket: TicketView = {
    id: 1234,
    hallId: 1,
    serviceId: 2,
    businessDay: '2026-11-30',
    sequence: 123,
    number: 'B-L123',
    priorityClass: 'elderly',
    proxy: true,
    proxyRelation: '子女',
    source: 'kiosk',
    state: 'called',
    issuedAt: 1_796_000_000_000,
    orderKey: 1_796_000_000_000,
    calledAt: 1_796_000_600_000,
    servingAt: null,
    finishedAt: null,
    windowId: 7,
    staffId: 7,
    callCount: 1,
    marks: null,
    transferredFromId: null,
    targetWindowId: null,
  };
  const call: CallRecord = {
    id: 98_765,
    ticketId: ticket.id,
    number: ticket.number,
    priorityClass: ticket.priorityClass,
    windowId: 7,
    windowNumber: 7,
    elderlyWindow: false,
    serviceId: 2,
    at: 0,
    recall: false,
  };
  return { base: 4321, version: 4322, deltas: [{ type: 'ticket:called', version: 4322, ticket, call }] };
}

export interface BaselineClients {
  connect(url: string, sockets: number): Promise<void>;
  collect(): Promise<{ frames: number; latenciesMs: number[] }>;
}

export async function measureFanoutBaseline(
  clients: BaselineClients,
  sockets: number,
  ratePerSec: number,
  durationMs: number,
): Promise<FanoutBaseline> {
  const child = fork(path.join(REPO_ROOT, 'test/load/fanoutServer.mjs'), [], {
    cwd: REPO_ROOT,
    // Plain Node, like the hall server's bundle: not the bench's TypeScript loader.
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T>(kind: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (m: { kind: string } & T) => {
        if (m.kind !== kind) return;
        child.off('message', onMessage);
        resolve(m);
      };
      child.on('message', onMessage);
      child.once('exit', (code) => reject(new Error(`fan-out baseline exited with ${code}`)));
    });
  try {
    const { port } = await next<{ port: number }>('listening');
    await clients.connect(`http://127.0.0.1:${port}`, sockets);
    const frames = Math.max(20, Math.round((ratePerSec * durationMs) / 1000));
    const cpu = startCpuWindow(child.pid!);
    const emitted = next<{ count: number }>('emitted');
    child.send({ kind: 'emit', frame: sampleCallFrame(), count: frames, ratePerSec });
    await emitted;
    const used = cpu();
    // Let the last frames arrive before counting.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const received = await clients.collect();
    return {
      sockets,
      frames,
      ratePerSec,
      cpuMsPerFrame: Math.round(((used.cpuSeconds * 1000) / frames) * 1000) / 1000,
      delivered: Math.round((received.frames / (frames * sockets)) * 1000) / 1000,
      latencyMs: summarize(received.latenciesMs),
    };
  } finally {
    child.send({ kind: 'close' });
    child.disconnect();
  }
}
