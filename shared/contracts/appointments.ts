// Appointments (预约): time slots per service with a capacity, bookings made by the console, an
// external system (API key) or a CSV list, and check-in at the kiosk by booking code or ID card.
// Types and the zod schemas of their commands. A booking's name, phone and ID number are sealed on
// the server; every answer carries the masked forms only.
import { z } from 'zod';
import type { Id, IssuedTicket } from './entities';
import type { AppError } from './errors';
import { APPOINTMENT_MARKER, BOOKING_CODE } from '../appointments/bookingCode';

const id = z.number().int().positive().max(2_147_483_647);
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

export const APPOINTMENT_STATUSES = ['booked', 'checked_in', 'missed', 'cancelled'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/** Where a booking came from: the console (by phone), an external system, or a CSV list. */
export const APPOINTMENT_SOURCES = ['console', 'api', 'csv'] as const;
export type AppointmentSource = (typeof APPOINTMENT_SOURCES)[number];

export { APPOINTMENT_MARKER, BOOKING_CODE };

/**
 * When a service takes appointments: on these weekdays (1 = Monday … 7 = Sunday), slots of
 * `slotMinutes` from `starts` to `ends`, `capacity` visitors each. Slots outside the hall's opening
 * hours, on the hall's days off and on the days off listed for appointments are not offered.
 */
export interface AppointmentSchedule {
  id: Id;
  hallId: Id;
  serviceId: Id;
  weekdays: number[];
  starts: string;
  ends: string;
  slotMinutes: number;
  capacity: number;
  enabled: boolean;
}

/** A day without appointments: for one service, or for all (serviceId null), e.g. a holiday. */
export interface AppointmentDayOff {
  id: Id;
  hallId: Id;
  day: string;
  serviceId: Id | null;
  note: string;
}

/** When the kiosk accepts a check-in, counted from the start of the booked slot. */
export interface AppointmentSettings {
  /** From this many minutes before the slot begins (earlier visitors are told when to come back). */
  checkInEarlyMinutes: number;
  /** Until this many minutes after it begins; later the booking is missed (a normal ticket is offered). */
  checkInLateMinutes: number;
}

export const DEFAULT_APPOINTMENT_SETTINGS: AppointmentSettings = {
  checkInEarlyMinutes: 30,
  checkInLateMinutes: 15,
};

export interface AppointmentConfig {
  settings: AppointmentSettings;
  schedules: AppointmentSchedule[];
  daysOff: AppointmentDayOff[];
}

/** One slot of a service on a day, and how full it is. */
export interface AppointmentSlot {
  serviceId: Id;
  day: string;
  /** 'HH:MM' on the hall's clock. */
  starts: string;
  ends: string;
  /** Epoch ms. */
  start: number;
  end: number;
  capacity: number;
  /** Bookings that hold a place (booked, checked in or missed; not cancelled). */
  booked: number;
}

/** A booking as lists and answers show it: masked (个人信息保护). */
export interface Appointment {
  id: Id;
  hallId: Id;
  serviceId: Id;
  code: string;
  status: AppointmentStatus;
  source: AppointmentSource;
  slotDay: string;
  slotStart: number;
  slotEnd: number;
  /** The family name only (张*); '' once the personal fields were cleared. */
  maskedName: string;
  /** 138****1234 */
  maskedPhone: string;
  /** 4405**********1234 */
  maskedIdNumber: string;
  /** The booking system's own reference (external API or CSV), if it gave one. */
  externalRef: string | null;
  createdAt: number;
  checkedInAt: number | null;
  ticketNumber: string | null;
  cancelledAt: number | null;
  missedAt: number | null;
  personalClearedAt: number | null;
}

/** The full personal fields of a booking, shown only after a logged reveal. */
export interface AppointmentPersonal {
  personName: string;
  phone: string;
  maskedIdNumber: string;
}

// ---- commands ----

export const scheduleUpsertSchema = z
  .object({
    id: id.optional(),
    serviceId: id,
    weekdays: z
      .array(z.number().int().min(1).max(7))
      .min(1)
      .max(7)
      .transform((days) => [...new Set(days)].sort((a, b) => a - b)),
    starts: clock,
    ends: clock,
    slotMinutes: z.number().int().min(5).max(240),
    capacity: z.number().int().min(1).max(500),
    enabled: z.boolean().default(true),
  })
  .strict()
  .refine((s) => s.starts < s.ends, { message: 'starts must be before ends', path: ['ends'] });

export const dayOffSetSchema = z
  .object({
    day: isoDay,
    serviceId: id.nullable().default(null),
    /** true: no appointments that day; false: remove the day off. */
    off: z.boolean(),
    note: z.string().trim().max(60).default(''),
  })
  .strict();

export const appointmentSettingsSchema = z
  .object({
    checkInEarlyMinutes: z.number().int().min(0).max(240).optional(),
    checkInLateMinutes: z.number().int().min(0).max(120).optional(),
  })
  .strict();

export const slotQuerySchema = z.object({ serviceId: id, day: isoDay }).strict();

const personName = z.string().trim().min(1).max(40);
const phone = z
  .string()
  .trim()
  .regex(/^[\d+ -]{5,20}$/);
/** A full resident ID number; checked (GB 11643) by the server, which keeps it sealed. */
const idNumber = z.string().trim().toUpperCase().max(18);
const externalRef = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.:-]{1,64}$/);

