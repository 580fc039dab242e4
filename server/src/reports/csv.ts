// CSV that Excel opens correctly with Chinese text: UTF-8 with a byte-order mark, CRLF line ends,
// RFC 4180 quoting. Cells that a spreadsheet would run as a formula (= + - @, and tab or carriage
// return at the start) get a leading single quote, so an exported name can never execute.
export type CsvCell = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: CsvCell): string {
  if (value === null) return '';
  // Numbers are written as numbers: a negative figure is data, not a formula.
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const guarded = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

export const CSV_BOM = '\uFEFF';

/** One row with its CRLF line end. */
export function csvLine(row: readonly CsvCell[]): string {
  return row.map(csvCell).join(',') + '\r\n';
}

export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return CSV_BOM + rows.map(csvLine).join('');
}
