// Real Socket.IO clients for the load generators, typed by the shared contract, plus the few
// commands the bench sends, each resolving to the server's Result (or a client-side failure code).
import { io, type Socket } from 'socket.io-client';
import type {
  HallSnapshot,
  IssuedTicket,
  SessionInfo,
  TicketView,
  HallWindow,
} from '@hall/shared/contracts/entities';
import type { KioskSnapshot } from '@hall/shared/contracts/frames';
import type {
  ClientToServerEvents,
  HandshakeAuth,
  ServerToClientEvents,
} from '@hall/shared/contracts/events';
import type { Result } from '@hall/shared/contracts/errors';
import type { EvaluatorRateInput, IssueTicketInput } from '@hall/shared/contracts/schemas';
import type { EvaluatorState, Rating } from '@hall/shared/contracts/ratings';

export type BenchSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Generous: a slow acknowledgement is measured, only a lost one counts as an error. */
export const ACK_TIMEOUT_MS = 30_000;
const CONNECT_TIMEOUT_MS = 30_000;

/** A command outcome: the server's Result, or TIMEOUT when no acknowledgement came at all. */
export type Outcome<T> = { ok: true; data: T } | { ok: false; code: string };

export interface Connection<S = HallSnapshot> {
  socket: BenchSocket;
  snapshot: S;
}

/**
 * Connects and resolves after the first hall:snapshot. `onReady` runs inside that snapshot's
 * handler, so listeners it adds miss nothing that arrives in the same network read.
 */
export function connect(
  url: string,
  auth: HandshakeAuth,
  onReady?: (c: Connection) => void,
): Promise<Connection> {
  return connectFor<HallSnapshot>('hall:snapshot', url, auth, onReady);
}

/** A window's evaluator pad starts from its own state (its window and officer). */
export function connectEvaluator(url: string, deviceKey: string): Promise<Connection<EvaluatorState>> {
  return connectFor<EvaluatorState>('evaluator:state', url, { role: 'evaluator', deviceKey });
}

/** A kiosk starts from its own snapshot (counts and estimates, no tickets). */
export function connectKiosk(url: string, deviceKey: string): Promise<Connection<KioskSnapshot>> {
  return connectFor<KioskSnapshot>('kiosk:snapshot', url, { role: 'kiosk', deviceKey });
}

function connectFor<S extends HallSnapshot | KioskSnapshot | EvaluatorState>(
  snapshotEvent: 'hall:snapshot' | 'kiosk:snapshot' | 'evaluator:state',
  url: string,
  auth: HandshakeAuth,
  onReady?: (c: Connection<S>) => void,
): Promise<Connection<S>> {
  const socket: BenchSocket = io(url, {
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error('connect timed out'));
    }, CONNECT_TIMEOUT_MS);
    const ready = (snapshot: S) => {
      clearTimeout(timer);
      onReady?.({ socket, snapshot });
      resolve({ socket, snapshot });
    };
    socket.once(snapshotEvent, ready as never);
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      socket.close();
      reject(new Error(`connect_error ${error.message}`));
    });
  });
}

/** Opens many connections, a bounded number at a time, so the handshakes do not all time out together. */
export async function connectMany<T>(
  count: number,
  open: (i: number) => Promise<T>,
  parallel = 25,
): Promise<T[]> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await open(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, lane));
  return results;
}

function settle<T>(resolve: (o: Outcome<T>) => void) {
  return (error: Error | null, result: Result<T>) => {
    if (error) resolve({ ok: false, code: 'TIMEOUT' });
    else if (result.ok) resolve({ ok: true, data: result.data });
    else resolve({ ok: false, code: result.error.code });
  };
}

export const rateAtPad = (socket: BenchSocket, input: EvaluatorRateInput) =>
  new Promise<Outcome<Rating>>((resolve) =>
    socket.timeout(ACK_TIMEOUT_MS).emit('evaluator:rate', input, settle(resolve)),
  );

export const issueTicket = (socket: BenchSocket, input: IssueTicketInput) =>
  new Promise<Outcome<IssuedTicket>>((resolve) =>
    socket.timeout(ACK_TIMEOUT_MS).emit('ticket:issue', input, settle(resolve)),
  );

export const claimWindow = (socket: BenchSocket, windowId: number) =>
  new Promise<Outcome<HallWindow>>((resolve) =>
    socket.timeout(ACK_TIMEOUT_MS).emit('window:claim', { windowId }, settle(resolve)),
  );

export const openWindow = (socket: BenchSocket) =>
  new Promise<Outcome<HallWindow>>((resolve) =>
    socket.timeout(ACK_TIMEOUT_MS).emit('window:open', settle(resolve)),
  );

export const callNext = (socket: BenchSocket) =>
  new Promise<Outcome<TicketView>>((resolve) =>
    socket.timeout(ACK_TIMEOUT_MS).emit('counter:callNext', settle(resolve)),
  );

export const startServing = (socket: BenchSocket, ticketId: number) =>
  new Promise<Outcome<TicketView>>((resolve) =>
    socket.timeout(ACK_TIMEOUT_MS).emit('counter:start', { ticketId }, settle(resolve)),
  );

export const finishServing = (socket: BenchSocket, ticketId: number) =>
  new Promise<Outcome<TicketView>>((resolve) =>
    socket.timeout(ACK_TIMEOUT_MS).emit('counter:finish', { ticketId }, settle(resolve)),
  );

export async function login(url: string, username: string, password: string): Promise<SessionInfo> {
  const response = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const result = (await response.json()) as Result<SessionInfo>;
  if (!result.ok) throw new Error(`login ${username}: ${result.error.code}`);
  return result.data;
}
