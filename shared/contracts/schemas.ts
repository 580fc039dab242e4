// zod schemas for every inbound payload; the payload types are inferred from them so the server
// validates exactly what the clients are typed to send. Strings are bounded everywhere.
import { z } from 'zod';
import { DEVICE_KINDS, SERVICE_CATEGORIES } from './entities';
import { parsePrinterInterface } from '../printerTarget';
import { API_KEY_SCOPES } from './admin';
import { VOICE_LANGUAGES } from '../voice/languages';
import { APPOINTMENT_MARKER } from '../appointments/bookingCode';
import {
  isBadLevel,
  RATING_CASE_STATUSES,
  RATING_CASE_STEPS,
  RATING_LEVELS,
  RATING_REASONS,
  type RatingLevel,
} from './ratings';

const id = z.number().int().positive().max(2_147_483_647);
const shortText = (max: number) => z.string().trim().min(1).max(max);
const optionalNote = z.string().trim().max(500).nullable().default(null);

export const emptySchema = z.object({}).strict();

export const loginSchema = z
  .object({
    username: shortText(64),
    password: z.string().min(1).max(256),
  })
  .strict();

// ---- kiosk ----
export const issueTicketSchema = z
  .object({
    /** Chosen by the kiosk per visitor action; a retry with the same id returns the same ticket. */
    requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
    serviceId: id,
    priorityClass: z
      .string()
      .regex(/^[a-z_]{1,32}$/)
      .default('normal'),
    proxy: z.boolean().default(false),
    proxyRelation: z.string().trim().max(32).nullable().default(null),
    /** Masked resident ID (e.g. 4405**********1234) when one was read; never the whole number. */
    maskedIdNumber: z
      .string()
      .regex(/^\d{4}\*{10}\d{3}[\dX]$/)
      .nullable()
      .default(null),
  })
  .strict();

export const printTicketSchema = z.object({ ticketId: id }).strict();

/** The front desk prints a ticket it issued on one of the server's printers (DeskPrinter.id). */
export const deskPrintSchema = z
  .object({ ticketId: id, printerId: z.string().regex(/^(default|device:\d{1,10})$/) })
  .strict();

export const printerStatusSchema = z
  .object({
    ok: z.boolean(),
    code: z.enum(['offline', 'paper_out', 'timeout', 'error']).nullable().default(null),
    message: z.string().max(300).default(''),
    ticketNumber: z.string().max(16).nullable().default(null),
  })
  .strict();

// ---- staff ----
export const claimWindowSchema = z
  .object({
    windowId: id,
    /**
     * The account already holds another window: release it and take this one. Sent only after the
     * person confirmed it on screen; without it such a claim is refused (WINDOW_HELD_ELSEWHERE).
     */
    releaseHeld: z.boolean().default(false),
  })
  .strict();
export const pauseWindowSchema = z.object({ reason: z.string().trim().max(100).default('') }).strict();
export const ticketRefSchema = z.object({ ticketId: id }).strict();
export const callSpecificSchema = z
  .object({
    number: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z](-[A-Z])?\d{1,4}$/),
  })
  .strict();

export const finishMarksSchema = z
  .object({
    proxy: z.boolean().default(false),
    proxyRelation: z.string().trim().max(32).nullable().default(null),
    assistedPayment: z.boolean().default(false),
    formHelp: z.boolean().default(false),
    note: optionalNote,
  })
  .strict();

export const finishTicketSchema = z
  .object({
    ticketId: id,
    marks: finishMarksSchema.default({
      proxy: false,
      proxyRelation: null,
      assistedPayment: false,
      formHelp: false,
      note: null,
    }),
  })
  .strict();

export const transferTicketSchema = z
  .object({
    ticketId: id,
    toServiceId: id,
    /** Optional: send to a particular window (it is then called only there first). */
    toWindowId: id.nullable().default(null),
  })
  .strict();

// ---- admin ----
const serviceCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]$/);
export const serviceUpsertSchema = z
  .object({
    id: id.optional(),
    code: serviceCode,
    nameZh: shortText(40),
    nameEn: shortText(60),
    category: z.enum(SERVICE_CATEGORIES),
    typicalMinutes: z.number().int().min(1).max(240),
    enabled: z.boolean().default(true),
    sortOrder: z.number().int().min(0).max(999).default(0),
  })
  .strict();

