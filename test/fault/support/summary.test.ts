// The summary's verdict is what makes the fault suite's figures binding: it must fail the run on
// each kind of bad figure, and on an area that did not reach its mode's numbers.
import { describe, expect, it } from 'vitest';
import { formatSummary, verdictProblems, type Row } from './summaryGlobalSetup';
import { EMPTY_TALLY } from './tally';

const row = (area: string, counts: Partial<Row> = {}): Row => ({ area, ...EMPTY_TALLY, ...counts });
const GOOD: Row[] = [
  row('crash (SIGKILL under mixed load)', {
    faultsInjected: 10,
    faultsSurvived: 10,
    ticketsAcknowledged: 900,
  }),
  row('socket fuzz', { inputsTried: 1500, fuzzInputs: 1500 }),
  row('HTTP fuzz', { inputsTried: 760, fuzzInputs: 760 }),
];

describe('fault suite verdict', () => {
  it('passes a run whose figures are all right', () => {
    expect(verdictProblems(GOOD, 'short')).toEqual([]);
    expect(formatSummary(GOOD, 'short')).toContain('OK: no crash');
  });

  it.each([
    ['a crash', { crashes: 1 }, 'crash'],
    ['a lost ticket', { ticketsLost: 1 }, 'lost'],
    ['an out-of-role command accepted', { outOfRoleAccepted: 1 }, 'out-of-role'],
    ['a failed integrity check', { integrityChecks: 1, integrityFailures: 1 }, 'integrity'],
    ['a fault not survived', { faultsInjected: 1 }, 'not survived'],
  ])('fails on %s', (_what, counts, words) => {
    const rows = [...GOOD, row('extra', counts)];
    expect(verdictProblems(rows, 'short').join(' ')).toContain(words);
    expect(formatSummary(rows, 'short')).toContain('FAILED');
  });

  it('prints what broke: the first broken invariants of each area, word for word', () => {
    const rows = [
      ...GOOD,
      row('races', { integrityChecks: 2, integrityFailures: 1, firstProblems: ['ticket 7 lost'] }),
    ];
    expect(formatSummary(rows, 'short')).toContain('First broken invariants:\n  races: ticket 7 lost');
    expect(formatSummary(GOOD, 'short')).not.toContain('First broken invariants');
  });

  it('fails a run that fell short of its mode', () => {
    expect(verdictProblems(GOOD, 'long')).toEqual([
      'only 10 SIGKILLs (the long mode needs 100)',
      'only 2260 fuzzed inputs (the long mode needs 100000)',
    ]);
  });
});
