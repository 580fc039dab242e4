// 好差评 (issue 16): what a visitor's rating of the service they just had looks like, and the
// follow-up case every 差评 opens. One rating per ticket, given at the window's evaluator pad or
// on the ticket's status page; a pad prompt nobody answered is kept as 未评价 (level null), never
// as a good rating. Staff can neither give nor change a rating.
import type { Id } from './entities';

/** The five levels of the national 好差评 system, best first. */
export const RATING_LEVELS = [
  'very_satisfied',
  'satisfied',
  'basically_satisfied',
  'dissatisfied',
  'very_dissatisfied',
] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];

/** 不满意 and below need a reason and open a follow-up case. */
export const BAD_LEVELS: readonly RatingLevel[] = ['dissatisfied', 'very_dissatisfied'];
export const isBadLevel = (level: RatingLevel | null): boolean =>
  level !== null && BAD_LEVELS.includes(level);
/** 满意率 counts these as satisfied. */
export const SATISFIED_LEVELS: readonly RatingLevel[] = [
  'very_satisfied',
  'satisfied',
  'basically_satisfied',
];

/** Why a visitor was not satisfied: 态度, 效率, 业务不熟, 等候太久, 环境设施, 其他. */
export const RATING_REASONS = ['attitude', 'efficiency', 'skill', 'waiting', 'environment', 'other'] as const;
export type RatingReason = (typeof RATING_REASONS)[number];

/** pad: the window's evaluator; phone: the ticket's status page (QR code). */
export const RATING_CHANNELS = ['pad', 'phone'] as const;
export type RatingChannel = (typeof RATING_CHANNELS)[number];

export interface Rating {
  id: Id;
  hallId: Id;
  ticketId: Id;
  ticketNumber: string;
  businessDay: string;
  serviceId: Id;
  windowId: Id | null;
  staffId: Id | null;
  priorityClass: string;
  channel: RatingChannel;
  /** null: 未评价 (the pad asked and nobody answered in time). */
  level: RatingLevel | null;
  reasons: RatingReason[];
  at: number;
}

/** What an evaluator pad shows while idle: its window and the officer working there. */
export interface EvaluatorState {
  hallName: string;
  hallNameEn: string;
  voiceLanguages: string[];
  window: { id: Id; number: number; name: string; elderlyDedicated: boolean } | null;
  officer: { name: string; badgeNumber: string | null } | null;
  /** The question open now (after a reconnect the pad carries on with it), or null. */
  prompt: EvaluatorPrompt | null;
  serverTime: number;
}

/** "请您对本次服务进行评价": the window just finished this ticket. */
export interface EvaluatorPrompt {
  ticketId: Id;
  number: string;
  /** Server time when an unanswered prompt is recorded as 未评价. */
  expiresAt: number;
  serverTime: number;
  /** The hall's spoken languages now (they may have changed since the pad connected). */
  voiceLanguages: string[];
}

/** Why the pad's question ended: answered, nobody answered (未评价), or the next visitor finished. */
export interface EvaluatorClosed {
  ticketId: Id;
  outcome: 'rated' | 'unrated';
}

/** What the status page may offer after the ticket is finished. */
export interface PhoneRatingState {
  /** open: may rate now; rated: already rated (by any channel); not_finished; expired. */
  state: 'open' | 'rated' | 'not_finished' | 'expired';
  level: RatingLevel | null;
  channel: RatingChannel | null;
  /** Until when a phone rating is accepted (the hall's phoneRatingDays after finishing). */
  until: number | null;
}

export const RATING_CASE_STATUSES = ['open', 'verified', 'rectified', 'closed'] as const;
export type RatingCaseStatus = (typeof RATING_CASE_STATUSES)[number];
/** The supervisor's three steps, in order: 核实 → 整改 → 反馈 (feedback closes the case). */
export const RATING_CASE_STEPS = ['verify', 'rectify', 'feedback'] as const;
export type RatingCaseStep = (typeof RATING_CASE_STEPS)[number];

export interface RatingCaseStepRecord {
  text: string;
  at: number;
  staffId: Id | null;
  staffName: string | null;
}

/** A 差评 follow-up case, opened by every rating at 不满意 or below. */
export interface RatingCase {
  id: Id;
  hallId: Id;
  rating: Rating;
  serviceName: string;
  windowNumber: number | null;
  officerName: string | null;
  openedAt: number;
  /** The hall's ratingCaseWorkingDays after opening, counted in working days (Mon–Fri). */
  dueAt: number;
  status: RatingCaseStatus;
  /** Still open after its deadline: the monitor raises the alarm. */
  overdue: boolean;
  steps: Partial<Record<RatingCaseStep, RatingCaseStepRecord>>;
}

/** Satisfaction of one group of a report (a hall, window, officer, service or visitor class). */
export interface SatisfactionFigures {
  /** Ratings given (the five levels); 未评价 is not a rating. */
  rated: number;
  byLevel: Record<RatingLevel, number>;
  /** Pad prompts nobody answered (未评价). */
  unanswered: number;
  /** (非常满意 + 满意 + 基本满意) / rated; null with no rating. */
  satisfactionRate: number | null;
  /** rated / served; null with nobody served. */
  participationRate: number | null;
}

/** 差评 cases of a report's period (by the day of the rated ticket), by follow-up status. */
export interface RatingCaseCounts {
  opened: number;
  open: number;
  verified: number;
  rectified: number;
  closed: number;
  /** Not closed and past their deadline now. */
  overdue: number;
}

/** Chinese names of the levels and reasons, as the provincial platform and the CSV use them. */
export const RATING_LEVEL_ZH: Record<RatingLevel, string> = {
  very_satisfied: '非常满意',
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
  very_dissatisfied: '非常不满意',
};
export const RATING_REASON_ZH: Record<RatingReason, string> = {
  attitude: '服务态度',
  efficiency: '办事效率',
  skill: '业务水平（不熟练）',
  waiting: '等候时间太久',
  environment: '环境设施',
  other: '其他',
};

/** One rating as exported for the provincial 好差评 platform (JSON, and the CSV's columns). */
export interface RatingExportRecord {
  /** 办件编号: hall code, business day and ticket number, unique in the province. */
  caseNumber: string;
  ticketId: Id;
  ticketNumber: string;
  businessDay: string;
  serviceCode: string;
  serviceName: string;
  windowNumber: number | null;
  officerName: string | null;
  officerBadgeNumber: string | null;
  priorityClass: string;
  /** null: 未评价 (asked at the pad, not answered). */
  level: RatingLevel | null;
  levelZh: string;
  reasons: RatingReason[];
  reasonsZh: string[];
  channel: RatingChannel;
  /** ISO 8601 in UTC, e.g. 2026-11-30T02:15:00.000Z (10:15 in a UTC+8 hall). */
  ratedAt: string;
}
