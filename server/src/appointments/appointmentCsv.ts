// A day's bookings as CSV (the list a provincial system or a spreadsheet exports), read into booking
// requests. Pure. A header line names the columns, in Chinese or English, in any order:
//
//   姓名/name, 电话/phone, 身份证号/id_number, 业务/service (the letter or the Chinese name),
//   时间/time ('09:00' or '09:00-09:30'), and optionally 日期/day (must be the import's day) and
//   编号/external_ref (the booking system's own reference).
//
// Quoted fields ("…", with "" for a quote), commas or tabs, a UTF-8 byte-order mark and CRLF are
// understood. Each wrong line is reported with its line number; the rules of booking itself (ID
// check, slot, places) are checked afterwards by the booking rules.
import { appError, type AppError } from '@hall/shared/contracts/errors';
import type { BookCommand, ImportLineError } from '@hall/shared/contracts/appointments';
import type { Service } from '@hall/shared/contracts/entities';

const COLUMNS = {
  personName: ['姓名', 'name', 'person_name'],
  phone: ['电话', '手机', '手机号', '联系电话', 'phone'],
  idNumber: ['身份证号', '身份证', '身份证号码', 'id_number', 'idnumber'],
  service: ['业务', '业务代码', 'service'],
  time: ['时间', '时段', '预约时间', 'time', 'slot'],
  day: ['日期', '预约日期', 'day', 'date'],
  externalRef: ['编号', '预约编号', 'external_ref', 'reference'],
} as const;
type Column = keyof typeof COLUMNS;
const REQUIRED: readonly Column[] = ['personName', 'phone', 'idNumber', 'service', 'time'];

/** Lines beyond this are refused as a whole (a day's list of one hall is far shorter). */
export const MAX_IMPORT_LINES = 2000;

export interface ParsedCsv {
  /** Data lines read (without the header and blank lines). */
  lines: number;
  bookings: { line: number; booking: BookCommand }[];
  errors: ImportLineError[];
}

/** Splits CSV text into rows of fields (RFC 4180 quoting; comma or tab separated). */
export function splitCsv(text: string): { line: number; fields: string[] }[] {
  const body = text.replace(/^\uFEFF/, '');
  const separator = /\t/.test(body.split('\n', 1)[0] ?? '') ? '\t' : ',';
  const rows: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < body.length; i += 1) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line += 1;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === separator) {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i += 1;
      fields.push(field);
      rows.push({ line: rowLine, fields });
      fields = [];
      field = '';
      line += 1;
      rowLine = line;
    } else field += ch;
  }
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    rows.push({ line: rowLine, fields });
  }
  return rows.filter((r) => r.fields.some((f) => f.trim() !== ''));
}

const invalid = (detail: string): AppError => appError('VALIDATION_FAILED', { detail });

function findService(text: string, services: readonly Service[]): Service | undefined {
  const wanted = text.trim();
  return services.find(
    (s) =>
      s.code === wanted.toUpperCase() ||
      s.nameZh === wanted ||
      s.nameEn.toLowerCase() === wanted.toLowerCase(),
  );
}

export function parseAppointmentCsv(text: string, day: string, services: readonly Service[]): ParsedCsv {
  const rows = splitCsv(text);
  const header = rows.shift();
  if (!header) return { lines: 0, bookings: [], errors: [{ line: 1, error: invalid('empty file') }] };
  const position = new Map<Column, number>();
  const names = header.fields.map((f) => f.trim().toLowerCase());
  for (const column of Object.keys(COLUMNS) as Column[]) {
    const at = names.findIndex((n) => (COLUMNS[column] as readonly string[]).includes(n));
    if (at >= 0) position.set(column, at);
  }
  const missing = REQUIRED.filter((c) => !position.has(c));
  if (missing.length > 0) {
    const words = missing.map((c) => `${COLUMNS[c][0]}/${COLUMNS[c][COLUMNS[c].length - 1]}`).join(', ');
    return {
      lines: rows.length,
      bookings: [],
      errors: [{ line: header.line, error: invalid(`no column ${words}`) }],
    };
  }
  if (rows.length > MAX_IMPORT_LINES) {
    return {
      lines: rows.length,
      bookings: [],
      errors: [{ line: header.line, error: invalid(`more than ${MAX_IMPORT_LINES} lines`) }],
    };
  }

  const parsed: ParsedCsv = { lines: rows.length, bookings: [], errors: [] };
  const headerWord = (c: Column) => header.fields[position.get(c)!]!.trim();
  for (const row of rows) {
    const cell = (c: Column): string => (position.has(c) ? (row.fields[position.get(c)!] ?? '').trim() : '');
    const fail = (error: AppError) => parsed.errors.push({ line: row.line, error });
    const time = /^([01]\d|2[0-3]):[0-5]\d/.exec(cell('time').replace(/^(\d):/, '0$1:'))?.[0];
    const service = findService(cell('service'), services);
    const ref = cell('externalRef');
    if (!cell('personName') || cell('personName').length > 40) fail(invalid(headerWord('personName')));
    else if (!/^[\d+ -]{5,20}$/.test(cell('phone'))) fail(invalid(headerWord('phone')));
    else if (!/^\d{17}[\dXx]$/.test(cell('idNumber'))) fail(appError('ID_NUMBER_INVALID'));
    else if (!service) fail(appError('SERVICE_NOT_FOUND'));
    else if (!time) fail(invalid(headerWord('time')));
    else if (position.has('day') && cell('day') !== day) fail(invalid(`${headerWord('day')} ≠ ${day}`));
    else if (ref !== '' && !/^[A-Za-z0-9_.:-]{1,64}$/.test(ref)) fail(invalid(headerWord('externalRef')));
    else
      parsed.bookings.push({
        line: row.line,
        booking: {
          personName: cell('personName'),
          phone: cell('phone'),
          idNumber: cell('idNumber').toUpperCase(),
          serviceId: service.id,
          day,
          starts: time,
          externalRef: ref === '' ? null : ref,
        },
      });
  }
  return parsed;
}
