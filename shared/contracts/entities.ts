import type { VoiceLanguage } from '../voice/languages';
import type { RequeueHold } from '../queue/requeueHold';

// Entity types shared by server, kiosk, display and consoles. Times are epoch milliseconds (UTC);
// business days are 'YYYY-MM-DD' strings in the hall's time zone. Every row belongs to a hall.

export type Id = number;

export const SERVICE_CATEGORIES = [
  'exit_entry',
  'household',
  'id_card',
  'residence_permit',
  'other',
] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

export const TICKET_STATES = [
  'waiting',
  'called',
  'serving',
  'done',
  'no_show',
  'transferred',
  'cancelled',
] as const;
export type TicketState = (typeof TICKET_STATES)[number];

/** `desk`: issued at the front desk (导办台) for a visitor, by a desk account. */
export const TICKET_SOURCES = ['kiosk', 'staff', 'appointment', 'home_visit', 'transfer', 'desk'] as const;
export type TicketSource = (typeof TICKET_SOURCES)[number];

export const WINDOW_STATES = ['closed', 'open', 'paused'] as const;
export type WindowStateName = (typeof WINDOW_STATES)[number];

/** `city`: a city-level account that reads every hall's reports (and nothing else, for now).
 * `desk`: a front-desk guide (导办) who issues tickets for visitors at the desk screen. */
/** `evaluator`: a window's rating pad (评价器), a device bound to one window. */
export const ROLES = ['kiosk', 'display', 'evaluator', 'staff', 'admin', 'city', 'ticket', 'desk'] as const;
export type Role = (typeof ROLES)[number];

/** Roles of sign-in accounts. A hall admin manages `staff`, `desk` and `admin`; `city` accounts
 * come from the hall configuration file or from another city account. */
