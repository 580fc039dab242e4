// Counts what each fault-suite file did: faults injected and survived, hostile inputs tried (fuzz,
// guesses, attacks — never the ordinary commands of a load), crashes, commands accepted from a role
// that may not send them, tickets acknowledged and lost, integrity checks and their failures.
// Vitest runs every file in its own process, so each area writes its own small JSON file into a
// folder the global setup provides; the global teardown adds them up, prints the summary table and
// fails the run when a figure is wrong (see summaryGlobalSetup.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';

export interface Tally {
  faultsInjected: number;
  faultsSurvived: number;
  inputsTried: number;
  /** Of inputsTried: fuzzed socket events and HTTP requests (the long mode needs 100,000). */
  fuzzInputs: number;
  crashes: number;
  outOfRoleAccepted: number;
  ticketsAcknowledged: number;
  ticketsLost: number;
  integrityChecks: number;
  integrityFailures: number;
}

export const EMPTY_TALLY: Tally = {
  faultsInjected: 0,
  faultsSurvived: 0,
  inputsTried: 0,
  fuzzInputs: 0,
  crashes: 0,
  outOfRoleAccepted: 0,
  ticketsAcknowledged: 0,
  ticketsLost: 0,
  integrityChecks: 0,
  integrityFailures: 0,
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
  /** Counts one integrity check (a failure when `problems` is not empty) and returns the problems. */
  integrity<T>(problems: T[]): T[];
  readonly totals: Tally;
}

const MAX_KEPT_PROBLEMS = 5;

/** A tally for one area of the suite, saved after every change so a failing test still counts. */
export function createTally(area: string): AreaTally {
  const totals: Tally = { ...EMPTY_TALLY };
  const dir = summaryDir();
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${area.replace(/[^A-Za-z0-9-]+/g, '_')}.json`);
  // The first broken invariants, word for word: the summary prints them, so a failure in CI (where
  // only the end of the log may survive) still says what broke.
  const firstProblems: string[] = [];
  const tally: AreaTally = {
    totals,
    add(counts) {
      for (const key of Object.keys(counts) as (keyof Tally)[]) totals[key] += counts[key] ?? 0;
      fs.writeFileSync(file, JSON.stringify({ area, ...totals, firstProblems }));
    },
    integrity(problems) {
      for (const problem of problems.slice(0, MAX_KEPT_PROBLEMS - firstProblems.length))
        firstProblems.push(typeof problem === 'string' ? problem : JSON.stringify(problem));
      tally.add({ integrityChecks: 1, integrityFailures: problems.length > 0 ? 1 : 0 });
      return problems;
    },
  };
  return tally;
}
