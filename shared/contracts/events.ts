// The Socket.IO contract. Commands are `entity:verb` with an acknowledgement carrying Result<T>;
// broadcasts are past tense. Screens start from a versioned snapshot and apply versioned frames
// (contracts/frames.ts); a screen that sees a gap asks `hall:sync` for a fresh snapshot.
import type { Ack } from './errors';
import type {
  Device,
  Hall,
  HallRules,
  HallSnapshot,
  HallWindow,
  Id,
  IssuedTicket,
  Notice,
  PrinterFault,
  Role,
  Service,
  StaffMember,
  TicketStatus,
  TicketView,
  WindowStats,
} from './entities';
import type {
  ApiKeyCreateInput,
  ClaimWindowInput,
  DeviceCreateInput,
  DeskPrintInput,
  DeviceUpdateInput,
  ExtendTodayInput,
  EvaluatorRateInput,
  FinishTicketInput,
  HallUpdateInput,
  HomeVisitCancelInput,
  HomeVisitCompleteInput,
  HomeVisitCreateInput,
  HomeVisitListInput,
  HomeVisitScheduleInput,
  IssueTicketInput,
  NoticeUpsertInput,
  PhoneRateInput,
  PrinterStatusInput,
  RatingCaseListInput,
  RatingCaseStepInput,
  ReportQueryInput,
  RulesUpdateInput,
  ServiceUpsertInput,
  SignInUnlockInput,
  StaffCreateInput,
  StaffUpdateInput,
  TransferTicketInput,
  WindowUpsertInput,
} from './schemas';
import type { HallFrame, KioskQueueFrame, KioskSnapshot } from './frames';
import type {
  EvaluatorClosed,
  EvaluatorPrompt,
  EvaluatorState,
  PhoneRatingState,
  Rating,
  RatingCase,
} from './ratings';
import type {
  ApiKey,
  ApiKeyWithSecret,
  AuditEntry,
  DeskPrinter,
  DeviceWithKey,
  HallReport,
  HomeVisit,
  CityMonitor,
  MonitorState,
  ReportScope,
  SignInLockView,
} from './admin';
import type {
  Appointment,
  AppointmentConfig,
  AppointmentDayOff,
  AppointmentImportInput,
  AppointmentImportResult,
  AppointmentListInput,
  AppointmentSchedule,
  AppointmentSettings,
  AppointmentSettingsInput,
  AppointmentSlot,
  BookInput,
  CheckInInput,
  CheckInResult,
  DayOffSetInput,
  ScheduleUpsertInput,
  SlotQueryInput,
} from './appointments';
import type {
  AccessLogEntry,
  AccessLogQueryInput,
  PurgeRun,
  RetentionState,
  RetentionUpdateInput,
  RevealedRecord,
  RevealInput,
  SubjectCopy,
  SubjectErasure,
  SubjectEraseInput,
  SubjectQueryInput,
} from './privacy';

export interface ServerToClientEvents {
  /** Wall and window displays, staff and admin consoles: on connect and after admin changes. */
  'hall:snapshot': (snapshot: HallSnapshot) => void;
  /** The same screens: what changed in the last tick, for this audience. */
  'hall:changed': (frame: HallFrame) => void;
  /** Kiosks: counts and estimates only, never anyone's ticket. */
  'kiosk:snapshot': (snapshot: KioskSnapshot) => void;
  'kiosk:queue': (frame: KioskQueueFrame) => void;
  /** Unversioned, admins only. */
  'printer:faulted': (e: { deviceId: Id; deviceName: string; fault: PrinterFault | null }) => void;
  'device:presence': (e: { deviceId: Id; online: boolean }) => void;
  /**
   * Unversioned, admins only: the database refused a write (disk full, read-only file), with the
   * SQLite code and the command that failed; `fault: null` once a write succeeds again.
   */
  'storage:faulted': (e: { fault: { code: string; command: string; at: number } | null }) => void;
  /** Sent to the ticket-status role only: computed once per tick for every page watching the ticket. */
  'ticket:status': (status: TicketStatus) => void;
  /** A window's evaluator pad: its window and officer (on connect and when they change). */
  'evaluator:state': (state: EvaluatorState) => void;
  /** That window finished a ticket: ask "请您对本次服务进行评价". */
  'evaluator:prompt': (prompt: EvaluatorPrompt) => void;
  /** The question ended (answered, or recorded as 未评价): back to idle. */
  'evaluator:closed': (closed: EvaluatorClosed) => void;
  /** Sent just before the server cuts a session or device off. */
  'session:ended': (e: { code: SessionEndCode }) => void;
}