export const bookSchema = z
  .object({
    personName,
    phone,
    idNumber,
    serviceId: id,
    day: isoDay,
    /** The slot's start, 'HH:MM' on the hall's clock. */
    starts: clock,
    externalRef: externalRef.nullable().default(null),
  })
  .strict();

export const appointmentRefSchema = z.object({ id }).strict();

export const appointmentListSchema = z
  .object({
    day: isoDay,
    serviceId: id.nullable().default(null),
    status: z.enum(APPOINTMENT_STATUSES).nullable().default(null),
  })
  .strict();

/** A day's list as CSV text (≤ 48 KiB: a socket message is at most 64 KiB). */
export const appointmentImportSchema = z
  .object({
    day: isoDay,
    csv: z
      .string()
      .min(1)
      .max(48 * 1024),
    /** Check every line and report, but save nothing. */
    dryRun: z.boolean().default(false),
  })
  .strict();

export const checkInSchema = z
  .object({
    /** Chosen by the kiosk per visitor action; a retry with the same id returns the same ticket. */
    requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
    code: z.string().regex(BOOKING_CODE).nullable().default(null),
    /** The number read from the card or typed; matched by its keyed hash, never stored again. */
    idNumber: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^\d{17}[\dX]$/)
      .nullable()
      .default(null),
  })
  .strict()
  .refine((v) => (v.code === null) !== (v.idNumber === null), { message: 'give code or idNumber' });

/** One line of a CSV import that cannot be booked. */
export interface ImportLineError {
  line: number;
  error: AppError;
}

export interface AppointmentImportResult {
  /** Lines read (without the header). */
  lines: number;
  /** Bookings made; 0 when any line is wrong (all or nothing) or on a dry run. */
  imported: number;
  errors: ImportLineError[];
  /** The bookings made, with their codes (none on a dry run or when any line is wrong). */
  appointments: Appointment[];
}

/** What the kiosk is told after a check-in attempt that found the booking. */
export type CheckInResult =
  | {
      outcome: 'issued';
      issued: IssuedTicket;
      appointment: Appointment;
      /** True when the visitor is 60+: the ticket is a green-channel (priority) ticket. */
      elderly: boolean;
    }
  | {
      /** Too early: come back from `opensAt` (the slot's day may be another day). */
      outcome: 'early';
      appointment: Appointment;
      opensAt: number;
      /** 60+: no appointment needed, the green channel is open to them now. */
      elderly: boolean;
    }
  | {
      /** Too late: the booking is missed; the kiosk offers a normal ticket for its service. */
      outcome: 'late';
      appointment: Appointment;
      /** When check-in closed. */
      closesAt: number;
    };

export type ScheduleUpsertInput = z.input<typeof scheduleUpsertSchema>;
export type DayOffSetInput = z.input<typeof dayOffSetSchema>;
export type AppointmentSettingsInput = z.input<typeof appointmentSettingsSchema>;
export type SlotQueryInput = z.input<typeof slotQuerySchema>;
export type BookInput = z.input<typeof bookSchema>;
export type BookCommand = z.output<typeof bookSchema>;
export type AppointmentListInput = z.input<typeof appointmentListSchema>;
export type AppointmentImportInput = z.input<typeof appointmentImportSchema>;
export type CheckInInput = z.input<typeof checkInSchema>;
export type CheckInCommand = z.output<typeof checkInSchema>;
