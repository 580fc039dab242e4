// Figure-by-figure comparison of two reports: every number (and label) at the same path. Used to
// prove that reports from rollups equal the straight computation (the check command, the benchmark).
export interface ReportDifference {
  path: string;
  expected: unknown;
  actual: unknown;
}

export function compareReports(expected: unknown, actual: unknown, path = ''): ReportDifference[] {
  if (typeof expected === 'object' && expected !== null && typeof actual === 'object' && actual !== null) {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    const found: ReportDifference[] = [];
    for (const key of keys) {
      found.push(
        ...compareReports(
          (expected as Record<string, unknown>)[key],
          (actual as Record<string, unknown>)[key],
          path ? `${path}.${key}` : key,
        ),
      );
    }
    return found;
  }
  return Object.is(expected, actual) ? [] : [{ path, expected, actual }];
}

/** How many leaf figures a report holds (for "0 of N figures differ"). */
export function countFigures(report: unknown): number {
  if (typeof report !== 'object' || report === null) return 1;
  return Object.values(report).reduce<number>((n, v) => n + countFigures(v), 0);
}
