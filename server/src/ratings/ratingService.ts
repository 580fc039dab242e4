// Rating a finished ticket: at the window's evaluator pad (while its question is open), or on the
// ticket's status page (for the hall's phoneRatingDays after finishing). Either way one rating per
// ticket (recordRating.ts); the pad that asked returns to idle once its visitor answered.
import { DomainError } from '@hall/shared/contracts/errors';
import type { PhoneRatingState, Rating, RatingLevel, RatingReason } from '@hall/shared/contracts/ratings';
import type { RunChange } from '../core/groupCommit';
import type { Repositories } from '../repositories';
import type { EvaluatorPrompts } from './evaluatorPrompts';
import type { RatingRepository } from './ratingRepository';
import { recordRating } from './recordRating';

const DAY_MS = 86_400_000;
/** A pad whose question the server lost (a restart) may still answer this long after the timeout. */
const PAD_GRACE_MS = 30_000;

export interface RatingChoice {
  level: RatingLevel;
  reasons: RatingReason[];
}

export interface RatingServiceDeps {
  repos: Repositories;
  ratings: RatingRepository;
  runChange: RunChange;
  clock: () => number;
  prompts: () => EvaluatorPrompts;
  timeoutMs(hallId: number): number;
}

export function createRatingService(deps: RatingServiceDeps) {
  const { repos, ratings } = deps;

  function ticketOfToken(token: string) {
    const ticket = repos.tickets.findByStatusToken(token);
    if (!ticket) throw new DomainError('TICKET_NOT_FOUND');
    return ticket;
  }

  function phoneUntil(hallId: number, finishedAt: number): number | null {
    const days = repos.halls.rules(hallId).phoneRatingDays;
    return days > 0 ? finishedAt + days * DAY_MS : null;
  }

  return {
    async rateAtPad(
      hallId: number,
      deviceId: number,
      ticketId: number,
      choice: RatingChoice,
    ): Promise<Rating> {
      const device = repos.devices.find(hallId, deviceId);
      const windowId = device?.windowId ?? null;
      if (windowId === null) throw new DomainError('EVALUATOR_NOT_BOUND');
      const { rating } = await deps.runChange(hallId, (ctx) => {
        const ticket = repos.tickets.find(hallId, ticketId);
        if (!ticket) throw new DomainError('TICKET_NOT_FOUND');
        // Only the pad of the window that served the visitor may ask them.
        if (ticket.windowId !== windowId) throw new DomainError('TICKET_NOT_AT_WINDOW');
        // Open: the question is on the pad now, or (the server restarted meanwhile) the visitor
        // finished moments ago and nothing was recorded yet. A 未评价 already recorded is final here.
        const given = ratings.findByTicket(ticketId);
        if (given?.level) throw new DomainError('RATING_ALREADY_GIVEN');
        const recent =
          ticket.finishedAt !== null && ctx.now - ticket.finishedAt <= deps.timeoutMs(hallId) + PAD_GRACE_MS;
        const stillOpen = deps.prompts().isOpen(windowId, ticketId) || (recent && !given);
        if (ticket.state === 'done' && !stillOpen) throw new DomainError('RATING_PROMPT_CLOSED');
        return recordRating(ctx, ratings, { ticket, channel: 'pad', deviceId, ...choice });
      });
      deps.prompts().answered(windowId, ticketId);
      return rating;
    },

    /** 未评价: the pad's question timed out (or the window finished its next visitor first). */
    recordUnanswered(hallId: number, ticketId: number): Promise<unknown> {
      return deps.runChange(hallId, (ctx) => {
        const ticket = repos.tickets.find(hallId, ticketId);
        if (!ticket || ratings.findByTicket(ticketId)) return null;
        return recordRating(ctx, ratings, {
          ticket,
          channel: 'pad',
          level: null,
          reasons: [],
          deviceId: null,
        });
      });
    },

    phoneState(token: string): PhoneRatingState {
      const ticket = ticketOfToken(token);
      const given = ratings.findByTicket(ticket.id);
      if (given?.level) return { state: 'rated', level: given.level, channel: given.channel, until: null };
      if (ticket.state !== 'done' || ticket.finishedAt === null)
        return { state: 'not_finished', level: null, channel: null, until: null };
      const until = phoneUntil(ticket.hallId, ticket.finishedAt);
      const open = until !== null && deps.clock() <= until;
      return { state: open ? 'open' : 'expired', level: null, channel: null, until };
    },

    async rateByPhone(token: string, choice: RatingChoice): Promise<Rating> {
      const first = ticketOfToken(token);
      const { rating } = await deps.runChange(first.hallId, (ctx) => {
        const ticket = ticketOfToken(token);
        if (ticket.state === 'done' && ticket.finishedAt !== null) {
          const until = phoneUntil(ticket.hallId, ticket.finishedAt);
          const given = ratings.findByTicket(ticket.id);
          if (!given?.level && (until === null || ctx.now > until))
            throw new DomainError('RATING_EXPIRED', {
              days: repos.halls.rules(ticket.hallId).phoneRatingDays,
            });
        }
        return recordRating(ctx, ratings, { ticket, channel: 'phone', deviceId: null, ...choice });
      });
      // A pad still asking about this visitor stops: they answered on their phone.
      if (rating.windowId !== null) deps.prompts().answered(rating.windowId, rating.ticketId);
      return rating;
    },
  };
}
export type RatingService = ReturnType<typeof createRatingService>;
