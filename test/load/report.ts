// Judges a run against the targets of issue 7 and renders it as a Markdown table (readable in a
// terminal, pasted as is into the README).
import type { BenchResult, ProfileResult, TargetCheck } from './results';
import type { ErrorCounts } from './protocol';
import { totalCount } from './stats';

export const TARGETS = {
  ratioToLimit: 0.5,
  issueP99Ms: 10,
  callToDisplayP99Ms: 50,
  burstMaxMs: 2000,
  hallPeakRssMb: 150,
};

function allErrors(p: ProfileResult): ErrorCounts {
  const merged: ErrorCounts = {};
  const phases = [p.issueAtRate.errors, p.sustained.errors, p.burst.errors, p.callToDisplay.errors];
  for (const errors of phases)
    for (const [code, n] of Object.entries(errors)) merged[code] = (merged[code] ?? 0) + n;
  return merged;
}

const describeErrors = (errors: ErrorCounts): string =>
  totalCount(errors) === 0
    ? '0'
    : Object.entries(errors)
        .map(([code, n]) => `${n} ${code}`)
        .join(', ');

export function evaluate(result: Pick<BenchResult, 'profiles'>): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const p of result.profiles) {
    const add = (target: string, measured: string, met: boolean) =>
      checks.push({ profile: p.profile, target, measured, met });
    add(
      `sustained issue rate >= ${TARGETS.ratioToLimit * 100} % of direct SQLite`,
      `${p.sustained.achievedPerSec}/s = ${(p.limit.ratio * 100).toFixed(1)} %`,
      p.limit.ratio >= TARGETS.ratioToLimit,
    );
    add(
      `issue ack p99 < ${TARGETS.issueP99Ms} ms at ${p.issueAtRate.offeredPerSec}/s`,
      `p99 ${p.issueAtRate.latencyMs.p99} ms`,
      p.issueAtRate.latencyMs.p99 < TARGETS.issueP99Ms && totalCount(p.issueAtRate.errors) === 0,
    );
    const call = p.callToDisplay;
    add(
      `call → display p99 < ${TARGETS.callToDisplayP99Ms} ms (${call.displayClients} displays, ${call.offeredCallsPerSec} calls/s), every delivery`,
      `p99 ${call.latencyMs.p99} ms, ${call.deliveries}/${call.expectedDeliveries} delivered`,
      call.latencyMs.p99 < TARGETS.callToDisplayP99Ms &&
        call.deliveries === call.expectedDeliveries &&
        call.missedSlots === 0,
    );
    add(
      `burst of ${p.burst.count}: all succeed, max < ${TARGETS.burstMaxMs} ms`,
      `${p.burst.succeeded}/${p.burst.count}, max ${p.burst.latencyMs.max} ms`,
      p.burst.succeeded === p.burst.count && p.burst.latencyMs.max < TARGETS.burstMaxMs,
    );
    const errors = allErrors(p);
    add('zero errors', describeErrors(errors), totalCount(errors) === 0);
    const s = p.sequences;
    const integrity =
      s.duplicates +
      s.gaps +
      s.counterMismatches +
      s.duplicateNumbers +
      s.acknowledgedMissing +
      s.acknowledgedTwice;
    add(
      'zero duplicate or missing ticket numbers; zero version gaps',
      `${s.duplicates} dup, ${s.gaps} gaps in ${s.tickets} tickets; ${p.versionGaps} version gaps`,
      integrity === 0 && p.versionGaps === 0,
    );
    if (p.profile === 'hall') {
      add(
        `server peak RSS < ${TARGETS.hallPeakRssMb} MB`,
        `${p.server.peakRssMb} MB`,
        p.server.peakRssMb < TARGETS.hallPeakRssMb,
      );
    }
  }
  return checks;
}

const verdict = (met: boolean) => (met ? 'met' : '**NOT met**');
const ms = (v: number) => (Number.isNaN(v) ? '–' : v.toFixed(v < 10 ? 2 : 1));