export const ACCOUNT_ROLES = ['staff', 'admin', 'city', 'desk'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

export const DEVICE_KINDS = ['kiosk', 'display', 'evaluator'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/** 'normal' always exists; other classes (elderly, disabled, military…) are configured per hall. */
export const NORMAL_CLASS = 'normal';
export const ELDERLY_CLASS = 'elderly';

export interface PriorityClass {
  id: string;
  nameZh: string;
  nameEn: string;
  /** Letter shown in the ticket number, e.g. 'L' (老) gives A-L023. */
  marker: string;
}

export interface HallRules {
  /** Age at which a visitor counts as elderly (green channel). */
  elderlyAge: number;
  priorityClasses: PriorityClass[];
  /** At an ordinary window: after this many normal tickets, one waiting priority ticket. */
  mixRatio: number;
  /** No ticket waits longer than this while a window that serves it calls. */
  maxWaitMinutes: number;
  /** A requeued no-show goes back this many places, not to the end. */
  requeueOffset: number;
  /** When no priority ticket waits, may an elderly window call ordinary tickets? */
  elderlyWindowTakesOthers: boolean;
  /** How many times each call is spoken. */
  callRepeat: number;
  /**
   * A call waiting to be announced should start within this many seconds: under a burst, repeats
   * of earlier calls are cut short to make room (a call is never dropped).
   */
  callMaxDelaySeconds: number;
  /** Live monitor alert when a ticket has waited this long. */
  alertWaitMinutes: number;
  kioskIdleSeconds: number;
  staffIdleMinutes: number;
  /** An evaluator pad's question unanswered this long (≥ 60 s) is recorded as 未评价. */
  evaluationTimeoutSeconds: number;
  /** Days after finishing during which the ticket's status page offers a rating (0: never). */
  phoneRatingDays: number;
  /** Working days (Mon–Fri) a supervisor has to answer a 差评 case. */
  ratingCaseWorkingDays: number;
}

export interface OpeningHours {
  /** 'HH:MM' in the hall's time zone; `closes` may be '24:00'. */
  opens: string;
  closes: string;
}

/** Days the hall is closed although its weekdays say open (public holidays), both days included. */
export interface HolidayRange {
  from: string;
  to: string;
  name: string;
}

/** A day the hall opens although its weekdays say closed (调休 working days). */
export interface ExtraWorkday {
  date: string;
  name: string;
}

/** When the hall takes tickets: its days, its holidays and the cut-off before closing. */
export interface HallSchedule {
  /** ISO weekdays the hall opens on: 1 = Monday … 7 = Sunday. */
  openWeekdays: number[];
  holidays: HolidayRange[];
  workdays: ExtraWorkday[];
  /** Tickets stop this many minutes before closing (the windows still serve those waiting). */
  issueStopMinutes: number;
}

/** An admin let the hall take tickets later than usual on one day (or on a day it is closed). */
export interface IssueExtension {
  day: string;
  /** 'HH:MM': tickets are taken until then on `day`. */
  until: string;
}

export interface Hall {
  id: Id;
  code: string;
  name: string;
  nameEn: string;
  timezone: string;
  hours: OpeningHours;
  schedule: HallSchedule;
  issueExtension: IssueExtension | null;
  ticketFooter: string;
  /** Languages calls and kiosk guidance are spoken in, in order (Mandarin only by default). */
  voiceLanguages: VoiceLanguage[];
}

export interface Service {
  id: Id;
  hallId: Id;
  /** Letter used as ticket prefix (A, B, …). */
  code: string;
  nameZh: string;
  nameEn: string;
  category: ServiceCategory;
  /** Typical minutes for one visitor, used until real averages exist. */
  typicalMinutes: number;
  enabled: boolean;
  sortOrder: number;
}

export interface HallWindow {
  id: Id;
  hallId: Id;
  number: number;
  name: string;
  serviceIds: Id[];
  elderlyDedicated: boolean;
  state: WindowStateName;
  pauseReason: string | null;
  staffId: Id | null;
  staffName: string | null;
  currentTicketId: Id | null;
  /** Normal tickets called since the last priority ticket (drives the mixing ratio). */
  normalStreak: number;
}

export interface FinishMarks {
  proxy: boolean;
  proxyRelation: string | null;
  assistedPayment: boolean;
  formHelp: boolean;
  note: string | null;
}

/** A ticket as every authenticated client sees it: no personal data, no status token. */
export interface TicketView {
  id: Id;
  hallId: Id;
  serviceId: Id;
  businessDay: string;
  sequence: number;
  number: string;
  priorityClass: string;
  proxy: boolean;
  proxyRelation: string | null;
  source: TicketSource;
  state: TicketState;
  /** When the visitor first took a number (kept across transfers). */
  issuedAt: number;
  /** Queue position key; equals issuedAt except for requeued no-shows. */
  orderKey: number;
  calledAt: number | null;
  servingAt: number | null;
  finishedAt: number | null;
  windowId: Id | null;
  staffId: Id | null;
  callCount: number;
  marks: FinishMarks | null;
  transferredFromId: Id | null;
  /** Set when the ticket was transferred to one window: only that window may call it. */
  targetWindowId?: Id | null;
  /** Appointment tickets: the booked slot (epoch ms); from its start the ticket is due (rule 7). */
  slotStart?: number | null;
  slotEnd?: number | null;
  /** A returned no-show: the tickets still to be called before it (shared/queue/requeueHold.ts). */
  requeueHold?: RequeueHold | null;
}

export interface Ticket extends TicketView {
  statusToken: string;
  maskedIdNumber: string | null;
  requestId: string | null;
  sourceDeviceId: Id | null;
}

/**
 * One call (or recall) of a ticket to a window. `id` is the call's own identity (its event row), and
 * `at` is read once when the call is made: the live frame, every later snapshot and the event log
 * all carry the same id and time, so a screen recognises a call it has shown after any reconnect.
 */
export interface CallRecord {
  id: Id;
  ticketId: Id;
  number: string;
  priorityClass: string;
  windowId: Id;
  windowNumber: number;
  elderlyWindow: boolean;
  serviceId: Id;
  at: number;
  recall: boolean;
}

export interface Notice {
  id: Id;
  hallId: Id;
  text: string;
  active: boolean;
}

export interface StaffMember {
  id: Id;
  hallId: Id;
  username: string;
  name: string;
  role: AccountRole;
  disabled: boolean;
  /** 警号/工号 shown on the window's evaluator pad, when the hall records one. */
  badgeNumber: string | null;
}

export interface Device {
  id: Id;
  hallId: Id;
  kind: DeviceKind;
  name: string;
  revoked: boolean;
  lastSeenAt: number | null;
  online: boolean;
  printer: PrinterSettings | null;
  printerFault: PrinterFault | null;
  /** An evaluator's window (one pad per window); null for other kinds or an unbound pad. */
  windowId: Id | null;
}

export interface PrinterSettings {
  /** 'tcp://host:9100', a device path such as '/dev/usb/lp0', 'printer:Name' for a driver printer, or 'virtual'. */
  interface: string;
  widthColumns: number;
}

export interface PrinterFault {
  code: 'offline' | 'paper_out' | 'timeout' | 'error';
  message: string;
  at: number;
  ticketNumber: string | null;
}

export const EVENT_TYPES = [
  'issued',
  'called',
  'recalled',
  'serving',
  'done',
  'no_show',
  'requeued',
  'transferred',
  'cancelled',
  'called_specific',
  'window_opened',
  'window_paused',
  'window_resumed',
  'window_closed',
  'window_claimed',
  'window_released',
  'config_changed',
  'printer_fault',
  'home_visit',
  'appointment',
  /** A visitor rated the ticket (or the pad's question went unanswered: 未评价). */
  'rated',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface TicketEvent {
  id: Id;
  hallId: Id;
  ticketId: Id | null;
  type: EventType;
  at: number;
  windowId: Id | null;
  staffId: Id | null;
  deviceId: Id | null;
  payload: Record<string, unknown>;
}

/** Everything a screen needs to draw the hall, at one version. */
export interface HallSnapshot {
  version: number;
  serverTime: number;
  businessDay: string;
  hall: Hall;
  rules: HallRules;
  services: Service[];
  windows: HallWindow[];
  /** Waiting tickets plus those called or being served. */
  activeTickets: TicketView[];
  recentCalls: CallRecord[];
  notices: Notice[];
  /** Rolling average service minutes per service id (falls back to typicalMinutes). */
  averageServiceMinutes: Record<string, number>;
}

/**
 * Whether a window that serves a ticket is open: `open` (the figures count down as it calls),
 * `later` (none is open now, but the hall is open today: the figures are for when one opens), or
 * `none` (no window will serve it today: the hall has closed, or no window serves it at all).
 */
export const QUEUE_OUTLOOKS = ['open', 'later', 'none'] as const;
export type QueueOutlook = (typeof QUEUE_OUTLOOKS)[number];

export interface IssuedTicket {
  ticket: TicketView;
  peopleAhead: number;
  estimatedWaitMinutes: number;
  outlook: QueueOutlook;
  /** Path of the public status page, e.g. /t/abc…; the QR code encodes origin + this. */
  statusPath: string;
  /** Window numbers this visitor should watch (the elderly windows for priority tickets). */
  windowsToWatch: number[];
  serviceNameZh: string;
  serviceNameEn: string;
  hallName: string;
  footer: string;
}

/** What the public status page (reached by the ticket's token) may show: no personal data. */
export interface TicketStatus {
  number: string;
  serviceNameZh: string;
  serviceNameEn: string;
  priorityClass: string;
  state: TicketState;
  peopleAhead: number;
  estimatedWaitMinutes: number;
  outlook: QueueOutlook;
  windowNumber: number | null;
  issuedAt: number;
  calledAt: number | null;
  hallName: string;
  /** Appointment tickets: the booked slot, and the same on the hall's clock ('09:00–09:30'). */
  slotStart?: number | null;
  slotEnd?: number | null;
  appointmentSlot?: string | null;
}

export interface WindowStats {
  served: number;
  noShows: number;
  transferred: number;
  proxy: number;
  assistedPayment: number;
  priorityServed: number;
}

export interface SessionInfo {
  token: string;
  expiresAt: number;
  staff: StaffMember;
}
