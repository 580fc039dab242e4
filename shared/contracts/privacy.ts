// Personal information (个人信息保护法): revealing a masked record with a reason, the access log,
// retention per category, and a person's rights (a copy of their data, erasure). Types and the zod
// schemas of their commands; the server keeps personal fields sealed and every look logged.
import { z } from 'zod';
import type { HomeVisit } from './admin';
import type { Appointment, AppointmentPersonal } from './appointments';
import type { Id } from './entities';

const id = z.number().int().positive().max(2_147_483_647);
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Kinds of record that hold personal fields and can be revealed, found and erased. */
export const PERSONAL_RECORD_KINDS = ['home_visit', 'appointment'] as const;
export type PersonalRecordKind = (typeof PERSONAL_RECORD_KINDS)[number];

/** Why someone looks at a person's full details: a short choice, recorded with every look. */
export const REVEAL_REASONS = [
  'arrange_visit',
  'contact_person',
  'verify_record',
  'subject_request',
  'complaint_review',
] as const;
export type RevealReason = (typeof REVEAL_REASONS)[number];

/** What the access log records. */
export const ACCESS_ACTIONS = ['reveal', 'export', 'subject_copy', 'subject_erase'] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

export interface AccessLogEntry {
  id: Id;
  at: number;
  staffId: Id | null;
  staffName: string | null;
  action: AccessAction;
  recordKind: PersonalRecordKind;
  /** The record looked at; null for an export, a copy or an erasure that covers several. */
  recordId: Id | null;
  recordCount: number;
  reason: RevealReason;
}

/** The full personal fields of a home visit, shown only after a logged reveal. */
export interface HomeVisitPersonal {
  personName: string;
  phone: string;
  address: string;
  maskedIdNumber: string | null;
  notes: string | null;
  cancelReason: string | null;
}

export type RevealedRecord =
  | { kind: 'home_visit'; id: Id; personal: HomeVisitPersonal }
  | { kind: 'appointment'; id: Id; personal: AppointmentPersonal };

/** Days each category's personal fields are kept (the rows and their counts stay for reports). */
export interface RetentionPolicy {
  /** After the business day: 0 clears a ticket's masked ID, proxy relation and note that night. */
  ticketDays: number;
  /** After the visit was completed or cancelled. */
  homeVisitDays: number;
  /** After the appointment's slot (when appointments are enabled). */
  appointmentDays: number;
}

export interface PurgeCounts {
  tickets: number;
  homeVisits: number;
  appointments: number;
  backups: number;
}

export interface PurgeRun extends PurgeCounts {
  /** The hall's business day the purge ran for. */
  day: string;
  at: number;
}

export interface RetentionState {
  policy: RetentionPolicy;
  lastPurge: PurgeRun | null;
  /** Backups older than this many days are deleted (the longest period of every hall). */
  backupDays: number;
}

/** One record of a person's copy: its plain fields as lists show them, and its personal fields. */
export type SubjectRecord =
  | { kind: 'home_visit'; id: Id; visit: HomeVisit; personal: HomeVisitPersonal }
  | { kind: 'appointment'; id: Id; appointment: Appointment; personal: AppointmentPersonal };

/** A person's records, as handed to them on request (their right to a copy). */
export interface SubjectCopy {
  matchedBy: 'phone' | 'id_number';
  generatedAt: number;
  records: SubjectRecord[];
  /** Who looked at these records, when and why. */
  accessLog: AccessLogEntry[];
}

export interface SubjectErasure {
  /** Records whose personal fields were erased (their counts stay). */
  erased: number;
  /** Open home visits and bookings cancelled: nobody can visit an erased address or check in without a name. */
  cancelled: number;
}

export const revealSchema = z
  .object({ kind: z.enum(PERSONAL_RECORD_KINDS), id, reason: z.enum(REVEAL_REASONS) })
  .strict();

export const RETENTION_LIMITS = {
  ticketDays: { min: 0, max: 30 },
  homeVisitDays: { min: 30, max: 3650 },
  appointmentDays: { min: 1, max: 3650 },
} as const;

const days = (limits: { min: number; max: number }) => z.number().int().min(limits.min).max(limits.max);

export const retentionUpdateSchema = z
  .object({
    ticketDays: days(RETENTION_LIMITS.ticketDays).optional(),
    homeVisitDays: days(RETENTION_LIMITS.homeVisitDays).optional(),
    appointmentDays: days(RETENTION_LIMITS.appointmentDays).optional(),
  })
  .strict();

export const accessLogQuerySchema = z
  .object({ from: isoDay.nullable().default(null), to: isoDay.nullable().default(null) })
  .strict();

const subjectFields = {
  /** A full resident ID number (checked, then matched through its keyed hash; never stored). */
  idNumber: z.string().trim().toUpperCase().max(18).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^[\d+ -]{5,20}$/)
    .optional(),
};
const exactlyOne = (v: { idNumber?: string; phone?: string }) =>
  (v.idNumber !== undefined) !== (v.phone !== undefined);
const oneKeyMessage = { message: 'give either idNumber or phone' };

export const subjectQuerySchema = z.object(subjectFields).strict().refine(exactlyOne, oneKeyMessage);
export const subjectEraseSchema = z
  .object({ ...subjectFields, confirm: z.literal(true) })
  .strict()
  .refine(exactlyOne, oneKeyMessage);

export type RevealInput = z.input<typeof revealSchema>;
export type RetentionUpdateInput = z.input<typeof retentionUpdateSchema>;
export type AccessLogQueryInput = z.input<typeof accessLogQuerySchema>;
export type SubjectQueryInput = z.input<typeof subjectQuerySchema>;
export type SubjectEraseInput = z.input<typeof subjectEraseSchema>;
