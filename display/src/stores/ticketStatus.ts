// The public status page's ticket: first painted from GET /api/ticket-status/:token, then kept
// live by `ticket:status` over a connection with the ticket role (the server computes it once per
// tick for every page watching the ticket).
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { TicketStatus } from '@hall/shared/contracts/entities';
import {
  appError,
  ERROR_MESSAGES,
  type AppError,
  type ErrorCode,
  type Result,
} from '@hall/shared/contracts/errors';
import { openHallConnection, type HallConnection, type HallSocket } from '@hall/shared/client/hallConnection';
import type { PhoneRatingState, RatingLevel, RatingReason } from '@hall/shared/contracts/ratings';

export type StatusConnection = 'connecting' | 'online' | 'offline';

/** A refusal code in words when we know it (too many pages open…), else just the code. */
const errorOf = (code: string): AppError | { code: string } =>
  code in ERROR_MESSAGES ? appError(code as ErrorCode) : { code };

export const useTicketStatusStore = defineStore('ticketStatus', () => {
  const status = ref<TicketStatus | null>(null);
  const error = ref<AppError | { code: string; zh?: string; en?: string } | null>(null);
  const connection = ref<StatusConnection>('connecting');
  /** 好差评 by phone: offered once the ticket is finished (the server says until when). */
  const rating = ref<PhoneRatingState | null>(null);
  const ratingError = ref<AppError | null>(null);
  let link: HallConnection | null = null;

  async function loadRating(): Promise<void> {
    const l = link;
    if (!l) return;
    const result = await l.command('ticket:ratingState');
    if (link === l && result.ok) rating.value = result.data;
  }

  /** Sends the visitor's rating; the answer (or why it was refused, in words) updates the page. */
  async function rate(level: RatingLevel, reasons: RatingReason[]): Promise<boolean> {
    if (!link) return false;
    const result = await link.command('ticket:rate', { level, reasons });
    ratingError.value = result.ok ? null : result.error;
    await loadRating();
    return result.ok;
  }

  async function firstPaint(token: string): Promise<void> {
    try {
      const response = await fetch(`/api/ticket-status/${encodeURIComponent(token)}`);
      const result = (await response.json()) as Result<TicketStatus>;
      if (result.ok) {
        // The socket may already have delivered something newer.
        status.value ??= result.data;
      } else {
        error.value = result.error;
      }
    } catch {
      // The socket will deliver the status when it connects.
    }
  }

  function start(token: string, socket?: HallSocket): void {
    stop();
    status.value = null;
    error.value = null;
    rating.value = null;
    ratingError.value = null;
    connection.value = 'connecting';
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) {
      // Not a token the server could have issued (e.g. a mistyped or cut-off address).
      error.value = { code: 'TICKET_NOT_FOUND' };
      return;
    }
    void firstPaint(token);
    const l = openHallConnection({ auth: { role: 'ticket', statusToken: token }, socket });
    link = l;
    l.on('ticket:status', (next) => {
      const finishedNow = next.state === 'done' && status.value?.state !== 'done';
      status.value = next;
      error.value = null;
      connection.value = 'online';
      if (finishedNow || (next.state === 'done' && rating.value === null)) void loadRating();
    });
    l.onState((state) => {
      connection.value = state === 'online' ? 'online' : state === 'connecting' ? 'connecting' : 'offline';
      if (state === 'refused' && !status.value && l.refusal) error.value = errorOf(l.refusal);
    });
  }

  function stop(): void {
    link?.close();
    link = null;
  }

  return { status, error, connection, rating, ratingError, rate, start, stop };
});
