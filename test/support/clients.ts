// Real Socket.IO clients for tests, typed by the shared contract.
import { io, type Socket } from 'socket.io-client';
import type { HallSnapshot, SessionInfo } from '@hall/shared/contracts/entities';
import type { HallDelta, HallDeltaType, KioskSnapshot } from '@hall/shared/contracts/frames';
import type {
  ClientToServerEvents,
  HandshakeAuth,
  ServerToClientEvents,
} from '@hall/shared/contracts/events';
import type { Result } from '@hall/shared/contracts/errors';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface ConnectedClient {
  socket: TestSocket;
  snapshot: HallSnapshot;
  close(): void;
}

/** A kiosk sees counts and estimates only: its snapshot has no tickets and no windows. */
export interface KioskClient {
  socket: TestSocket;
  snapshot: KioskSnapshot;
  close(): void;
}

type KioskAuth = { role: 'kiosk'; deviceKey: string };

/**
 * Connects and resolves after the first snapshot (hall:snapshot, or kiosk:snapshot for a kiosk);
 * rejects with the connect_error message.
 */
export function connectClient(url: string, auth: KioskAuth, timeoutMs?: number): Promise<KioskClient>;
export function connectClient(url: string, auth: HandshakeAuth, timeoutMs?: number): Promise<ConnectedClient>;
export function connectClient(
  url: string,
  auth: HandshakeAuth,
  timeoutMs = 5000,
): Promise<ConnectedClient | KioskClient> {
  const socket: TestSocket = io(url, {
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error('connect timed out'));
    }, timeoutMs);
    const ready = (snapshot: HallSnapshot | KioskSnapshot) => {
      clearTimeout(timer);
      resolve({ socket, snapshot, close: () => socket.close() } as ConnectedClient | KioskClient);
    };
    if (auth.role === 'kiosk') socket.once('kiosk:snapshot', ready);
    else socket.once('hall:snapshot', ready);
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      socket.close();
      reject(error);
    });
  });
}

/** Window number → id, read through a display (kiosks are not told about windows). */
export async function windowIdsOf(url: string, displayKey: string): Promise<Map<number, number>> {
  const display = await connectClient(url, { role: 'display', deviceKey: displayKey });
  display.close();
  return new Map(display.snapshot.windows.map((w) => [w.number, w.id]));
}

/** Connects an account that gets no hall snapshot (a city account); resolves once connected. */
export function connectAccount(url: string, auth: HandshakeAuth, timeoutMs = 5000): Promise<TestSocket> {
  const socket = connectRaw(url, auth);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error('connect timed out'));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      socket.close();
      reject(error);
    });
  });
}

/** Connects without waiting for a snapshot (for the ticket-status role, or to observe refusals). */
export function connectRaw(url: string, auth: unknown, reconnection = false): TestSocket {
  return io(url, { auth: auth as HandshakeAuth, transports: ['websocket'], reconnection, forceNew: true });
}

