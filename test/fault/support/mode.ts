// How hard the fault suite pushes. `npm test` (CI) runs the short mode; `npm run test:faults` sets
// FAULT_MODE=long: at least 100 SIGKILLs under mixed load and at least 100,000 fuzzed socket events
// and HTTP requests. The summary checks each area reached its mode's numbers, so a shortened run
// cannot print figures it did not earn.

export type FaultMode = 'short' | 'long';

export const FAULT_MODE: FaultMode = process.env.FAULT_MODE === 'long' ? 'long' : 'short';

export interface FaultBudget {
  /** SIGKILLs of the server under mixed load (crash.test.ts). */
  kills: number;
  /** Fuzzed socket events (socketFuzz.test.ts). */
  socketFuzzRuns: number;
  /** Fuzzed HTTP requests (httpFuzz.test.ts). */
  httpFuzzRuns: number;
  /** Parallel sign-in guesses and other repeated attacks (hardening.test.ts). */
  attackScale: number;
}

export const BUDGETS: Record<FaultMode, FaultBudget> = {
  short: { kills: 10, socketFuzzRuns: 1500, httpFuzzRuns: 700, attackScale: 1 },
  long: { kills: 100, socketFuzzRuns: 62_000, httpFuzzRuns: 40_000, attackScale: 10 },
};

export const BUDGET: FaultBudget = BUDGETS[FAULT_MODE];

/** What the summary demands of a whole run in each mode (checked only for areas that ran). */
export const REQUIRED: Record<FaultMode, { kills: number; fuzzInputs: number }> = {
  short: { kills: 10, fuzzInputs: 2000 },
  long: { kills: 100, fuzzInputs: 100_000 },
};
