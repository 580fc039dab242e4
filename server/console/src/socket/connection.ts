// The console's one Socket.IO connection. Stores bind their handlers in actions and unbind them
// again; every command goes through `request`, which turns "no connection" and "no answer" into
// the same Result shape the server uses, so nothing can fail silently.
import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  ClientEventName,
  ServerToClientEvents,
} from '@hall/shared/contracts/events';
import type { Ack, Result } from '@hall/shared/contracts/errors';
import { fromAppError, localError, type ConsoleError } from '../logic/consoleError';

export type ConsoleSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

type Args<E extends ClientEventName> = Parameters<ClientToServerEvents[E]>;
/** The data an event's acknowledgement carries on success. */
export type AckData<E extends ClientEventName> = Args<E> extends [...unknown[], Ack<infer T>] ? T : never;
/** The payload of a command; `[]` for a query that takes none. */
export type PayloadArgs<E extends ClientEventName> = Args<E> extends [infer P, unknown] ? [P] : [];

export type ConsoleResult<T> = { ok: true; data: T } | { ok: false; error: ConsoleError };

/** How long a command may take before staff are told and the console re-reads its state. */
export const COMMAND_TIMEOUT_MS = 8000;

let socket: ConsoleSocket | null = null;

export function openSocket(sessionToken: string): ConsoleSocket {
  closeSocket();
  // Always announce 'staff': the server looks up the real role (staff or admin) from the session.
  socket = io({ auth: { role: 'staff', sessionToken }, transports: ['websocket', 'polling'] });
  return socket;
}

export function currentSocket(): ConsoleSocket | null {
  return socket;
}

export function closeSocket(): void {
  if (!socket) return;
  socket.removeAllListeners();
  socket.disconnect();
  socket = null;
}

type LooseEmit = (event: string, ...args: unknown[]) => void;

export function request<E extends ClientEventName>(
  event: E,
  ...payload: PayloadArgs<E>
): Promise<ConsoleResult<AckData<E>>> {
  const s = socket;
  if (!s || !s.connected) return Promise.resolve({ ok: false, error: localError('OFFLINE') });
  return new Promise((resolve) => {
    // socket.io's typed emit cannot express "payload tuple, then ack" generically; the public
    // signature above keeps callers typed, so the loose call stays inside this function.
    const timed = s.timeout(COMMAND_TIMEOUT_MS) as unknown as { emit: LooseEmit };
    timed.emit(event, ...payload, (err: unknown, result: Result<AckData<E>> | undefined) => {
      if (err || !result) {
        resolve({ ok: false, error: localError('NO_RESPONSE') });
        return;
      }
      resolve(result.ok ? result : { ok: false, error: fromAppError(result.error) });
    });
  });
}
