// The console's hall connection (the client library's), opened for each session by the connection
// store. Stores and pages reach it here: commands in the console's own error words, server events,
// and "now online" — the first connection and every reconnect, after which a page reloads its data.
import type { ClientEventName, ServerToClientEvents } from '@hall/shared/contracts/events';
import type { AckData, HallConnection, LinkState, PayloadArgs } from '@hall/shared/client/hallConnection';
import { fromAppError, localError, type ConsoleError } from '../logic/consoleError';

export type ConsoleResult<T> = { ok: true; data: T } | { ok: false; error: ConsoleError };

let current: HallConnection | null = null;
let offCurrent: (() => void) | null = null;
const onlineListeners = new Set<() => void>();

export function currentLink(): HallConnection | null {
  return current;
}

/** The connection store hands over each session's connection (null when signed out). */
export function setLink(next: HallConnection | null): void {
  offCurrent?.();
  offCurrent = null;
  current = next;
  if (next) {
    offCurrent = next.onState((state: LinkState) => {
      if (state === 'online') for (const listener of [...onlineListeners]) listener();
    });
  }
}

/** Runs `listener` every time the console's connection comes up (after sign-in, after a restart). */
export function onOnline(listener: () => void): () => void {
  onlineListeners.add(listener);
  return () => onlineListeners.delete(listener);
}

/** A server event on the current connection, until the returned function is called. */
export function onServer<E extends keyof ServerToClientEvents>(
  event: E,
  handler: ServerToClientEvents[E],
): () => void {
  return current ? current.on(event, handler) : () => undefined;
}

/** A command, once connected; refusals and failures in words staff read (Chinese, then English). */
export async function command<E extends ClientEventName>(
  event: E,
  ...payload: PayloadArgs<E>
): Promise<ConsoleResult<AckData<E>>> {
  if (!current) return { ok: false, error: localError('OFFLINE') };
  const result = await current.command(event, ...payload);
  return result.ok ? result : { ok: false, error: fromAppError(result.error) };
}
