// A screen or kiosk that survives its server process: connected first to one process, it
// reconnects through the city proxy when the line drops (the proxy skips a dead process) and
// starts again from the fresh snapshot it gets there. Commands are retried with the same request
// id until answered, as the kiosk's client library does.
import { io } from 'socket.io-client';
import type { HandshakeAuth } from '@hall/shared/contracts/events';
import type { Result } from '@hall/shared/contracts/errors';
import type { TestSocket } from '../../support/clients';

export interface ResilientClient {
  readonly socket: TestSocket;
  /** Connections made so far (1 = never reconnected). */
  readonly connections: number;
  /** The version of the latest snapshot received (hall or kiosk). */
  readonly snapshotVersion: number;
  /** Sends until answered (an answer may be a refusal); resends after a lost line or no answer. */
  command<T>(event: string, payload: unknown, retryOn?: readonly string[]): Promise<Result<T>>;
  /** Called with each new socket, before its snapshot (bind listeners here). */
  onSocket(listener: (socket: TestSocket) => void): void;
  close(): void;
}

const snapshotEvent = (auth: HandshakeAuth) => (auth.role === 'kiosk' ? 'kiosk:snapshot' : 'hall:snapshot');

export async function connectResilient(
  firstUrl: string,
  fallbackUrl: string,
  auth: HandshakeAuth,
): Promise<ResilientClient> {
  let socket: TestSocket;
  let connections = 0;
  let snapshotVersion = 0;
  let closed = false;
  let ready: Promise<void> = Promise.resolve();
  const listeners: ((s: TestSocket) => void)[] = [];

  function open(url: string): Promise<void> {
    const s: TestSocket = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
    socket = s;
    for (const l of listeners) l(s);
    return new Promise((resolve) => {
      const rawOnce = s as unknown as { once(e: string, h: (snapshot: { version: number }) => void): void };
      rawOnce.once(snapshotEvent(auth), (snapshot) => {
        connections += 1;
        snapshotVersion = snapshot.version;
        resolve();
      });
      s.once('connect_error', () => {
        s.close();
        setTimeout(() => void open(fallbackUrl).then(resolve), 100);
      });
      s.once('disconnect', () => {
        if (closed) return;
        ready = new Promise((again) => setTimeout(() => void open(fallbackUrl).then(again), 50));
      });
    });
  }

  ready = open(firstUrl);
  await ready;

  return {
    get socket() {
      return socket;
    },
    get connections() {
      return connections;
    },
    get snapshotVersion() {
      return snapshotVersion;
    },
    onSocket(listener) {
      listeners.push(listener);
      listener(socket);
    },
    async command<T>(event: string, payload: unknown, retryOn: readonly string[] = ['STORAGE_FAILURE']) {
      for (let attempt = 0; attempt < 400; attempt += 1) {
        await ready;
        const current = socket;
        const answer = await new Promise<Result<T> | null>((resolve) => {
          const timed = current.timeout(3000) as unknown as {
            emit(e: string, p: unknown, ack: (error: Error | null, r: Result<T>) => void): void;
          };
          timed.emit(event, payload, (error, result) => resolve(error ? null : result));
        });
        if (answer && (answer.ok || !retryOn.includes(answer.error.code))) return answer;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`${event}: no answer after many retries`);
    },
    close() {
      closed = true;
      socket.close();
    },
  };
}
