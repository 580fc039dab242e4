// The public status page's ticket: first painted from GET /api/ticket-status/:token, then kept
// live by `ticket:status` over a socket with the ticket role.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { TicketStatus } from '@hall/shared/contracts/entities';
import type { AppError, Result } from '@hall/shared/contracts/errors';
import { closeSocket, isFatalConnectError, openSocket } from '../socket';

export type StatusConnection = 'connecting' | 'online' | 'offline';

export const useTicketStatusStore = defineStore('ticketStatus', () => {
  const status = ref<TicketStatus | null>(null);
  const error = ref<AppError | { code: string; zh?: string; en?: string } | null>(null);
  const connection = ref<StatusConnection>('connecting');

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

  function start(token: string): void {
    stop();
    status.value = null;
    error.value = null;
    connection.value = 'connecting';
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) {
      // Not a token the server could have issued (e.g. a mistyped or cut-off address).
      error.value = { code: 'TICKET_NOT_FOUND' };
      return;
    }
    void firstPaint(token);
    const s = openSocket({ role: 'ticket', statusToken: token });
    s.on('ticket:status', (next) => {
      status.value = next;
      error.value = null;
      connection.value = 'online';
    });
    s.on('connect', () => {
      connection.value = 'online';
    });
    s.on('disconnect', () => {
      connection.value = 'offline';
    });
    s.on('connect_error', (e) => {
      connection.value = 'offline';
      if (isFatalConnectError(s) && !status.value) error.value = { code: e.message };
    });
  }

  function stop(): void {
    closeSocket();
  }

  return { status, error, connection, start, stop };
});
