// Bar values for the report charts. A figure the report cannot give (an average with nobody
// counted, shown as "—" on its card) must not be drawn as a bar of 0: ECharts leaves '-' empty.
export type ChartValue = number | null;

export function barData(values: readonly ChartValue[]): (number | '-')[] {
  return values.map((v) => (v === null || !Number.isFinite(v) ? '-' : v));
}