export const windowUpsertSchema = z
  .object({
    id: id.optional(),
    number: z.number().int().min(1).max(999),
    name: z.string().trim().max(40).default(''),
    serviceIds: z.array(id).max(26),
    elderlyDedicated: z.boolean(),
  })
  .strict();

/** 警号/工号: digits and letters, as printed on the officer's badge. */
const badgeNumber = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{1,16}$/);

export const staffCreateSchema = z
  .object({
    username: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_.-]{2,32}$/),
    name: shortText(40),
    password: z.string().min(8).max(128),
    role: z.enum(['staff', 'admin', 'desk']),
    badgeNumber: badgeNumber.nullable().default(null),
  })
  .strict();

export const staffUpdateSchema = z
  .object({
    id,
    name: shortText(40).optional(),
    role: z.enum(['staff', 'admin', 'desk']).optional(),
    disabled: z.boolean().optional(),
    password: z.string().min(8).max(128).optional(),
    badgeNumber: badgeNumber.nullable().optional(),
  })
  .strict();

export const printerSettingsSchema = z
  .object({
    // Exactly what the printing code will accept: no file paths, no '/dev/../', no service ports.
    interface: z
      .string()
      .trim()
      .max(200)
      .superRefine((text, ctx) => {
        const parsed = parsePrinterInterface(text);
        if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
      }),
    widthColumns: z.number().int().min(32).max(64).default(48),
  })
  .strict();

export const deviceCreateSchema = z
  .object({
    kind: z.enum(DEVICE_KINDS),
    name: shortText(40),
    printer: printerSettingsSchema.nullable().default(null),
    /** An evaluator's window (required for an evaluator, refused for other kinds). */
    windowId: id.nullable().default(null),
  })
  .strict();

export const deviceUpdateSchema = z
  .object({
    id,
    name: shortText(40).optional(),
    printer: printerSettingsSchema.nullable().optional(),
    windowId: id.nullable().optional(),
  })
  .strict();

export const deviceRefSchema = z.object({ id }).strict();

/** Lift sign-in locks: of one of the hall's accounts (every address), or of one address. */
export const signInUnlockSchema = z
  .object({
    staffId: id.nullable().default(null),
    address: z.string().trim().min(1).max(64).nullable().default(null),
  })
  .strict()
  .refine((v) => (v.staffId === null) !== (v.address === null), {
    message: 'give staffId or address',
  });

export const apiKeyCreateSchema = z
  .object({
    name: shortText(40),
    scopes: z.array(z.enum(API_KEY_SCOPES)).min(1).max(API_KEY_SCOPES.length),
  })
  .strict()
  .transform((v) => ({ ...v, scopes: [...new Set(v.scopes)] }));

export const apiKeyRefSchema = z.object({ id }).strict();

export const priorityClassSchema = z
  .object({
    id: z.string().regex(/^[a-z_]{1,32}$/),
    nameZh: shortText(20),
    nameEn: shortText(40),
    marker: z
      .string()
      .regex(/^[A-Z]$/)
      .refine((m) => m !== APPOINTMENT_MARKER, `${APPOINTMENT_MARKER} marks appointment tickets`),
  })
  .strict();

export const rulesSchema = z
  .object({
    elderlyAge: z.number().int().min(50).max(100),
    priorityClasses: z.array(priorityClassSchema).max(8),
    mixRatio: z.number().int().min(1).max(20),
    maxWaitMinutes: z.number().int().min(5).max(600),
    requeueOffset: z.number().int().min(0).max(50),
    elderlyWindowTakesOthers: z.boolean(),
    callRepeat: z.number().int().min(1).max(5),
    callMaxDelaySeconds: z.number().int().min(5).max(300),
    alertWaitMinutes: z.number().int().min(1).max(600),
    kioskIdleSeconds: z.number().int().min(60).max(600),
    staffIdleMinutes: z.number().int().min(1).max(480),
    // Never under a minute: an elderly visitor needs time to read five choices (DESIGN §6).
    evaluationTimeoutSeconds: z.number().int().min(60).max(600),
    phoneRatingDays: z.number().int().min(0).max(30),
    ratingCaseWorkingDays: z.number().int().min(1).max(30),
  })
  .strict();

