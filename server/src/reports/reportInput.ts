// The rows a report is computed from, already read from the tickets, events and home_visits
// tables. Kept as plain data so the computation is a pure function tested without a database.
import type {
  FinishMarks,
  Id,
  PriorityClass,
  ServiceCategory,
  TicketSource,
  TicketState,
} from '@hall/shared/contracts/entities';
import type { RatingLevel } from '@hall/shared/contracts/ratings';

export interface ReportTicketRow {
  id: Id;
  hallId: Id;
  serviceId: Id;
  businessDay: string;
  priorityClass: string;
  proxy: boolean;
  state: TicketState;
  /** First issue time of the visitor (a transfer leg keeps its visitor's). */
  issuedAt: number;
  servingAt: number | null;
  finishedAt: number | null;
  windowId: Id | null;
  staffId: Id | null;
  marks: FinishMarks | null;
  transferredFromId: Id | null;
  /** Where the ticket was taken: the kiosk, the front desk (`desk`), a transfer, … */
  source: TicketSource;
  /** Appointment tickets: the start of the booked slot (null for walk-ins). */
  slotStart: number | null;
  /** The ticket's rating (好差评): a level, 'unanswered' (未评价 at the pad), or none. */
  rating?: RatingLevel | 'unanswered' | null;
}

/** One `called` event (not recalls): who called which ticket, where, when. */
export interface ReportCallRow {
  ticketId: Id;
  at: number;
  windowId: Id | null;
  staffId: Id | null;
}

/** One `done` event; `elderlyWindow` is what the window was when it finished, when recorded. */
export interface ReportDoneRow {
  ticketId: Id;
  windowId: Id | null;
  elderlyWindow: boolean | null;
}

export interface ReportHomeVisitRow {
  id: Id;
  hallId: Id;
  serviceId: Id;
  completedAt: number;
  documentDelivered: boolean;
  assistedPayment: boolean;
}

/** A booking, counted on its slot's day. */
export interface ReportAppointmentRow {
  id: Id;
  hallId: Id;
  serviceId: Id;
  slotDay: string;
  status: 'booked' | 'checked_in' | 'missed' | 'cancelled';
}

export interface ReportHall {
  id: Id;
  name: string;
  timezone: string;
  priorityClasses: PriorityClass[];
}

export interface ReportService {
  id: Id;
  hallId: Id;
  code: string;
  nameZh: string;
  category: ServiceCategory;
}

export interface ReportWindow {
  id: Id;
  hallId: Id;
  number: number;
  elderlyDedicated: boolean;
}

export interface ReportStaff {
  id: Id;
  name: string;
}

export interface ReportInput {
  from: string;
  to: string;
  hallId: Id | null;
  halls: ReportHall[];
  services: ReportService[];
  windows: ReportWindow[];
  staff: ReportStaff[];
  tickets: ReportTicketRow[];
  calls: ReportCallRow[];
  dones: ReportDoneRow[];
  /** Completed home visits (status done) of the halls; the computation picks those in range. */
  homeVisits: ReportHomeVisitRow[];
  /** Bookings of the period's days (by slot day). */
  appointments: ReportAppointmentRow[];
}
