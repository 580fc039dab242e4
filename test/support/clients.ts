// Real Socket.IO clients for tests, typed by the shared contract.
import { io, type Socket } from 'socket.io-client';
import type { HallSnapshot, SessionInfo } from '@hall/shared/contracts/entities';
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

/** Connects and resolves after the first hall:snapshot; rejects with the connect_error message. */
export function connectClient(url: string, auth: HandshakeAuth, timeoutMs = 5000): Promise<ConnectedClient> {
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
    socket.once('hall:snapshot', (snapshot) => {
      clearTimeout(timer);
      resolve({ socket, snapshot, close: () => socket.close() });
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      socket.close();
      reject(error);
    });
  });
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

/** Resolves with the next payload of `event`. */
export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: TestSocket,
  event: E,
  timeoutMs = 5000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    const handler = (payload: unknown) => {
      clearTimeout(timer);
      resolve(payload as Parameters<ServerToClientEvents[E]>[0]);
    };
    (socket as unknown as { once(e: string, h: (p: unknown) => void): void }).once(event, handler);
  });
}

/** A staff (or admin) client that has signed in, claimed a window and opened it. */
export async function staffAtWindow(url: string, username: string, password: string, windowId: number) {
  const session = await login(url, username, password);
  const client = await connectClient(url, { role: 'staff', sessionToken: session.token });
  const claimed = await emitAck(client.socket, 'window:claim', { windowId });
  if (!claimed.ok) throw new Error(claimed.error.message);
  const opened = await emitAck(client.socket, 'window:open');
  if (!opened.ok) throw new Error(opened.error.message);
  return { ...client, session };
}

let requestCounter = 0;
export const newRequestId = () =>
  `req${Date.now().toString(36)}x${(requestCounter++).toString(36)}xxxxxx`.slice(0, 64);
