// Vitest global setup for the fault suite: gives every test process one folder for its tallies,
// and after all files have run prints the SUMMARY table and FAILS the run (exit code 1) when any
// input crashed the server, any acknowledged ticket was lost, any command was accepted from a role
// that may not send it, any integrity check failed, any fault was not survived, or an area did not
// reach its mode's numbers (support/mode.ts). A thrown error in a teardown would only be printed,
// so the verdict sets process.exitCode itself.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { EMPTY_TALLY, type Tally } from './tally';
import { FAULT_MODE, REQUIRED, type FaultMode } from './mode';

export type Row = Tally & { area: string; firstProblems?: string[] };

function readRows(dir: string): Row[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Row);
}

const COLUMNS: [keyof Tally, string][] = [
  ['faultsInjected', 'faults injected'],
  ['faultsSurvived', 'survived'],
  ['inputsTried', 'inputs tried'],
  ['fuzzInputs', 'of which fuzz'],
  ['crashes', 'crashes'],
  ['outOfRoleAccepted', 'out-of-role accepted'],
  ['ticketsAcknowledged', 'tickets acknowledged'],
  ['ticketsLost', 'tickets lost'],
  ['integrityChecks', 'integrity checks'],
  ['integrityFailures', 'integrity failures'],
];

export function totalOf(rows: Row[]): Row {
  const total: Row = { area: 'TOTAL', ...EMPTY_TALLY };
  for (const row of rows) for (const [key] of COLUMNS) total[key] += row[key];
  return total;
}

/** Everything wrong with the run's figures; empty when the suite proved what it prints. */
export function verdictProblems(rows: Row[], mode: FaultMode): string[] {
  const total = totalOf(rows);
  const problems: string[] = [];
  if (total.crashes > 0) problems.push(`${total.crashes} crash(es)`);
  if (total.ticketsLost > 0) problems.push(`${total.ticketsLost} acknowledged ticket(s) lost`);
  if (total.outOfRoleAccepted > 0)
    problems.push(`${total.outOfRoleAccepted} out-of-role command(s) accepted`);
  if (total.integrityFailures > 0) problems.push(`${total.integrityFailures} integrity check(s) failed`);
  if (total.faultsSurvived !== total.faultsInjected)
    problems.push(`${total.faultsInjected - total.faultsSurvived} fault(s) not survived`);
  const crash = rows.find((r) => r.area.startsWith('crash'));
  if (crash && crash.faultsInjected < REQUIRED[mode].kills)
    problems.push(`only ${crash.faultsInjected} SIGKILLs (the ${mode} mode needs ${REQUIRED[mode].kills})`);
  const fuzzAreas = rows.filter((r) => /fuzz/i.test(r.area));
  if (fuzzAreas.length >= 2 && total.fuzzInputs < REQUIRED[mode].fuzzInputs)
    problems.push(
      `only ${total.fuzzInputs} fuzzed inputs (the ${mode} mode needs ${REQUIRED[mode].fuzzInputs})`,
    );
  return problems;
}

function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: 'pipe' }).trim();
  } catch {
    return 'unknown';
  }
}

export function formatSummary(rows: Row[], mode: FaultMode = FAULT_MODE): string {
  const table = [...rows, totalOf(rows)];
  const head = ['area', ...COLUMNS.map(([, label]) => label)];
  const cells = table.map((r) => [r.area, ...COLUMNS.map(([key]) => r[key].toLocaleString('en'))]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    c.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join(' | ');
  const rule = widths.map((w) => '-'.repeat(w)).join('-+-');
  const problems = verdictProblems(rows, mode);
  const verdict =
    problems.length === 0
      ? 'OK: no crash, no ticket lost, no out-of-role command accepted, every fault survived, every integrity check held'
      : `FAILED: ${problems.join('; ')}`;
  const broken = rows.flatMap((r) => (r.firstProblems ?? []).map((p) => `  ${r.area}: ${p}`));
  return [
    '',
    `FAULT SUITE SUMMARY (${mode} mode, commit ${commit()}, Node ${process.version})`,
    line(head),
    rule,
    ...cells.slice(0, -1).map(line),
    rule,
    line(cells.at(-1)!),
    verdict,
    ...(broken.length > 0 ? ['First broken invariants:', ...broken] : []),
    '',
  ].join('\n');
}

export default function setup(project: TestProject): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hall-fault-'));
  project.provide('faultSummaryDir', dir);
  return () => {
    const rows = readRows(dir);
    fs.rmSync(dir, { recursive: true, force: true });
    if (rows.length === 0) return;
    process.stdout.write(`${formatSummary(rows)}\n`);
    if (verdictProblems(rows, FAULT_MODE).length > 0) process.exitCode = 1;
  };
}
