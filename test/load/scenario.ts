// Runs one profile end to end: server child, load processes, then the phases in order —
// warm-up; grow the displays; issue at the fixed rate with them (this also fills the queue);
// call → display; shrink back to the hall's everyday clients; issue at the fixed rate; closed-loop
// saturation; burst — and finally the ticket-number check on the database file.
import { summarize } from './stats';
import os from 'node:os';
import { sleep } from './clock';
import type { Profile } from './profiles';
import {
  cpuSeconds,
  memoryMb,
  startCpuWindow,
  startCpuWindowOf,
  startForeignLoadWindow,
  startStateSampler,
  type CpuWindow,
  type ThreadStates,
} from './procStats';
import type { ProfileResult } from './results';
import { checkSequences } from './sequenceCheck';
import { measurePostgresLimit, measureSqliteLimit, type SqliteLimit } from './sqliteLimit';
import { startDeployment, type Backend } from './deployment';
import { callDelivery, mergeIssueRuns } from './phaseResults';
import { startLoad } from './load';
import { measureFanoutBaseline } from './fanoutBaseline';

export interface PhasePlan {
  warmupMs: number;
  issueRatePerSec: number;
  issueRateMs: number;
  closedLoopMs: number;
  burstCount: number;
  callsPerSec: number;
  callsMs: number;
  /** Each of the two direct-SQLite limit measurements around the closed loop. */
  limitMs: number;
  /** The bare Socket.IO fan-out baseline: frames at the call rate for this long. */
  baselineMs: number;
}

