// Vitest global setup for the fault suite: gives every test process one folder for its tallies,
// and after all files have run prints the SUMMARY table (and fails the run if any input crashed
// the server or any acknowledged ticket was lost).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { EMPTY_TALLY, type Tally } from './tally';

type Row = Tally & { area: string };

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
  ['crashes', 'crashes'],
  ['ticketsChecked', 'tickets checked'],
  ['ticketsLost', 'tickets lost'],
];

export function formatSummary(rows: Row[]): string {
  const total: Row = { area: 'TOTAL', ...EMPTY_TALLY };
  for (const row of rows) for (const [key] of COLUMNS) total[key] += row[key];
  const table = [...rows, total];
  const head = ['area', ...COLUMNS.map(([, label]) => label)];
  const cells = table.map((r) => [r.area, ...COLUMNS.map(([key]) => String(r[key]))]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    c.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join(' | ');
  const rule = widths.map((w) => '-'.repeat(w)).join('-+-');
  const verdict =
    total.crashes === 0 && total.ticketsLost === 0 && total.faultsSurvived === total.faultsInjected
      ? 'OK: no crash, no ticket lost, every fault survived'
      : 'FAILED: see the rows above';
  return [
    '',
    'FAULT SUITE SUMMARY',
    line(head),
    rule,
    ...cells.slice(0, -1).map(line),
    rule,
    line(cells.at(-1)!),
    verdict,
    '',
  ].join('\n');
}

export default function setup(project: TestProject): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hall-fault-'));
  project.provide('faultSummaryDir', dir);
  return () => {
    const rows = readRows(dir);
    fs.rmSync(dir, { recursive: true, force: true });
    if (rows.length > 0) process.stdout.write(`${formatSummary(rows)}\n`);
  };
}
