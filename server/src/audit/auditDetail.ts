// Audit details in one shape (AuditDetail): the thing changed and, field by field, from → to, so the
// console can say it in words. Pure. `normalizeAuditDetail` also reads the shapes older versions
// stored (a `changes` map, `before`/`after` objects, flat fields), so old entries read the same way.
import type { AuditDetail, AuditFieldChange } from '@hall/shared/contracts/admin';

type Fields<T> = readonly (keyof T & string)[];

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The listed fields whose value differs between `before` and `after`. */
export function fieldChanges<T extends object>(before: T, after: T, fields: Fields<T>): AuditFieldChange[] {
  return fields
    .filter((f) => !same(before[f], after[f]))
    .map((f) => ({ field: f, from: before[f], to: after[f] }));
}

/** Every listed field of something new (to only). */
export function created<T extends object>(after: T, fields: Fields<T>): AuditFieldChange[] {
  return fields.map((f) => ({ field: f, to: after[f] }));
}

/** Every listed field of something removed (from only). */
export function removed<T extends object>(before: T, fields: Fields<T>): AuditFieldChange[] {
  return fields.map((f) => ({ field: f, from: before[f] }));
}

export function auditDetail(
  target: { id?: number | null; label?: string | null },
  changes: AuditFieldChange[],
): AuditDetail {
  return { target: { id: target.id ?? null, label: target.label ?? null }, changes };
}

/** A step recorded as its new values (e.g. a home visit scheduled for a date). */
export function valuesDetail(
  target: { id?: number | null; label?: string | null },
  values: Record<string, unknown>,
): AuditDetail {
  return auditDetail(
    target,
    Object.entries(values).map(([field, to]) => ({ field, to })),
  );
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isFromTo = (v: unknown): v is { from?: unknown; to?: unknown } =>
  isRecord(v) && Object.keys(v).length > 0 && Object.keys(v).every((k) => k === 'from' || k === 'to');

/** Keys that name the thing rather than describe a change (in the shapes older versions stored). */
const TARGET_KEYS = new Set(['id', 'username']);

/** Reads any stored detail (current or older shape) as an AuditDetail. */
export function normalizeAuditDetail(raw: unknown): AuditDetail {
  if (!isRecord(raw)) return auditDetail({}, []);
  if (isRecord(raw.target) && Array.isArray(raw.changes)) {
    const target = raw.target;
    return auditDetail(
      {
        id: typeof target.id === 'number' ? target.id : null,
        label: typeof target.label === 'string' ? target.label : null,
      },
      (raw.changes as unknown[]).filter(isRecord).map((c) => ({
        field: String(c.field),
        ...('from' in c ? { from: c.from } : {}),
        ...('to' in c ? { to: c.to } : {}),
      })),
    );
  }
  const id = typeof raw.id === 'number' ? raw.id : null;
  const label =
    typeof raw.username === 'string'
      ? raw.username
      : (labelOf(raw.after) ?? labelOf(raw.before) ?? labelOf(raw));
  // Older shapes: { changes: { field: {from,to} | value } }, { before, after }, or flat fields.
  if (isRecord(raw.changes)) {
    const changes = Object.entries(raw.changes).map(([field, v]) =>
      isFromTo(v) ? { field, ...v } : { field, to: v },
    );
    return auditDetail({ id, label }, changes);
  }
  if (isRecord(raw.before) || isRecord(raw.after)) {
    const before = isRecord(raw.before) ? raw.before : {};
    const after = isRecord(raw.after) ? raw.after : {};
    const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
      (f) => !TARGET_KEYS.has(f),
    );
    const changes = fields
      .filter((f) => !(f in before && f in after && same(before[f], after[f])))
      .map((f) => ({
        field: f,
        ...(f in before ? { from: before[f] } : {}),
        ...(f in after ? { to: after[f] } : {}),
      }));
    return auditDetail({ id, label }, changes);
  }
  const changes = Object.entries(raw)
    .filter(([field]) => !TARGET_KEYS.has(field))
    .map(([field, v]) => (isFromTo(v) ? { field, ...v } : { field, to: v }));
  return auditDetail({ id, label }, changes);
}

/** How people name a thing, from its stored fields: "A 出入境证件", window "3", a name, a notice. */
export function labelOf(thing: unknown): string | null {
  if (!isRecord(thing)) return null;
  if (typeof thing.code === 'string' && typeof thing.nameZh === 'string')
    return `${thing.code} ${thing.nameZh}`;
  if (typeof thing.number === 'number') return String(thing.number);
  if (typeof thing.name === 'string') return thing.name;
  if (typeof thing.text === 'string')
    return thing.text.length > 24 ? `${thing.text.slice(0, 24)}…` : thing.text;
  return null;
}
