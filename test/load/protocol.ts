// Messages between the bench (parent) and its load-generator processes. Each request carries an
// id; the worker answers with the same id and the result type named in WorkerResults.

/** One device key and how many sockets to open with it (several consoles may share one key). */
export interface DeviceSockets {
  key: string;
  count: number;
}

export interface StaffLogin {
  username: string;
  password: string;
  windowNumber: number;
  hallCode: string;
}

export type WorkerRequest =
  | { kind: 'connectKiosks'; url: string; kiosks: DeviceSockets[] }
  | { kind: 'resizeDisplays'; url: string; displays: DeviceSockets[] }
  | { kind: 'connectStaff'; url: string; staff: StaffLogin[]; evaluators: string[] }
  | { kind: 'issueOpenLoop'; ratePerSec: number; durationMs: number }
  | { kind: 'issueClosedLoop'; durationMs: number; socketsPerWorker: number }
  | { kind: 'issueBurst'; count: number }
  | { kind: 'callLoop'; ratePerSec: number; durationMs: number }
  | { kind: 'recordCalls'; on: boolean }
  | { kind: 'baselineConnect'; url: string; count: number }
  | { kind: 'baselineCollect' }
  | { kind: 'collectReceipts' }
  | { kind: 'close' };

export type RequestKind = WorkerRequest['kind'];

export type ErrorCounts = Record<string, number>;

export interface IssueRun {
  /** Acknowledgement latency of every successful issue, in milliseconds. */
  latenciesMs: number[];
  errors: ErrorCounts;
  /** Ids of the tickets acknowledged (to check every one is in the database exactly once). */
  ticketIds: number[];
  elapsedMs: number;
  /** How late the worker itself was in sending against its schedule (client-side saturation). */
  maxSendLagMs: number;
}

export interface CallSent {
  ticketId: number;
  hallId: number;
  /** Epoch milliseconds with sub-millisecond precision (performance.timeOrigin + now()). */
  sentAt: number;
}

export interface CallRun {
  calls: CallSent[];
  callAckMs: number[];
  errors: ErrorCounts;
  /** Slots of the fixed call schedule that found no idle window (the loop could not keep up). */
  missedSlots: number;
  /** callNext answered QUEUE_EMPTY (the bench ran a window dry; not a server fault). */
  emptyQueue: number;
  elapsedMs: number;
  /** The windows' evaluator pads during the loop: each answers its window's questions at once. */
  evaluators: EvaluatorRun;
}

export interface EvaluatorRun {
  pads: number;
  /** Questions the pads were asked (one per visitor finished at a window with a pad). */
  prompts: number;
  /** Ratings the server accepted; every tenth is 不满意 with a reason (a 差评 case). */
  rated: number;
  /** Rating acknowledgement latency, ms. */
  rateAckMs: number[];
  errors: ErrorCounts;
}

export interface DisplayReceipts {
  /** [ticketId, receivedAt] for every ticket:called delta seen by every socket while recording. */
  receipts: [number, number][];
  /** Frames whose base was not the version of the socket's previous frame or snapshot (must be 0). */
  versionGaps: number;
  /** Frames received. */
  eventsSeen: number;
}

export interface BaselineReceipts {
  frames: number;
  /** Emit → receive, per socket and frame, in milliseconds. */
  latenciesMs: number[];
}

export interface Connected {
  sockets: number;
  /** Hall id of each socket, in the order they connected. */
  hallIds: number[];
}

export interface WorkerResults {
  connectKiosks: Connected;
  resizeDisplays: Connected;
  connectStaff: Connected;
  issueOpenLoop: IssueRun;
  issueClosedLoop: IssueRun;
  issueBurst: IssueRun;
  callLoop: CallRun;
  recordCalls: null;
  baselineConnect: number;
  baselineCollect: BaselineReceipts;
  collectReceipts: DisplayReceipts;
  close: null;
}

export interface WorkerEnvelope {
  id: number;
  request: WorkerRequest;
}

export type WorkerReply =
  { id: number; ok: true; result: WorkerResults[RequestKind] } | { id: number; ok: false; message: string };