export type SessionEndCode = 'SESSION_EXPIRED' | 'DEVICE_REVOKED' | 'ACCOUNT_DISABLED' | 'SIGNED_OUT';

type Command<In, Out> = (payload: In, ack: Ack<Out>) => void;
type Query<Out> = (ack: Ack<Out>) => void;

export interface ClientToServerEvents {
  // displays and consoles
  'hall:sync': Query<HallSnapshot>;
  // kiosk
  'kiosk:sync': Query<KioskSnapshot>;
  'ticket:issue': Command<IssueTicketInput, IssuedTicket>;
  /** Browser kiosks (no local printer) ask the server to print on its configured or virtual printer. */
  'ticket:print': Command<{ ticketId: Id }, { printed: boolean }>;
  'printer:status': Command<PrinterStatusInput, null>;
  // front desk (导办台): issues for a visitor with the kiosk's choices, prints on a chosen printer
  'desk:issue': Command<IssueTicketInput, IssuedTicket>;
  'desk:printers': Query<DeskPrinter[]>;
  'desk:print': Command<DeskPrintInput, { printed: boolean }>;
  // window evaluator pad (评价器) and the ticket's status page: the visitor rates; staff never can
  'evaluator:sync': Query<EvaluatorState>;
  'evaluator:rate': Command<EvaluatorRateInput, Rating>;
  'ticket:ratingState': Query<PhoneRatingState>;
  'ticket:rate': Command<PhoneRateInput, Rating>;
  // staff (and admin)
  'window:claim': Command<ClaimWindowInput, HallWindow>;
  'window:release': Query<null>;
  'window:open': Query<HallWindow>;
  'window:pause': Command<{ reason?: string }, HallWindow>;
  'window:resume': Query<HallWindow>;
  'window:close': Query<HallWindow>;
  'counter:callNext': Query<TicketView>;
  'counter:callSpecific': Command<{ number: string }, TicketView>;
  'counter:recall': Command<{ ticketId: Id }, TicketView>;
  'counter:start': Command<{ ticketId: Id }, TicketView>;
  'counter:finish': Command<FinishTicketInput, TicketView>;
  'counter:noShow': Command<{ ticketId: Id }, TicketView>;
  'counter:requeue': Command<{ ticketId: Id }, TicketView>;
  'counter:transfer': Command<TransferTicketInput, TicketView>;
  'counter:cancel': Command<{ ticketId: Id }, TicketView>;
  /** The ticket this staff member's window holds now (after a reconnect) and today's counts. */
  'counter:current': Query<{ window: HallWindow | null; ticket: TicketView | null; stats: WindowStats }>;
  // admin
  'admin:hallUpdate': Command<HallUpdateInput, Hall>;
  /** Today only: take tickets until a later time (or on a closed day); null undoes it. */
  'admin:hallExtendToday': Command<ExtendTodayInput, Hall>;
  'admin:rulesUpdate': Command<RulesUpdateInput, HallRules>;
  'admin:serviceUpsert': Command<ServiceUpsertInput, Service>;
  'admin:windowUpsert': Command<WindowUpsertInput, HallWindow>;
  'admin:staffList': Query<StaffMember[]>;
  'admin:staffCreate': Command<StaffCreateInput, StaffMember>;
  'admin:staffUpdate': Command<StaffUpdateInput, StaffMember>;
  'admin:deviceList': Query<Device[]>;
  'admin:deviceCreate': Command<DeviceCreateInput, DeviceWithKey>;
  'admin:deviceUpdate': Command<DeviceUpdateInput, Device>;
  'admin:deviceRevoke': Command<{ id: Id }, Device>;
  'admin:apiKeyList': Query<ApiKey[]>;
  'admin:apiKeyCreate': Command<ApiKeyCreateInput, ApiKeyWithSecret>;
  'admin:apiKeyRevoke': Command<{ id: Id }, ApiKey>;
  'admin:noticeUpsert': Command<NoticeUpsertInput, Notice>;
  'admin:noticeDelete': Command<{ id: Id }, null>;
  'admin:monitor': Query<MonitorState>;
  /** Every hall's queue, windows and alarms now (city accounts only). */
  'city:monitor': Query<CityMonitor>;
  'admin:report': Command<ReportQueryInput, HallReport>;
  /** The halls this account may report on (its own hall; every hall for a city account). */
  'report:scope': Query<ReportScope>;
  'admin:audit': Query<AuditEntry[]>;
  /** Sign-in locks of this hall's accounts and of addresses. */
  'admin:signInLocks': Query<SignInLockView[]>;
  'admin:signInUnlock': Command<SignInUnlockInput, { lifted: number }>;
  'homeVisit:create': Command<HomeVisitCreateInput, HomeVisit>;
  'homeVisit:schedule': Command<HomeVisitScheduleInput, HomeVisit>;
  'homeVisit:complete': Command<HomeVisitCompleteInput, HomeVisit>;
  'homeVisit:cancel': Command<HomeVisitCancelInput, HomeVisit>;
  'homeVisit:list': Command<HomeVisitListInput, HomeVisit[]>;
  // personal information (admin): every reveal, copy and erasure lands in the access log
  'privacy:reveal': Command<RevealInput, RevealedRecord>;
  'privacy:accessLog': Command<AccessLogQueryInput, AccessLogEntry[]>;
  'privacy:retention': Query<RetentionState>;
  'privacy:retentionUpdate': Command<RetentionUpdateInput, RetentionState>;
  'privacy:purgeNow': Query<PurgeRun>;
  'privacy:subjectFind': Command<SubjectQueryInput, SubjectCopy>;
  'privacy:subjectErase': Command<SubjectEraseInput, SubjectErasure>;
  // appointments: slots and settings (admin), bookings by phone (admin, front desk) or CSV (admin),
  // check-in (kiosk)
  'appointment:config': Query<AppointmentConfig>;
  'appointment:scheduleUpsert': Command<ScheduleUpsertInput, AppointmentSchedule>;
  'appointment:scheduleDelete': Command<{ id: Id }, null>;
  /** Adds (off: true) or removes a day off; answers the day off, or null once removed. */
  'appointment:dayOffSet': Command<DayOffSetInput, AppointmentDayOff | null>;
  'appointment:settingsUpdate': Command<AppointmentSettingsInput, AppointmentSettings>;
  'appointment:slots': Command<SlotQueryInput, AppointmentSlot[]>;
  'appointment:book': Command<BookInput, Appointment>;
  'appointment:cancel': Command<{ id: Id }, Appointment>;
  'appointment:list': Command<AppointmentListInput, Appointment[]>;
  'appointment:import': Command<AppointmentImportInput, AppointmentImportResult>;
  'appointment:checkIn': Command<CheckInInput, CheckInResult>;
  // 差评 follow-up (admin): 核实 → 整改 → 反馈, each step audited
  'ratingCase:list': Command<RatingCaseListInput, RatingCase[]>;
  'ratingCase:step': Command<RatingCaseStepInput, RatingCase>;
}