export async function login(url: string, username: string, password: string): Promise<SessionInfo> {
  const response = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const result = (await response.json()) as Result<SessionInfo>;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

/** Emits a command and resolves with its acknowledgement. Untyped on purpose so tests can send bad payloads. */
export function emitAck<T = unknown>(
  socket: TestSocket,
  event: string,
  ...args: unknown[]
): Promise<Result<T>> {
  const raw = socket as unknown as { timeout(ms: number): { emit(e: string, ...a: unknown[]): void } };
  return new Promise((resolve, reject) => {
    raw.timeout(5000).emit(event, ...args, (error: Error | null, result: Result<T>) => {
      if (error) reject(error);
      else resolve(result);
    });
  });
}

/**
 * Resolves with the next delta of `type` (optionally one matching `match`) in the socket's hall
 * frames. Listening starts at the call: create the promise before the command that causes it.
 */
export function nextDelta<T extends HallDeltaType>(
  socket: TestSocket,
  type: T,
  match: (delta: Extract<HallDelta, { type: T }>) => boolean = () => true,
  timeoutMs = 5000,
): Promise<Extract<HallDelta, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onFrame: ServerToClientEvents['hall:changed'] = (frame) => {
      for (const delta of frame.deltas) {
        if (delta.type === type && match(delta as Extract<HallDelta, { type: T }>)) {
          clearTimeout(timer);
          socket.off('hall:changed', onFrame);
          resolve(delta as Extract<HallDelta, { type: T }>);
          return;
        }
      }
    };
    const timer = setTimeout(() => {
      socket.off('hall:changed', onFrame);
      reject(new Error(`no ${type} delta within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('hall:changed', onFrame);
  });
}

/** Calls `listener` with every delta of every hall frame the socket receives, in order. */
export function onDeltas(socket: TestSocket, listener: (delta: HallDelta) => void): () => void {
  const onFrame: ServerToClientEvents['hall:changed'] = (frame) => frame.deltas.forEach(listener);
  socket.on('hall:changed', onFrame);
  return () => socket.off('hall:changed', onFrame);
}

/**
 * Resolves with the next hall snapshot that shows `match`: a configuration change reaches the
 * screens as a snapshot at the next frame tick, so one from an earlier change may come first.
 */
export function nextSnapshot(
  socket: TestSocket,
  match: (snapshot: HallSnapshot) => boolean,
  timeoutMs = 5000,
): Promise<HallSnapshot> {
  return nextMatching(socket, 'hall:snapshot', match, timeoutMs);
}

/** The same for a kiosk's snapshot. */
export function nextKioskSnapshot(
  socket: TestSocket,
  match: (snapshot: KioskSnapshot) => boolean,
  timeoutMs = 5000,
): Promise<KioskSnapshot> {
  return nextMatching(socket, 'kiosk:snapshot', match, timeoutMs);
}

function nextMatching<S>(
  socket: TestSocket,
  event: 'hall:snapshot' | 'kiosk:snapshot',
  match: (snapshot: S) => boolean,
  timeoutMs: number,
): Promise<S> {
  const raw = socket as unknown as {
    on(e: string, h: (s: S) => void): void;
    off(e: string, h: (s: S) => void): void;
  };
  return new Promise((resolve, reject) => {
    const onSnapshot = (snapshot: S) => {
      if (!match(snapshot)) return;
      clearTimeout(timer);
      raw.off(event, onSnapshot);
      resolve(snapshot);
    };
    const timer = setTimeout(() => {
      raw.off(event, onSnapshot);
      reject(new Error(`no matching ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    raw.on(event, onSnapshot);
  });
}

/** Resolves with the next payload of `event`. */
export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: TestSocket,
  event: E,
  timeoutMs = 5000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return nextEventWhere(socket, event, () => true, timeoutMs);
}

/**
 * The next `event` whose payload satisfies `match`. For pushes that may legitimately come more than
 * once (a status page hears every change of its ticket's outlook, not only the one a test makes).
 */
export function nextEventWhere<E extends keyof ServerToClientEvents>(
  socket: TestSocket,
  event: E,
  match: (payload: Parameters<ServerToClientEvents[E]>[0]) => boolean,
  timeoutMs = 5000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  const on = socket as unknown as {
    on(e: string, h: (p: unknown) => void): void;
    off(e: string, h: (p: unknown) => void): void;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      on.off(event, handler);
      reject(new Error(`no matching ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const handler = (payload: unknown) => {
      const typed = payload as Parameters<ServerToClientEvents[E]>[0];
      if (!match(typed)) return;
      clearTimeout(timer);
      on.off(event, handler);
      resolve(typed);
    };
    on.on(event, handler);
  });
}

/**
 * A staff (or admin) client that has signed in, claimed a window and opened it. `releaseHeld`: the
 * account holds another window, and the person confirmed switching (else such a claim is refused).
 */
export async function staffAtWindow(
  url: string,
  username: string,
  password: string,
  windowId: number,
  options: { releaseHeld?: boolean } = {},
) {
  const session = await login(url, username, password);
  const client = await connectClient(url, { role: 'staff', sessionToken: session.token });
  const claimed = await emitAck(client.socket, 'window:claim', {
    windowId,
    releaseHeld: options.releaseHeld ?? false,
  });
  if (!claimed.ok) throw new Error(claimed.error.message);
  const opened = await emitAck(client.socket, 'window:open');
  if (!opened.ok) throw new Error(opened.error.message);
  return { ...client, session };
}

/** The server's group commits so far (from /api/health): transactions, and the changes they carried. */
export async function commitsOf(url: string): Promise<{ transactions: number; changes: number }> {
  const response = await fetch(`${url}/api/health`);
  const result = (await response.json()) as Result<{ commits: { transactions: number; changes: number } }>;
  if (!result.ok) throw new Error(result.error.code);
  return result.data.commits;
}

let requestCounter = 0;
export const newRequestId = () =>
  `req${Date.now().toString(36)}x${(requestCounter++).toString(36)}xxxxxx`.slice(0, 64);
