// Counts what each fault-suite file did (faults injected and survived, inputs tried, crashes,
// tickets checked and lost). Vitest runs every file in its own process, so each area writes its
// own small JSON file into a folder the global setup provides; the global teardown adds them up
// and prints the summary table (see summaryGlobalSetup.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';

export interface Tally {
  faultsInjected: number;
  faultsSurvived: number;
  inputsTried: number;
  crashes: number;
  ticketsChecked: number;
  ticketsLost: number;
}

export const EMPTY_TALLY: Tally = {
  faultsInjected: 0,
  faultsSurvived: 0,
  inputsTried: 0,
  crashes: 0,
  ticketsChecked: 0,
  ticketsLost: 0,
};

declare module 'vitest' {
  export interface ProvidedContext {
    faultSummaryDir: string;
  }
}

/** Where this run's tallies go; a fixed folder when a file runs without the global setup. */
export function summaryDir(): string {
  let provided: string | undefined;
  try {
    provided = inject('faultSummaryDir');
  } catch {
    provided = undefined;
  }
  return provided ?? path.join(os.tmpdir(), 'hall-fault-summary');
}

export interface AreaTally {
  add(counts: Partial<Tally>): void;
  readonly totals: Tally;
}

/** A tally for one area of the suite, saved after every change so a failing test still counts. */
export function createTally(area: string): AreaTally {
  const totals: Tally = { ...EMPTY_TALLY };
  const dir = summaryDir();
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${area}.json`);
  return {
    totals,
    add(counts) {
      for (const key of Object.keys(counts) as (keyof Tally)[]) totals[key] += counts[key] ?? 0;
      fs.writeFileSync(file, JSON.stringify({ area, ...totals }));
    },
  };
}