export type ClientEventName = keyof ClientToServerEvents;

/** Which roles may send which command. The server refuses everything else with FORBIDDEN. */
export const COMMAND_ROLES: Record<ClientEventName, readonly Role[]> = {
  'hall:sync': ['display', 'staff', 'admin'],
  'kiosk:sync': ['kiosk', 'desk'],
  'ticket:issue': ['kiosk'],
  'ticket:print': ['kiosk'],
  'printer:status': ['kiosk'],
  'desk:issue': ['desk'],
  'desk:printers': ['desk'],
  'desk:print': ['desk'],
  'evaluator:sync': ['evaluator'],
  'evaluator:rate': ['evaluator'],
  'ticket:ratingState': ['ticket'],
  'ticket:rate': ['ticket'],
  'window:claim': ['staff', 'admin'],
  'window:release': ['staff', 'admin'],
  'window:open': ['staff', 'admin'],
  'window:pause': ['staff', 'admin'],
  'window:resume': ['staff', 'admin'],
  'window:close': ['staff', 'admin'],
  'counter:callNext': ['staff', 'admin'],
  'counter:callSpecific': ['staff', 'admin'],
  'counter:recall': ['staff', 'admin'],
  'counter:start': ['staff', 'admin'],
  'counter:finish': ['staff', 'admin'],
  'counter:noShow': ['staff', 'admin'],
  'counter:requeue': ['staff', 'admin'],
  'counter:transfer': ['staff', 'admin'],
  'counter:cancel': ['staff', 'admin'],
  'counter:current': ['staff', 'admin'],
  'admin:hallUpdate': ['admin'],
  'admin:hallExtendToday': ['admin'],
  'admin:rulesUpdate': ['admin'],
  'admin:serviceUpsert': ['admin'],
  'admin:windowUpsert': ['admin'],
  'admin:staffList': ['admin'],
  'admin:staffCreate': ['admin'],
  'admin:staffUpdate': ['admin'],
  'admin:deviceList': ['admin'],
  'admin:deviceCreate': ['admin'],
  'admin:deviceUpdate': ['admin'],
  'admin:deviceRevoke': ['admin'],
  'admin:apiKeyList': ['admin'],
  'admin:apiKeyCreate': ['admin'],
  'admin:apiKeyRevoke': ['admin'],
  'admin:noticeUpsert': ['admin'],
  'admin:noticeDelete': ['admin'],
  'admin:monitor': ['admin'],
  'city:monitor': ['city'],
  'admin:report': ['admin', 'city'],
  'report:scope': ['admin', 'city'],
  'admin:audit': ['admin'],
  'admin:signInLocks': ['admin'],
  'admin:signInUnlock': ['admin'],
  'homeVisit:create': ['admin'],
  'homeVisit:schedule': ['admin'],
  'homeVisit:complete': ['admin'],
  'homeVisit:cancel': ['admin'],
  'homeVisit:list': ['admin'],
  'privacy:reveal': ['admin'],
  'privacy:accessLog': ['admin'],
  'privacy:retention': ['admin'],
  'privacy:retentionUpdate': ['admin'],
  'privacy:purgeNow': ['admin'],
  'privacy:subjectFind': ['admin'],
  'privacy:subjectErase': ['admin'],
  'appointment:config': ['admin'],
  'appointment:scheduleUpsert': ['admin'],
  'appointment:scheduleDelete': ['admin'],
  'appointment:dayOffSet': ['admin'],
  'appointment:settingsUpdate': ['admin'],
  'appointment:slots': ['admin', 'desk'],
  'appointment:book': ['admin', 'desk'],
  'appointment:cancel': ['admin', 'desk'],
  'appointment:list': ['admin', 'desk'],
  'appointment:import': ['admin'],
  'appointment:checkIn': ['kiosk'],
  'ratingCase:list': ['admin'],
  'ratingCase:step': ['admin'],
};

/** What the handshake sends in `auth`. */
export type HandshakeAuth =
  | { role: 'kiosk' | 'display' | 'evaluator'; deviceKey: string }
  | { role: 'staff' | 'admin' | 'city' | 'desk'; sessionToken: string }
  | { role: 'ticket'; statusToken: string };

export interface SocketData {
  role: Role;
  hallId: number;
  deviceId: number | null;
  staffId: number | null;
  sessionTokenHash: string | null;
  ticketId: number | null;
  /** The ticket-status role: the token it watches (a transfer keeps it, so the page follows). */
  statusToken: string | null;
}

/** Between server processes (PostgreSQL deployment): end the sessions of a room on every process. */
export interface InterServerEvents {
  'sessions:end': (room: string, code: SessionEndCode) => void;
}
