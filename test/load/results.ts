// The shape of bench-results/bench-<timestamp>.json.
import type { ProfileName } from './profiles';
import type { CpuWindow, ThreadStates } from './procStats';
import type { ErrorCounts } from './protocol';
import type { SequenceCheck } from './sequenceCheck';
import type { SqliteLimit } from './sqliteLimit';
import type { LatencySummary } from './stats';
import type { FanoutBaseline } from './fanoutBaseline';

export interface IssuePhaseResult {
  offeredPerSec: number | null;
  achievedPerSec: number;
  kioskSockets: number;
  latencyMs: LatencySummary;
  errors: ErrorCounts;
  maxSendLagMs: number;
}

export interface ProfileResult {
  profile: ProfileName;
  /** The column's name: the profile, and the deployment when it is not one process on SQLite. */
  label?: string;
  /** Where the server ran: one process on SQLite, or several on one PostgreSQL database (the city). */
  deployment?: {
    backend: 'sqlite' | 'postgres';
    processes: number;
    /** Sockets on each server process during the call measurement. */
    socketsPerServer: number[];
    peakRssMbPerProcess: number[];
    /** PostgreSQL's own CPU (postmaster and backends) per operation; null on SQLite. */
    databaseCpuMs: { perIssue: number; perCallCycle: number } | null;
  };
  layout: {
    halls: number;
    windows: number;
    kioskSockets: number;
    staffConsoles: number;
    displaysBaseline: number;
    displaysDuringCalls: number;
    peakClients: number;
    loadProcesses: number;
  };
  /** 1-minute load average when the profile started (other work on the machine skews every figure). */
  loadAverageAtStart: number;
  /** CPU used by processes other than the server, the load generators and the bench, in % of one core. */
  foreignCpuPercent: number;
  serverStartSeconds: number;
  /** Info: the same fixed rate while all the displays of the call measurement are connected. */
  issueWithCallDisplays: IssuePhaseResult;
  issueAtRate: IssuePhaseResult;
  /** Closed loop: every kiosk socket issues again as soon as its previous ticket is acknowledged. */
  sustained: IssuePhaseResult;
  /** The direct-SQLite limit measured just before and just after this profile, and the ratio to their mean. */
  limit: { before: SqliteLimit; after: SqliteLimit; meanPerSec: number; ratio: number };
  burst: IssuePhaseResult & { count: number; succeeded: number; completedMs: number };
  callToDisplay: {
    offeredCallsPerSec: number;
    achievedCallsPerSec: number;
    calls: number;
    displayClients: number;
    deliveries: number;
    expectedDeliveries: number;
    latencyMs: LatencySummary;
    callAckMs: LatencySummary;
    errors: ErrorCounts;
    missedSlots: number;
    emptyQueue: number;
  };
  /** The windows' evaluator pads during the call measurement (hall profile: one per window). */
  evaluators: {
    pads: number;
    prompts: number;
    rated: number;
    rateAckMs: LatencySummary;
    errors: ErrorCounts;
  };
  versionGaps: number;
  broadcastsSeenByDisplays: number;
  /**
   * Server CPU time per operation: a figure much less sensitive to other work on the machine than
   * latencies. perIssue from the closed loop; perCallCycle = call next + start + finish, including
   * the broadcasts to every display of the hall.
   */
  serverCpuMs: { perIssue: number; perCallCycle: number };
  /** The bare Socket.IO fan-out baseline measured in this run: one frame to one hall's call-phase displays. */
  fanout: FanoutBaseline;
  /** Server CPU per call cycle over the baseline's CPU per frame (target ≤ 2). */
  callCycleVsFrame: number;
  /** CPU of all load-generator processes together per phase, in % of one core (they share the machine). */
  loadCpuByPhase: Record<string, number>;
  server: {
    cpuByPhase: Record<string, CpuWindow>;
    /** Where the server's main thread spent each phase: runnable, blocked on disk (fsync), idle. */
    statesByPhase: Record<string, ThreadStates>;
    rssMbAfterPhase: Record<string, number>;
    peakRssMb: number;
  };
  sequences: SequenceCheck;
}

export interface TargetCheck {
  /** The profile's label (see ProfileResult.label). */
  profile: string;
  target: string;
  measured: string;
  met: boolean;
}

export interface BenchResult {
  startedAt: string;
  commit: string;
  dirtyTree: boolean;
  machine: { cores: number; cpuModel: string; nodeVersion: string; platform: string; memoryGb: number };
  options: {
    profiles: ProfileName[];
    quick: boolean;
    cpuProfile: boolean;
    evaluators: boolean;
    /** `--backend postgres --processes N`: the city profile on SQLite and on N processes on PostgreSQL. */
    backend?: 'sqlite' | 'postgres';
    processes?: number;
  };
  /** What else ran on the machine: the 1/5/15-minute load averages when the bench started. */
  loadAverages: [number, number, number];
  profiles: ProfileResult[];
  targets: TargetCheck[];
  durationSeconds: number;
}