export async function runProfile(
  profile: Profile,
  plan: PhasePlan,
  serverOptions: { cpuProfileDir: string | null; bundle: string; backend: Backend; processes: number },
  log: (line: string) => void,
): Promise<ProfileResult> {
  const loadAverageAtStart = os.loadavg()[0]!;
  const startedAt = Date.now();
  const deployment = await startDeployment(profile, serverOptions);
  const serverPids = deployment.servers.map((s) => s.pid);
  const serverStartSeconds = Math.round((Date.now() - startedAt) / 100) / 10;
  log(
    `  ${deployment.backend === 'sqlite' ? 'server' : `${serverPids.length} server processes on PostgreSQL,`} ` +
      `pid ${serverPids.join(', ')} up in ${serverStartSeconds} s at ${deployment.urls.join(', ')}`,
  );
  const load = startLoad(profile, { urls: deployment.urls, devices: deployment.devices });
  const foreignLoad = startForeignLoadWindow(() => [
    ...serverPids,
    ...load.pids,
    ...deployment.databasePids(),
  ]);
  const cpuByPhase: Record<string, CpuWindow> = {};
  const databaseCpuByPhase: Record<string, CpuWindow> = {};
  // The largest process's resident memory (each process of the city holds its own hot state).
  const rss = () => Math.max(...serverPids.map((pid) => memoryMb(pid).rss));
  const rssMbAfterPhase: Record<string, number> = { start: rss() };
  const loadCpuByPhase: Record<string, number> = {};
  const statesByPhase: Record<string, ThreadStates> = {};
  const measure = async <T>(phase: string, work: () => Promise<T>): Promise<T> => {
    const end = startCpuWindowOf(() => serverPids);
    const endDatabase = startCpuWindowOf(() => deployment.databasePids());
    // The main thread of the first process (the only one on SQLite).
    const endStates = startStateSampler(serverPids[0]!);
    const endLoad = load.pids.map((pid) => startCpuWindow(pid));
    const result = await work();
    cpuByPhase[phase] = end();
    databaseCpuByPhase[phase] = endDatabase();
    statesByPhase[phase] = endStates();
    loadCpuByPhase[phase] = Math.round(endLoad.reduce((sum, e) => sum + e().percentOfOneCore, 0));
    rssMbAfterPhase[phase] = rss();
    return result;
  };
  const measureLimit = async (): Promise<SqliteLimit> => {
    const scratch = deployment.scratchDatabase();
    if (!scratch) return measureSqliteLimit(profile.config, plan.limitMs);
    const database = await scratch;
    try {
      return await measurePostgresLimit(database.url, profile.config, plan.limitMs);
    } finally {
      await database.drop();
    }
  };

  try {
    const kioskSockets = await measure('connect', () => load.connect());
    log(
      `  connected ${kioskSockets} kiosk, ${profile.staff.length} staff, ${profile.baselineDisplaysPerHall}/hall display sockets`,
    );
    await measure('warmup', () => load.issueOpenLoop(plan.issueRatePerSec / 2, plan.warmupMs));

    // ---- with every display of the call measurement connected: issue (fills the queue), then call ----
    const callDisplays = await measure('growDisplays', () =>
      load.resizeDisplays(profile.callDisplaysPerHall),
    );
    // Enough waiting tickets for every call to come, with a margin (a dry window is not a server fault).
    const fillMs = Math.max(2000, ((plan.callsPerSec * plan.callsMs) / plan.issueRatePerSec) * 1.2);
    const withDisplays = await measure('issueWithCallDisplays', () =>
      load.issueOpenLoop(plan.issueRatePerSec, fillMs),
    );
    const issueWithCallDisplays = mergeIssueRuns(withDisplays, plan.issueRatePerSec, kioskSockets);
    await load.recordCalls(true);
    const socketsPerServer = load.socketsPerServer();
    const callRun = await measure('callToDisplay', () => load.callLoop(plan.callsPerSec, plan.callsMs));
    await sleep(500);
    await load.recordCalls(false);
    const callReceipts = await load.collectReceipts();
    const callToDisplay = callDelivery(callRun, callReceipts, callDisplays, plan.callsPerSec);
    log(
      `  call → display (${callToDisplay.displayClients} displays): p50 ${callToDisplay.latencyMs.p50} p99 ${callToDisplay.latencyMs.p99} ms`,
    );
    // The machine's own fan-out cost, measured now, under the same load generators and other work.
    const fanout = await measureFanoutBaseline(
      load.baseline,
      profile.callDisplaysPerHall,
      plan.callsPerSec,
      plan.baselineMs,
    );
    log(
      `  bare Socket.IO fan-out: one frame to ${fanout.sockets} sockets costs ${fanout.cpuMsPerFrame} ms CPU (delivered ${fanout.delivered})`,
    );

    // ---- the hall's everyday clients: issue at the fixed rate, saturate, burst ----
    await measure('shrinkDisplays', () => load.resizeDisplays(profile.baselineDisplaysPerHall));
    await sleep(500);
    const atRate = await measure('issueAtRate', () =>
      load.issueOpenLoop(plan.issueRatePerSec, plan.issueRateMs),
    );
    const issueAtRate = mergeIssueRuns(atRate, plan.issueRatePerSec, kioskSockets);
    log(
      `  issue @${plan.issueRatePerSec}/s: p50 ${issueAtRate.latencyMs.p50} p99 ${issueAtRate.latencyMs.p99} ms`,
    );

    // The disk's fsync speed drifts by a factor of three within minutes on a shared machine, so the
    // direct-SQLite limit is measured right before and right after the closed loop (server idle).
    const limitBefore = await measureLimit();
    const closedLoopSockets = Math.min(kioskSockets, profile.closedLoopKioskSockets);
    const sustainedRuns = await measure('sustained', () =>
      load.issueClosedLoop(plan.closedLoopMs, closedLoopSockets),
    );
    const limitAfter = await measureLimit();
    const sustained = mergeIssueRuns(sustainedRuns, null, closedLoopSockets);
    const perIssueMs = ((cpuByPhase.sustained?.cpuSeconds ?? NaN) * 1000) / sustained.latencyMs.count;
    const meanPerSec = Math.round((limitBefore.issuesPerSec + limitAfter.issuesPerSec) / 2);
    const limit = {
      before: limitBefore,
      after: limitAfter,
      meanPerSec,
      ratio: Math.round((sustained.achievedPerSec / meanPerSec) * 1000) / 1000,
    };
    log(
      `  sustained, closed loop: ${sustained.achievedPerSec}/s; direct ${deployment.backend === 'sqlite' ? 'SQLite' : 'PostgreSQL'} ${limitBefore.issuesPerSec}/s before, ` +
        `${limitAfter.issuesPerSec}/s after → ${(limit.ratio * 100).toFixed(1)} %`,
    );

    const burstRuns = await measure('burst', () => load.issueBurst(plan.burstCount));
    const burstBase = mergeIssueRuns(burstRuns, null, kioskSockets);
    const burst = {
      ...burstBase,
      count: plan.burstCount,
      succeeded: burstBase.latencyMs.count,
      completedMs: Math.round(Math.max(...burstRuns.map((r) => r.elapsedMs))),
    };
    log(`  burst ${plan.burstCount}: ${burst.succeeded} ok, max ${burst.latencyMs.max} ms`);
    await sleep(500);
    const allReceipts = [...callReceipts, ...(await load.collectReceipts())];

    const perCallCycleMs =
      Math.round((((cpuByPhase.callToDisplay?.cpuSeconds ?? NaN) * 1000) / callRun.calls.length) * 100) / 100;
    const foreignCpuPercent = foreignLoad();
    const peakRssMbPerProcess = serverPids.map((pid) => memoryMb(pid).peakRss);
    const totalCpu = serverPids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
    const wall = (Date.now() - startedAt) / 1000;
    cpuByPhase.total = {
      cpuSeconds: Math.round(totalCpu * 100) / 100,
      wallSeconds: Math.round(wall * 100) / 100,
      percentOfOneCore: Math.round((totalCpu / wall) * 1000) / 10,
    };
    const ticketIds = load.ticketIds();
    await load.stop();
    await deployment.stop();
    const sequences = checkSequences(deployment.database, ticketIds);
    deployment.dispose();
    const databaseMs = (phase: string, count: number) =>
      Math.round((((databaseCpuByPhase[phase]?.cpuSeconds ?? NaN) * 1000) / count) * 100) / 100;
    return {
      profile: profile.name,
      label:
        deployment.backend === 'sqlite' ? profile.name : `${profile.name} · PostgreSQL ×${serverPids.length}`,
      deployment: {
        backend: deployment.backend,
        processes: serverPids.length,
        socketsPerServer,
        peakRssMbPerProcess,
        databaseCpuMs:
          deployment.backend === 'sqlite'
            ? null
            : {
                perIssue: databaseMs('sustained', sustained.latencyMs.count),
                perCallCycle: databaseMs('callToDisplay', callRun.calls.length),
              },
      },
      layout: {
        halls: profile.config.halls.length,
        windows: profile.config.halls.reduce((n, h) => n + h.windows.length, 0),
        kioskSockets,
        staffConsoles: profile.staff.length,
        displaysBaseline: profile.baselineDisplaysPerHall * profile.config.halls.length,
        displaysDuringCalls: callToDisplay.displayClients,
        peakClients: kioskSockets + profile.staff.length + callToDisplay.displayClients,
        loadProcesses: load.pids.length,
      },
      loadAverageAtStart,
      foreignCpuPercent,
      serverStartSeconds,
      issueWithCallDisplays,
      issueAtRate,
      sustained,
      limit,
      serverCpuMs: {
        perIssue: Math.round(perIssueMs * 100) / 100,
        perCallCycle: perCallCycleMs,
      },
      fanout,
      callCycleVsFrame: Math.round((perCallCycleMs / fanout.cpuMsPerFrame) * 100) / 100,
      burst,
      callToDisplay,
      evaluators: {
        pads: callRun.evaluators.pads,
        prompts: callRun.evaluators.prompts,
        rated: callRun.evaluators.rated,
        rateAckMs: summarize(callRun.evaluators.rateAckMs),
        errors: callRun.evaluators.errors,
      },
      versionGaps: allReceipts.reduce((n, c) => n + c.versionGaps, 0),
      broadcastsSeenByDisplays: allReceipts.reduce((n, c) => n + c.eventsSeen, 0),
      server: { cpuByPhase, statesByPhase, rssMbAfterPhase, peakRssMb: Math.max(...peakRssMbPerProcess) },
      loadCpuByPhase,
      sequences,
    };
  } catch (error) {
    await load.stop();
    await deployment.stop();
    deployment.dispose();
    throw error;
  }
}
