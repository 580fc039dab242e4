// Where a hall's rows name other rows by id, so an import can give the hall new ids and rewrite
// every reference (halls set up apart each number their hall 1 and their rows from 1).
//
// Three kinds of place, most derived from the schema itself:
// - a declared foreign key (read from the catalogue: a new table's references are covered as is);
// - a column that holds an id without a foreign key (logs and counters that must outlive their
//   rows): named in IMPLICIT_ID_COLUMNS below;
// - JSON text: every column ending in `_json` (and `payload_json`) is walked, and every key named
//   in ID_KEYS is rewritten (events' payloads, audit details' changes, rating-case steps…); a few
//   columns have a shape of their own (JSON_SHAPES).
// A column or JSON key that looks like an id (…_id, …_by, …Id, …Ids) and is none of these makes
// the import refuse rather than copy a stale id into someone else's hall; the test in
// test/server/hallImportRenumber.test.ts fails when the schema has such a column.
import type { TableInfo } from './schemaTables';

/** Columns holding another row's id without a declared foreign key: `table.column` → table. */
export const IMPLICIT_ID_COLUMNS: Record<string, string> = {
  'access_log.staff_id': 'staff',
  'audit_log.staff_id': 'staff',
  'events.ticket_id': 'tickets',
  'events.window_id': 'windows',
  'events.staff_id': 'staff',
  'events.device_id': 'devices',
  'ratings.service_id': 'services',
  'ratings.window_id': 'windows',
  'ratings.staff_id': 'staff',
  'ratings.device_id': 'devices',
  'ticket_sequences.service_id': 'services',
  'tickets.source_device_id': 'devices',
  'tickets.staff_id': 'staff',
  'tickets.window_id': 'windows',
  'tickets.target_window_id': 'windows',
  'windows.current_ticket_id': 'tickets',
};

/** Columns whose name looks like an id but that hold none (kept as they are). */
export const NOT_ID_COLUMNS: Record<string, string> = {
  'tickets.request_id': "the kiosk's own request id (a UUID), unique per hall",
};

/** A column whose row says which table its id points at. */
export const KIND_ID_COLUMNS: Record<string, { kindColumn: string; tables: Record<string, string> }> = {
  'access_log.record_id': {
    kindColumn: 'record_kind',
    tables: { home_visit: 'home_visits', appointment: 'appointments' },
  },
};

/** JSON keys (anywhere in a JSON column, and audit changes' `field`) that hold ids → table. */
export const ID_KEYS: Record<string, string> = {
  ticketId: 'tickets',
  toTicketId: 'tickets',
  transferredFromId: 'tickets',
  windowId: 'windows',
  toWindowId: 'windows',
  serviceId: 'services',
  toServiceId: 'services',
  serviceIds: 'services',
  staffId: 'staff',
  officerId: 'staff',
  createdBy: 'staff',
  deviceId: 'devices',
  homeVisitId: 'home_visits',
  appointmentId: 'appointments',
  apiKeyId: 'api_keys',
  ratingId: 'ratings',
  caseId: 'rating_cases',
};

/** JSON keys that look like ids and are not. */
export const NOT_ID_KEYS = new Set(['requestId', 'keyId', 'idChecked']);

/** A JSON column of its own shape (not walked by key names). */
export type JsonShape =
  | { kind: 'idArray'; table: string }
  | { kind: 'field'; field: string; table: string }
  | { kind: 'auditDetail' }
  | { kind: 'kindIds'; field: string; of: string };

export const JSON_SHAPES: Record<string, JsonShape> = {
  'windows.service_ids_json': { kind: 'idArray', table: 'services' },
  'tickets.requeue_hold_json': { kind: 'field', field: 'before', table: 'tickets' },
  'audit_log.detail_json': { kind: 'auditDetail' },
  'access_log.detail_json': { kind: 'kindIds', field: 'recordIds', of: 'access_log.record_id' },
};

/**
 * What an audit entry's `target.id` is, by its action's first word (`service.update` → services).
 * Actions not listed name no row (their target id is null, e.g. `rules.update`, `privacy.*`).
 */
export const AUDIT_TARGETS: Record<string, string> = {
  hall: 'halls',
  service: 'services',
  window: 'windows',
  notice: 'notices',
  staff: 'staff',
  signin: 'staff',
  account: 'staff',
  device: 'devices',
  apiKey: 'api_keys',
  homeVisit: 'home_visits',
  ratingCase: 'rating_cases',
  'appointment.schedule': 'appointment_schedules',
  'appointment.scheduleCreate': 'appointment_schedules',
  'appointment.scheduleDelete': 'appointment_schedules',
  'appointment.dayOff': 'appointment_days_off',
  'appointment.dayOn': 'appointment_days_off',
  appointment: 'appointments',
};

export const auditTargetTable = (action: string): string | undefined =>
  AUDIT_TARGETS[action] ?? AUDIT_TARGETS[action.split('.')[0]!];

const looksLikeIdColumn = (column: string) => /(^|_)id$|_by$/.test(column);
export const isJsonColumn = (column: string) => column.endsWith('_json');
export const looksLikeIdKey = (key: string) => /^id$|[a-z]Ids?$|_ids?$/.test(key) && !NOT_ID_KEYS.has(key);

/** How each column of a table is rewritten when the hall gets new ids. */
export type ColumnRule =
  | { kind: 'ownId' }
  | { kind: 'hall' }
  | { kind: 'id'; table: string }
  | { kind: 'kindId'; kindColumn: string; tables: Record<string, string> }
  | { kind: 'json'; shape: JsonShape | null };

export interface TableRules {
  table: string;
  rules: Map<string, ColumnRule>;
}

/**
 * Every column of `table` that changes with new ids. Throws, naming them, on columns that look
 * like ids but are classified nowhere: copying them unchanged would point into another hall.
 */
export function columnRules(table: TableInfo): TableRules {
  const rules = new Map<string, ColumnRule>();
  const unclassified: string[] = [];
  const foreign = new Map(table.foreignKeys.map((f) => [f.column, f.table]));
  for (const column of table.columns) {
    const name = `${table.name}.${column}`;
    if (column === 'id') rules.set(column, table.name === 'halls' ? { kind: 'hall' } : { kind: 'ownId' });
    else if (column === 'hall_id') rules.set(column, { kind: 'hall' });
    else if (foreign.has(column)) {
      const target = foreign.get(column)!;
      rules.set(column, target === 'halls' ? { kind: 'hall' } : { kind: 'id', table: target });
    } else if (name in IMPLICIT_ID_COLUMNS)
      rules.set(column, { kind: 'id', table: IMPLICIT_ID_COLUMNS[name]! });
    else if (name in KIND_ID_COLUMNS) rules.set(column, { kind: 'kindId', ...KIND_ID_COLUMNS[name]! });
    else if (isJsonColumn(column)) rules.set(column, { kind: 'json', shape: JSON_SHAPES[name] ?? null });
    else if (looksLikeIdColumn(column) && !(name in NOT_ID_COLUMNS)) unclassified.push(name);
  }
  if (unclassified.length > 0) {
    throw new Error(
      `导入无法重新编号：列 ${unclassified.join(', ')} 像是编号但未分类 / cannot renumber: column(s) ` +
        `${unclassified.join(', ')} look like ids but are not classified ` +
        '(declare a foreign key, or name them in server/src/core/db/transfer/idReferences.ts)',
    );
  }
  return { table: table.name, rules };
}