function rows(result: BenchResult): string[][] {
  const ps = result.profiles;
  const check = (p: ProfileResult, prefix: string) =>
    result.targets.find((t) => t.profile === p.profile && t.target.startsWith(prefix));
  const cell = (p: ProfileResult, value: string, prefix: string | null) => {
    const c = prefix ? check(p, prefix) : undefined;
    return c ? `${value} — ${verdict(c.met)}` : value;
  };
  const row = (
    label: string,
    target: string,
    value: (p: ProfileResult) => string,
    prefix: string | null = null,
  ) => [label, target, ...ps.map((p) => cell(p, value(p), prefix))];
  const cpu = (p: ProfileResult, phase: string) => `${p.server.cpuByPhase[phase]?.percentOfOneCore ?? '–'} %`;
  return [
    row(
      'Clients (kiosk / staff / display sockets)',
      '',
      (p) =>
        `${p.layout.kioskSockets} / ${p.layout.staffConsoles} / ${p.layout.displaysBaseline}→${p.layout.displaysDuringCalls} in ${p.layout.halls} hall(s)`,
    ),
    row(
      'Direct SQLite limit (same write, WAL, FULL), before / after the closed loop',
      'reference',
      (p) =>
        `${p.limit.meanPerSec}/s (${p.limit.before.issuesPerSec} / ${p.limit.after.issuesPerSec}; ${p.limit.before.meanMs} / ${p.limit.after.meanMs} ms per commit)`,
    ),
    row(
      'Sustained issue rate (closed loop)',
      `≥ ${TARGETS.ratioToLimit * 100} % of limit`,
      (p) =>
        `${p.sustained.achievedPerSec}/s with ${p.sustained.kioskSockets} kiosks = ${(p.limit.ratio * 100).toFixed(1)} %, p99 ${ms(p.sustained.latencyMs.p99)} ms`,
      'sustained',
    ),
    row(
      'Issue ack p50 / p99 / max at fixed rate',
      `p99 < ${TARGETS.issueP99Ms} ms`,
      (p) =>
        `${ms(p.issueAtRate.latencyMs.p50)} / ${ms(p.issueAtRate.latencyMs.p99)} / ${ms(p.issueAtRate.latencyMs.max)} ms at ${p.issueAtRate.achievedPerSec}/s`,
      'issue ack',
    ),
    row(
      'Issue ack p50 / p99 at fixed rate, call-phase displays connected',
      'info',
      (p) =>
        `${ms(p.issueWithCallDisplays.latencyMs.p50)} / ${ms(p.issueWithCallDisplays.latencyMs.p99)} ms at ${p.issueWithCallDisplays.achievedPerSec}/s`,
    ),
    row(
      'Call → display p50 / p99 / max',
      `p99 < ${TARGETS.callToDisplayP99Ms} ms`,
      (p) =>
        `${ms(p.callToDisplay.latencyMs.p50)} / ${ms(p.callToDisplay.latencyMs.p99)} / ${ms(p.callToDisplay.latencyMs.max)} ms, ${p.callToDisplay.achievedCallsPerSec} calls/s to ${p.callToDisplay.displayClients} displays`,
      'call →',
    ),
    row(
      'Call-next ack p50 / p99',
      'info',
      (p) => `${ms(p.callToDisplay.callAckMs.p50)} / ${ms(p.callToDisplay.callAckMs.p99)} ms`,
    ),
    row(
      'Burst: issues at once → ok, p50 / max',
      `all ok, max < ${TARGETS.burstMaxMs} ms`,
      (p) =>
        `${p.burst.succeeded}/${p.burst.count}, ${ms(p.burst.latencyMs.p50)} / ${ms(p.burst.latencyMs.max)} ms`,
      'burst',
    ),
    row('Errors (all phases)', '0', (p) => describeErrors(allErrors(p)), 'zero errors'),
    row(
      'Ticket numbers: duplicates / gaps; version gaps',
      '0 / 0; 0',
      (p) =>
        `${p.sequences.duplicates} / ${p.sequences.gaps} in ${p.sequences.tickets} tickets; ${p.versionGaps}`,
      'zero duplicate',
    ),
    row(
      'Server peak RSS',
      `< ${TARGETS.hallPeakRssMb} MB (hall)`,
      (p) => `${p.server.peakRssMb} MB`,
      'server peak',
    ),
    row(
      'Server CPU: issue at rate / sustained / calls',
      'info (100 % = one core)',
      (p) => `${cpu(p, 'issueAtRate')} / ${cpu(p, 'sustained')} / ${cpu(p, 'callToDisplay')}`,
    ),
    row('Server main thread runnable / in fsync / idle: issue at rate, calls', 'info', (p) => {
      const st = (phase: string) => {
        const s = p.server.statesByPhase[phase];
        return s ? `${s.runnable} / ${s.diskWait} / ${s.idle} %` : '–';
      };
      return `${st('issueAtRate')}; ${st('callToDisplay')}`;
    }),
    row(
      'Server CPU time per issue / per call cycle (call+start+finish)',
      'info',
      (p) => `${ms(p.serverCpuMs.perIssue)} ms / ${ms(p.serverCpuMs.perCallCycle)} ms`,
    ),
    row('Load generators CPU: issue at rate / sustained / calls', 'info (same machine)', (p) => {
      const l = p.loadCpuByPhase;
      return `${l.issueAtRate ?? '–'} % / ${l.sustained ?? '–'} % / ${l.callToDisplay ?? '–'} %`;
    }),
    row(
      'Other work on the machine during the profile',
      'info',
      (p) => `${p.foreignCpuPercent} % of one core; load average ${p.loadAverageAtStart.toFixed(1)} at start`,
    ),
  ];
}

export function renderTable(result: BenchResult): string {
  const header = ['Measure', 'Target', ...result.profiles.map((p) => `${p.profile} profile`)];
  const lines = [header, header.map(() => '---'), ...rows(result)].map((cells) => `| ${cells.join(' | ')} |`);
  const m = result.machine;
  return [
    `Commit ${result.commit}${result.dirtyTree ? ' (with uncommitted changes)' : ''} · ${result.startedAt} · ` +
      `${m.cores} cores (${m.cpuModel}), ${m.memoryGb} GB · Node ${m.nodeVersion} · ${result.options.quick ? 'quick' : 'full'} run · server under ${result.options.server}`,
    '',
    ...lines,
  ].join('\n');
}
