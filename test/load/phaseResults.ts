// Turns what the load processes report into phase results: issue runs merged over the kiosk
// processes, and call → display latency joined from the staff send times and display receipts.
import type { CallRun, CallSent, Connected, DisplayReceipts, IssueRun } from './protocol';
import type { IssuePhaseResult } from './results';
import { mergeCounts, summarize } from './stats';

export function mergeIssueRuns(
  runs: IssueRun[],
  offeredPerSec: number | null,
  kioskSockets: number,
): IssuePhaseResult {
  const latencies = runs.flatMap((r) => r.latenciesMs);
  const errors = {};
  for (const r of runs) mergeCounts(errors, r.errors);
  const elapsed = Math.max(...runs.map((r) => r.elapsedMs)) / 1000;
  return {
    offeredPerSec,
    achievedPerSec: Math.round(latencies.length / elapsed),
    kioskSockets,
    latencyMs: summarize(latencies),
    errors,
    maxSendLagMs: Math.max(...runs.map((r) => r.maxSendLagMs)),
  };
}

export function callDelivery(
  callRun: CallRun,
  collected: DisplayReceipts[],
  displays: Connected[],
  offered: number,
) {
  const displaysPerHall = new Map<number, number>();
  for (const id of displays.flatMap((c) => c.hallIds))
    displaysPerHall.set(id, (displaysPerHall.get(id) ?? 0) + 1);
  const sent = new Map<number, CallSent>(callRun.calls.map((c) => [c.ticketId, c]));
  const delivery: number[] = [];
  for (const { receipts } of collected) {
    for (const [ticketId, at] of receipts) {
      const call = sent.get(ticketId);
      if (call) delivery.push(at - call.sentAt);
    }
  }
  return {
    offeredCallsPerSec: offered,
    achievedCallsPerSec: Math.round((callRun.calls.length / callRun.elapsedMs) * 10_000) / 10,
    calls: callRun.calls.length,
    displayClients: displays.reduce((n, c) => n + c.sockets, 0),
    deliveries: delivery.length,
    expectedDeliveries: callRun.calls.reduce((n, c) => n + (displaysPerHall.get(c.hallId) ?? 0), 0),
    latencyMs: summarize(delivery),
    callAckMs: summarize(callRun.callAckMs),
    errors: callRun.errors,
    missedSlots: callRun.missedSlots,
    emptyQueue: callRun.emptyQueue,
  };
}