export const rulesUpdateSchema = rulesSchema.partial().strict();

/** The hall's spoken languages in order: at least one, each once. */
export const voiceLanguagesSchema = z
  .array(z.enum(VOICE_LANGUAGES))
  .min(1)
  .max(VOICE_LANGUAGES.length)
  .refine((list) => new Set(list).size === list.length, 'each language once');

/** 'HH:MM' on the hall's clock. */
export const clockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM');
/** A closing time may be midnight at the end of the day. */
export const closingTimeSchema = z.union([clockTimeSchema, z.literal('24:00')]);
const calendarDay = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected YYYY-MM-DD');

export const openingHoursSchema = z
  .object({ opens: clockTimeSchema, closes: closingTimeSchema })
  .strict()
  .refine((h) => h.opens < h.closes, { message: 'opening must be before closing', path: ['closes'] });

/** Days, holidays and the cut-off (README › Opening hours and holidays). */
export const hallScheduleSchema = z
  .object({
    openWeekdays: z
      .array(z.number().int().min(1).max(7))
      .max(7)
      .transform((days) => [...new Set(days)].sort((a, b) => a - b)),
    holidays: z
      .array(
        z
          .object({ from: calendarDay, to: calendarDay, name: z.string().trim().max(20).default('') })
          .strict()
          .refine((h) => h.from <= h.to, { message: 'from must not be after to', path: ['to'] }),
      )
      .max(60),
    workdays: z
      .array(z.object({ date: calendarDay, name: z.string().trim().max(20).default('') }).strict())
      .max(30),
    issueStopMinutes: z.number().int().min(0).max(180),
  })
  .strict();

export const hallUpdateSchema = z
  .object({
    name: shortText(60).optional(),
    nameEn: shortText(100).optional(),
    ticketFooter: z.string().trim().max(120).optional(),
    voiceLanguages: voiceLanguagesSchema.optional(),
    hours: openingHoursSchema.optional(),
    schedule: hallScheduleSchema.optional(),
  })
  .strict();

/** An admin lets today take tickets until `until` (null: back to the usual cut-off). */
export const extendTodaySchema = z.object({ until: clockTimeSchema.nullable() }).strict();

export const noticeUpsertSchema = z
  .object({ id: id.optional(), text: shortText(200), active: z.boolean().default(true) })
  .strict();

export const noticeRefSchema = z.object({ id }).strict();

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const reportQuerySchema = z
  .object({
    from: isoDay,
    to: isoDay,
    /** null: every hall the account may see (its own hall; all halls for a city account). */
    hallId: id.nullable().default(null),
  })
  .strict();

export const homeVisitCreateSchema = z
  .object({
    personName: shortText(40),
    maskedIdNumber: z
      .string()
      .regex(/^\d{4}\*{10}\d{3}[\dX]$/)
      .nullable()
      .default(null),
    /**
     * The full resident ID, when the person shows their card: the server checks it, keeps its masked
     * form (sealed) and a keyed hash to find the person's records later, never the number itself.
     */
    idNumber: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^\d{17}[\dX]$/)
      .nullable()
      .default(null),
    phone: z
      .string()
      .trim()
      .regex(/^[\d+ -]{5,20}$/),
    address: shortText(200),
    serviceId: id,
    reason: z.enum(['bedridden', 'disabled', 'elderly', 'other']),
    requestedDate: isoDay,
    notes: optionalNote,
  })
  .strict();

export const homeVisitScheduleSchema = z
  .object({ id, scheduledDate: isoDay, officerId: id, notes: optionalNote })
  .strict();

export const homeVisitCompleteSchema = z
  .object({
    id,
    documentDelivered: z.boolean().default(false),
    assistedPayment: z.boolean().default(false),
    notes: optionalNote,
  })
  .strict();

export const homeVisitCancelSchema = z.object({ id, reason: shortText(200) }).strict();

