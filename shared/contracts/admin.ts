// Shapes only the admin console reads: devices with fresh keys, the live monitor, reports, home visits.
import type { Device, Id, PrinterFault, ServiceCategory, StaffMember } from './entities';
import type { RatingCaseCounts, SatisfactionFigures } from './ratings';

/** A printer the front desk may print a ticket on: the server's own, or a device's. */
export interface DeskPrinter {
  /** 'default' (the server's DEFAULT_PRINTER) or 'device:<id>'. */
  id: string;
  name: string;
  /** Its last fault (paper out, offline…), or null when it printed fine or was not used yet. */
  fault: PrinterFault | null;
}

/** A sign-in lock the admin console shows (and can lift): an account at an address, or an address. */
export interface SignInLockView {
  /** null: the whole address is locked (many accounts were tried from it). */
  staffId: Id | null;
  staffName: string | null;
  username: string | null;
  address: string;
  lockedUntil: number;
  /** Locks in a row for this key; each lasts twice as long as the one before, up to 15 minutes. */
  locks: number;
}

/** What an external system may do with an admin-issued API key (closed list; add as APIs appear). */
export const API_KEY_SCOPES = ['appointments', 'ratings'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** An API key as the console lists it; the key itself is shown once, at creation. */
export interface ApiKey {
  id: Id;
  hallId: Id;
  name: string;
  scopes: ApiKeyScope[];
  /** The first characters of the key, so a hall can tell its keys apart. */
  prefix: string;
  createdAt: number;
  revokedAt: number | null;
  lastUsedAt: number | null;
}

export interface ApiKeyWithSecret {
  apiKey: ApiKey;
  /** Shown once; the server keeps only its hash. */
  key: string;
}

export interface DeviceWithKey {
  device: Device;
  /** Shown once; the server keeps only its hash. */
  key: string;
}

export interface MonitorServiceLoad {
  serviceId: Id;
  waiting: number;
  longestWaitMinutes: number;
  alert: boolean;
}

export interface MonitorState {
  at: number;
  services: MonitorServiceLoad[];
  devices: Device[];
  staff: StaffMember[];
  /** 差评 cases not closed by their deadline: the monitor raises the alarm while any exist. */
  overdueRatingCases: number;
}

/** One hall on the city's monitor (role `city`): its queue, its windows and its alarms now. */
export interface CityMonitorHall {
  hallId: Id;
  code: string;
  name: string;
  nameEn: string;
  waiting: number;
  /** Minutes the longest-waiting visitor of the hall has waited (0 when nobody waits). */
  longestWaitMinutes: number;
  windows: number;
  openWindows: number;
  pausedWindows: number;
  alarms: {
    /** Someone has waited at least the hall's alert threshold (rules.alertWaitMinutes). */
    longWait: boolean;
    /** Devices (not revoked) whose printer reports a fault. */
    printerFaults: number;
    /** 差评 cases past their deadline and not closed. */
    overdueRatingCases: number;
  };
}

export interface CityMonitor {
  at: number;
  halls: CityMonitorHall[];
  totals: { waiting: number; openWindows: number; windows: number; hallsWithAlarms: number };
}

export interface DurationStats {
  count: number;
  averageMinutes: number | null;
  p90Minutes: number | null;
}

/**
 * One row of a grouping. Tickets and transfer legs are counted apart: `issued` counts tickets (a
 * visitor's first ticket), `transfersIn` the queue entries opened by a transfer. For windows and
 * staff both count the entries first called there.
 */
export interface ReportGroupRow {
  key: string;
  label: string;
  issued: number;
  transfersIn: number;
  served: number;
  /** Served entries done by a relative (代办: proxy ticket or proxy mark). */
  withProxy: number;
  /** Served entries with assisted payment (代缴费); a hall's row adds its home visits with payment. */
  withAssistedPayment: number;
  wait: DurationStats;
  service: DurationStats;
  /** 好差评 of the entries served in this group. */
  satisfaction: SatisfactionFigures;
}

export interface ElderlyReport {
  /** Elderly (priority class 'elderly') visitors served in the hall plus home visits completed. */
  totalElderlyServices: number;
  servedInHall: number;
  byCategory: Record<ServiceCategory, number>;
  viaElderlyWindow: number;
  viaOrdinaryWindow: number;
  withProxy: number;
  withAssistedPayment: number;
  homeVisits: number;
  homeDeliveries: number;
  elderlyWait: DurationStats;
  ordinaryWait: DurationStats;
  /** 好差评 of elderly visitors (class 'elderly') served in the hall, and of every other visitor. */
  satisfaction: SatisfactionFigures;
  otherSatisfaction: SatisfactionFigures;
}

export interface HallReport {
  from: string;
  to: string;
  hallId: Id | null;
  issued: number;
  /** Of those, issued at the front desk (导办台) for a visitor. */
  issuedAtDesk: number;
  served: number;
  noShows: number;
  cancelled: number;
  transferred: number;
  /** 代办 for all visitors: served entries done by a relative. */
  withProxy: number;
  /** 代缴费 for all visitors: served entries with assisted payment plus home visits with payment. */
  withAssistedPayment: number;
  wait: DurationStats;
  service: DurationStats;
  /** 好差评 of every visitor served (byHall, byService, byWindow, byStaff, byPriorityClass have theirs). */
  satisfaction: SatisfactionFigures;
  /** 差评 cases of the period's rated tickets, by follow-up status (now). */
  ratingCases: RatingCaseCounts;
  /** One row per hall covered (one row for a hall's own report). */
  byHall: ReportGroupRow[];
  byService: ReportGroupRow[];
  byWindow: ReportGroupRow[];
  byStaff: ReportGroupRow[];
  byPriorityClass: ReportGroupRow[];
  /** Tickets issued per hour of the day (0–23) in the hall's time zone. */
  hourly: number[];
  elderly: ElderlyReport;
  appointments: AppointmentReport;
}

/** Appointments of the period (by their slot's day) and how long booked and walk-in visitors waited. */
export interface AppointmentReport {
  booked: number;
  checkedIn: number;
  missed: number;
  cancelled: number;
  /** Tickets checked in from a booking: from the slot's start (or check-in, if later) to the call. */
  appointmentWait: DurationStats;
  /** Every other ticket: from taking it to the call. */
  walkInWait: DurationStats;
}

/** The halls an account may report on; `city` accounts may also sum them all. */
export interface ReportScope {
  city: boolean;
  halls: { id: Id; name: string; nameEn: string; timezone: string }[];
}

export const HOME_VISIT_STATUSES = ['requested', 'scheduled', 'done', 'cancelled'] as const;
export type HomeVisitStatus = (typeof HOME_VISIT_STATUSES)[number];

/**
 * A home visit as lists show it: masked by default (个人信息保护). The full name, phone, address and
 * notes are sealed in the database and shown only through `privacy:reveal`, which is logged.
 */
export interface HomeVisit {
  id: Id;
  hallId: Id;
  /** The family name only (杨*); '' once the personal fields were cleared. */
  maskedName: string;
  /** 138****1234 */
  maskedPhone: string;
  /** The district only (茂名市茂南区), never the street or house. */
  district: string;
  maskedIdNumber: string | null;
  serviceId: Id;
  reason: 'bedridden' | 'disabled' | 'elderly' | 'other';
  requestedDate: string;
  status: HomeVisitStatus;
  scheduledDate: string | null;
  officerId: Id | null;
  completedAt: number | null;
  documentDelivered: boolean;
  assistedPayment: boolean;
  cancelReason: string | null;
  hasNotes: boolean;
  /** When the personal fields were cleared (retention period over, or erased on request). */
  personalClearedAt: number | null;
  createdAt: number;
}

/** One field of an audited change: what it was and what it became (no `from` on a creation, no
 *  `to` on a deletion). Values are as stored (numbers, text, flags, lists of ids, small objects). */
export interface AuditFieldChange {
  field: string;
  from?: unknown;
  to?: unknown;
}

/** What an audit entry changed, in a shape the console can put into words. */
export interface AuditDetail {
  /** The thing changed, as people know it: a service's letter and name, a window's number, a name. */
  target: { id: Id | null; label: string | null };
  /** Only the fields that changed; never empty (a save that changes nothing is not logged). */
  changes: AuditFieldChange[];
}

export interface AuditEntry {
  id: Id;
  at: number;
  staffId: Id | null;
  staffName: string | null;
  action: string;
  detail: AuditDetail;
}
