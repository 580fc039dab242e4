// An audit entry in words, in the console's language: what was done, to what ("3 号窗口",
// "业务 A 出入境证件"), and each field that changed, "由 2 改为 1". Pure: the words come from the
// locale files through `t`, names of services and people through lookups.
import type { AuditEntry, AuditFieldChange } from '@hall/shared/contracts/admin';
import type { PriorityClass } from '@hall/shared/contracts/entities';
import { printerWords, type PrinterLike } from './printerWords';

export interface AuditWordsContext {
  t: (key: string, params?: Record<string, unknown>) => string;
  te: (key: string) => boolean;
  locale: 'zh-CN' | 'en';
  /** "A 出入境证件" for a service id, or null when the hall has no such service (any more). */
  serviceName: (id: number) => string | null;
  /** A staff member's name for an id, or null when unknown. */
  staffName: (id: number) => string | null;
}

export interface ChangeWords {
  field: string;
  /** The whole line, e.g. "叫号比例：由 2 改为 1". */
  text: string;
}

export interface EntryWords {
  action: string;
  target: string | null;
  changes: ChangeWords[];
}

/** Which locale section names a kind's fields (the kind is the action's first part). */
const FIELD_SECTIONS: Record<string, string> = {
  hall: 'hall',
  rules: 'rules',
  service: 'services',
  window: 'windows',
  notice: 'notices',
  staff: 'staff',
  device: 'devices',
  homeVisit: 'homeVisits',
  account: 'staff',
  privacy: 'privacy.categories',
  appointment: 'appointments',
  apiKey: 'apiKeys',
};

const kindOf = (action: string): string => action.split('.')[0] ?? action;

function actionWords(action: string, c: AuditWordsContext): string {
  const key = `admin.audit.actions.${action.replaceAll('.', '_')}`;
  return c.te(key) ? c.t(key) : action;
}

function fieldLabel(kind: string, field: string, c: AuditWordsContext): string {
  for (const key of [`admin.audit.fields.${field}`, `admin.${FIELD_SECTIONS[kind] ?? kind}.${field}`]) {
    if (c.te(key)) return c.t(key);
  }
  return field;
}

function targetWords(entry: AuditEntry, c: AuditWordsContext): string | null {
  const { id, label } = entry.detail.target;
  const kind = kindOf(entry.action);
  if (kind === 'window' && label) return c.t('admin.windows.numberLabel', { number: label });
  if (kind === 'service' && label) return c.t('admin.audit.targets.service', { name: label });
  if (kind === 'staff' || kind === 'account' || kind === 'signin') {
    const name = id !== null ? c.staffName(id) : null;
    if (name && label && name !== label) return `${name}（${label}）`;
    return name ?? label;
  }
  if (kind === 'notice' && label) return quote(label, c);
  if (kind === 'homeVisit' && id !== null) return c.t('admin.audit.targets.homeVisit', { id });
  return label;
}

function quote(text: string, c: AuditWordsContext): string {
  return c.locale === 'en' ? `"${text}"` : `“${text}”`;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Translates a stored code (category, role, kind, reason) when the locale knows it. */
function codeWords(section: string, value: string, c: AuditWordsContext): string | null {
  const key = `admin.${section}.${value}`;
  return c.te(key) ? c.t(key) : null;
}

function valueWords(kind: string, field: string, value: unknown, c: AuditWordsContext): string {
  if (value === null || value === undefined)
    return field === 'printer' ? c.t('admin.devices.noPrinter') : '—';
  if (typeof value === 'boolean') return c.t(value ? 'admin.common.yes' : 'admin.common.no');
  if (typeof value === 'number') {
    if (field === 'officerId') return c.staffName(value) ?? `#${value}`;
    return String(value);
  }
  if (typeof value === 'string') {
    const coded =
      (field === 'category' && codeWords('categories', value, c)) ||
      (field === 'role' && codeWords('staff.roles', value, c)) ||
      (field === 'kind' && codeWords('devices.kinds', value, c)) ||
      (field === 'reason' && kind === 'homeVisit' && codeWords('homeVisits.reasons', value, c)) ||
      (field === 'matchedBy' && codeWords('audit.matchedBy', value, c));
    if (coded) return coded;
    if (value === '') return c.t('admin.audit.empty');
    // Dates and times read as they are; free text (names, notices) is quoted to show where it ends.
    return /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$|^\d{2}:\d{2}$/.test(value) ? value : quote(value, c);
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return c.t('admin.audit.none');
    const separator = c.locale === 'en' ? ', ' : '、';
    if (field === 'serviceIds') {
      return value
        .map((id) => (typeof id === 'number' ? (c.serviceName(id) ?? `#${id}`) : String(id)))
        .join(separator);
    }
    if (field === 'voiceLanguages') {
      return value.map((v) => codeWords('hall.languages', String(v), c) ?? String(v)).join(separator);
    }
    if (field === 'openWeekdays') {
      return value.map((v) => codeWords('schedule.weekdays', String(v), c) ?? String(v)).join(separator);
    }
    if (field === 'holidays' || field === 'workdays') {
      // "国庆节 2026-10-01–2026-10-07", "国庆调休 2026-10-11"
      return value
        .filter(isRecord)
        .map((d) => {
          const when = field === 'holidays' ? `${String(d.from)}–${String(d.to)}` : String(d.date);
          return typeof d.name === 'string' && d.name ? `${d.name} ${when}` : when;
        })
        .join(separator);
    }
    if (field === 'priorityClasses') {
      return (value as PriorityClass[])
        .map((p) => `${c.locale === 'en' ? p.nameEn : p.nameZh} ${p.marker}`)
        .join(separator);
    }
    return value.map((v) => valueWords(kind, field, v, c)).join(separator);
  }
  if (isRecord(value)) {
    if (field === 'hours' && typeof value.opens === 'string' && typeof value.closes === 'string') {
      return `${value.opens}–${value.closes}`;
    }
    if (field === 'printer') return printerWords(value as unknown as PrinterLike, c.t);
    return Object.entries(value)
      .map(([k, v]) => `${k} ${valueWords(kind, k, v, c)}`)
      .join(c.locale === 'en' ? ', ' : '，');
  }
  return String(value);
}

function changeWords(kind: string, change: AuditFieldChange, c: AuditWordsContext): ChangeWords {
  const field = fieldLabel(kind, change.field, c);
  if (change.field === 'passwordReset')
    return { field: change.field, text: c.t('admin.audit.passwordReset') };
  const hasFrom = 'from' in change;
  const hasTo = 'to' in change;
  const from = valueWords(kind, change.field, change.from, c);
  const to = valueWords(kind, change.field, change.to, c);
  const key = hasFrom && hasTo ? 'changed' : hasTo ? 'set' : 'removed';
  return { field: change.field, text: c.t(`admin.audit.change.${key}`, { field, from, to }) };
}

export function describeAuditEntry(entry: AuditEntry, c: AuditWordsContext): EntryWords {
  const kind = kindOf(entry.action);
  return {
    action: actionWords(entry.action, c),
    target: targetWords(entry, c),
    changes: entry.detail.changes.map((change) => changeWords(kind, change, c)),
  };
}
