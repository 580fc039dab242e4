// Records a visitor's rating of a finished ticket, inside a change: one rating per ticket (a later
// channel never overwrites the first), an event row so reports of the ticket's day are rebuilt,
// and a 差评 case with its deadline for every rating at 不满意 or below. A pad question nobody
// answered is recorded as 未评价 (level null); a phone rating may still follow it.
import { DomainError } from '@hall/shared/contracts/errors';
import {
  isBadLevel,
  type Rating,
  type RatingChannel,
  type RatingLevel,
  type RatingReason,
} from '@hall/shared/contracts/ratings';
import type { ChangeContext } from '../core/changes';
import type { StoredTicket } from '../tickets/ticketRepository';
import type { RatingRepository } from './ratingRepository';
import { caseDueAt } from './caseDeadline';

export interface RatingInput {
  ticket: StoredTicket;
  channel: RatingChannel;
  /** null: the pad's question went unanswered (未评价). */
  level: RatingLevel | null;
  reasons: RatingReason[];
  deviceId: number | null;
}

export interface Recorded {
  rating: Rating;
  /** A 差评 case was opened. */
  caseId: number | null;
}

export function recordRating(ctx: ChangeContext, ratings: RatingRepository, input: RatingInput): Recorded {
  const { ticket, level } = input;
  if (ticket.state !== 'done' || ticket.finishedAt === null) throw new DomainError('RATING_NOT_FINISHED');
  const existing = ratings.findByTicket(ticket.id);
  if (existing && existing.level !== null) throw new DomainError('RATING_ALREADY_GIVEN');
  if (existing && level === null) return { rating: existing, caseId: null }; // 未评价 twice: nothing new
  const at = ctx.now;
  const fields = {
    channel: input.channel,
    reasons: level === null ? [] : input.reasons,
    deviceId: input.deviceId,
  };
  if (existing) {
    if (!ratings.rateUnanswered({ ticketId: ticket.id, level: level!, at, ...fields }))
      throw new DomainError('RATING_ALREADY_GIVEN');
  } else {
    ratings.insert({
      hallId: ticket.hallId,
      ticketId: ticket.id,
      ticketNumber: ticket.number,
      businessDay: ticket.businessDay,
      serviceId: ticket.serviceId,
      windowId: ticket.windowId,
      staffId: ticket.staffId,
      priorityClass: ticket.priorityClass,
      level,
      at,
      ...fields,
    });
  }
  const rating = ratings.findByTicket(ticket.id)!;
  // The officer rated is in the payload; the event's staff column names who acted, and no staff did.
  ctx.appendEvent({
    ticketId: ticket.id,
    type: 'rated',
    windowId: ticket.windowId,
    staffId: null,
    deviceId: input.deviceId,
    payload: { level, channel: input.channel, reasons: rating.reasons, officerId: ticket.staffId },
  });
  if (!isBadLevel(level)) return { rating, caseId: null };
  const dueAt = caseDueAt(at, ctx.hall.rules.ratingCaseWorkingDays, ctx.hall.hall.timezone);
  const caseId = ratings.insertCase({ hallId: ticket.hallId, ratingId: rating.id, openedAt: at, dueAt });
  return { rating, caseId };
}