export const homeVisitListSchema = z
  .object({
    status: z.enum(['requested', 'scheduled', 'done', 'cancelled']).nullable().default(null),
    from: isoDay.nullable().default(null),
    to: isoDay.nullable().default(null),
  })
  .strict();

// ---- ratings (好差评) ----
const ratingReasons = z
  .array(z.enum(RATING_REASONS))
  .max(RATING_REASONS.length)
  .transform((list) => [...new Set(list)]);

/** A rating: 不满意 and below must say why (one or more reasons); better levels carry none. */
const ratingBody = {
  level: z.enum(RATING_LEVELS),
  reasons: ratingReasons.default([]),
};
const reasonsFitLevel = (v: { level: RatingLevel; reasons: string[] }) =>
  isBadLevel(v.level) ? v.reasons.length > 0 : v.reasons.length === 0;
const reasonsMessage = { message: 'reasons: required for 不满意 and below, none otherwise' };

export const evaluatorRateSchema = z
  .object({ ticketId: id, ...ratingBody })
  .strict()
  .refine(reasonsFitLevel, reasonsMessage);

export const phoneRateSchema = z.object(ratingBody).strict().refine(reasonsFitLevel, reasonsMessage);

export const ratingCaseListSchema = z
  .object({ status: z.enum(RATING_CASE_STATUSES).nullable().default(null) })
  .strict();

export const ratingCaseStepSchema = z
  .object({ id, step: z.enum(RATING_CASE_STEPS), text: shortText(500) })
  .strict();

export const ratingExportQuerySchema = z.object({ from: isoDay, to: isoDay }).strict();

export type LoginInput = z.infer<typeof loginSchema>;
export type ClaimWindowInput = z.input<typeof claimWindowSchema>;
export type IssueTicketInput = z.input<typeof issueTicketSchema>;
export type IssueTicketCommand = z.output<typeof issueTicketSchema>;
export type PrinterStatusInput = z.input<typeof printerStatusSchema>;
export type DeskPrintInput = z.input<typeof deskPrintSchema>;
export type FinishMarksInput = z.input<typeof finishMarksSchema>;
export type FinishTicketInput = z.input<typeof finishTicketSchema>;
export type TransferTicketInput = z.input<typeof transferTicketSchema>;
export type ServiceUpsertInput = z.input<typeof serviceUpsertSchema>;
export type WindowUpsertInput = z.input<typeof windowUpsertSchema>;
export type StaffCreateInput = z.input<typeof staffCreateSchema>;
export type StaffUpdateInput = z.input<typeof staffUpdateSchema>;
export type DeviceCreateInput = z.input<typeof deviceCreateSchema>;
export type ApiKeyCreateInput = z.input<typeof apiKeyCreateSchema>;
export type DeviceUpdateInput = z.input<typeof deviceUpdateSchema>;
export type SignInUnlockInput = z.input<typeof signInUnlockSchema>;
export type RulesUpdateInput = z.input<typeof rulesUpdateSchema>;
export type HallUpdateInput = z.input<typeof hallUpdateSchema>;
export type HallScheduleInput = z.input<typeof hallScheduleSchema>;
export type ExtendTodayInput = z.input<typeof extendTodaySchema>;
export type NoticeUpsertInput = z.input<typeof noticeUpsertSchema>;
export type ReportQueryInput = z.input<typeof reportQuerySchema>;
export type HomeVisitCreateInput = z.input<typeof homeVisitCreateSchema>;
export type HomeVisitScheduleInput = z.input<typeof homeVisitScheduleSchema>;
export type HomeVisitCompleteInput = z.input<typeof homeVisitCompleteSchema>;
export type HomeVisitCancelInput = z.input<typeof homeVisitCancelSchema>;
export type HomeVisitListInput = z.input<typeof homeVisitListSchema>;
export type EvaluatorRateInput = z.input<typeof evaluatorRateSchema>;
export type PhoneRateInput = z.input<typeof phoneRateSchema>;
export type RatingCaseListInput = z.input<typeof ratingCaseListSchema>;
export type RatingCaseStepInput = z.input<typeof ratingCaseStepSchema>;
