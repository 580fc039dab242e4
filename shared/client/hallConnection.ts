// The one way a screen talks to the hall server (kiosk, wall and window displays, status page,
// staff and admin console). It opens the socket with the screen's handshake, keeps a link state,
// comes back by itself after a network cut or a server restart, and sends commands that wait for
// the connection first and always end in the Result shape: the server's answer, OFFLINE when
// there was no connection in time, NO_RESPONSE when the answer did not come in time.
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { appError, type Ack, type Result } from '../contracts/errors';
import type {
  ClientEventName,
  ClientToServerEvents,
  HandshakeAuth,
  ServerToClientEvents,
} from '../contracts/events';

export type HallSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * connecting: never connected yet · online: connected · offline: lost, reconnecting by itself ·
 * refused: the server refused this screen's credentials or ended its session (see `refusal`).
 */
export type LinkState = 'connecting' | 'online' | 'offline' | 'refused';

type Args<E extends ClientEventName> = Parameters<ClientToServerEvents[E]>;
/** The data an event's acknowledgement carries on success. */
export type AckData<E extends ClientEventName> = Args<E> extends [...unknown[], Ack<infer T>] ? T : never;
/** The payload of a command; `[]` for a query that takes none. */
export type PayloadArgs<E extends ClientEventName> = Args<E> extends [infer P, unknown] ? [P] : [];

export const DEFAULT_COMMAND_TIMEOUT_MS = 8000;

export interface HallConnectionOptions {
  /** The server's origin; empty or omitted: the page's own origin. */
  url?: string;
  auth: HandshakeAuth;
  /** How long a command waits for the connection, and then for its answer. */
  commandTimeoutMs?: number;
  reconnectDelayMs?: number;
  reconnectDelayMaxMs?: number;
  /** The server cut the line without ending the session (a restart): connect again after this. */
  reconnectAfterCutMs?: number;
  /** Refused (bad or revoked key): ask again this often, since an admin may fix it. Omitted: stay refused. */
  retryRefusedMs?: number;
  /** Tests hand in a fake socket; otherwise socket.io-client opens one. */
  socket?: HallSocket;
}

export interface HallConnection {
  readonly socket: HallSocket;
  readonly state: LinkState;
  /** Why the server refused this screen (an ErrorCode), or null. */
  readonly refusal: string | null;
  /** Listens to a server event until the returned function is called. */
  on<E extends keyof ServerToClientEvents>(event: E, handler: ServerToClientEvents[E]): () => void;
  /** Called on every change of `state`. */
  onState(listener: (state: LinkState) => void): () => void;
  /** Sends a command once connected; resolves with the server's Result, OFFLINE or NO_RESPONSE. */
  command<E extends ClientEventName>(event: E, ...payload: PayloadArgs<E>): Promise<Result<AckData<E>>>;
  /** The same with its own timeout (a print on the server's printer may take longer). */
  commandWithin<E extends ClientEventName>(
    timeoutMs: number,
    event: E,
    ...payload: PayloadArgs<E>
  ): Promise<Result<AckData<E>>>;
  /** Resolves true once connected (at once if already), false after `timeoutMs` or a refusal. */
  whenConnected(timeoutMs?: number): Promise<boolean>;
  close(): void;
}

export function openHallConnection(options: HallConnectionOptions): HallConnection {
  const timeoutMs = options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
  const socketOptions: Partial<ManagerOptions & SocketOptions> = {
    auth: options.auth,
    // WebSocket first (one long-lived connection on the hall LAN); long-polling only if a proxy
    // in between refuses WebSockets.
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    reconnection: true,
    reconnectionAttempts: Infinity,
    reconnectionDelay: options.reconnectDelayMs ?? 1000,
    reconnectionDelayMax: options.reconnectDelayMaxMs ?? 5000,
    timeout: 8000,
  };
  const socket: HallSocket =
    options.socket ?? (options.url ? io(options.url, socketOptions) : io(socketOptions));

  let state: LinkState = 'connecting';
  let refusal: string | null = null;
  let closed = false;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  const stateListeners = new Set<(state: LinkState) => void>();
  const unbinders: (() => void)[] = [];

  function setState(next: LinkState): void {
    if (next === state) return;
    state = next;
    for (const listener of [...stateListeners]) listener(next);
  }

  function connectLater(ms: number): void {
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      if (!closed && !socket.connected) socket.connect();
    }, ms);
  }

  function refuse(code: string): void {
    refusal = code;
    setState('refused');
    if (options.retryRefusedMs !== undefined) connectLater(options.retryRefusedMs);
  }

  function listen(event: string, handler: (...args: never[]) => void): void {
    const raw = socket as unknown as {
      on(e: string, h: (...a: never[]) => void): void;
      off(e: string, h: (...a: never[]) => void): void;
    };
    raw.on(event, handler);
    unbinders.push(() => raw.off(event, handler));
  }

  listen('connect', () => {
    refusal = null;
    setState('online');
  });
  listen('disconnect', (reason: string) => {
    if (state !== 'refused') setState('offline');
    // socket.io does not come back by itself when the server cut the line on purpose.
    if (reason === 'io server disconnect' && state !== 'refused')
      connectLater(options.reconnectAfterCutMs ?? 1500);
  });
  listen('connect_error', (error: Error) => {
    // The server's middleware refused us (the message is an ErrorCode) and socket.io stopped
    // retrying; a network failure keeps retrying.
    if (!socket.active) refuse(error.message);
    else if (state !== 'refused') setState('offline');
  });
  listen('session:ended', (e: { code: string }) => refuse(e.code));

  function whenConnected(waitMs = timeoutMs): Promise<boolean> {
    if (socket.connected) return Promise.resolve(true);
    if (closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (connected: boolean) => {
        clearTimeout(timer);
        stateListeners.delete(onState);
        resolve(connected);
      };
      const onState = (next: LinkState) => {
        if (next === 'online') done(true);
        else if (next === 'refused') done(false);
      };
      const timer = setTimeout(() => done(false), waitMs);
      stateListeners.add(onState);
    });
  }

  type LooseTimed = { emitWithAck(event: string, ...args: unknown[]): Promise<unknown> };

  async function send<E extends ClientEventName>(
    ms: number,
    event: E,
    payload: PayloadArgs<E>,
  ): Promise<Result<AckData<E>>> {
    // A page opened directly sends its first requests before the socket is up: wait for it.
    if (!(await whenConnected(ms))) return { ok: false, error: appError('OFFLINE') };
    try {
      // socket.io's typed emit cannot express "payload tuple, then ack" generically; the public
      // signature keeps callers typed, so the loose call stays here.
      const timed = socket.timeout(ms) as unknown as LooseTimed;
      return (await timed.emitWithAck(event, ...payload)) as Result<AckData<E>>;
    } catch {
      return { ok: false, error: appError('NO_RESPONSE') };
    }
  }

  return {
    socket,
    get state() {
      return state;
    },
    get refusal() {
      return refusal;
    },
    on(event, handler) {
      const raw = socket as unknown as {
        on(e: string, h: unknown): void;
        off(e: string, h: unknown): void;
      };
      raw.on(event, handler);
      return () => raw.off(event, handler);
    },
    onState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    command(event, ...payload) {
      return send(timeoutMs, event, payload);
    },
    commandWithin(ms, event, ...payload) {
      return send(ms, event, payload);
    },
    whenConnected,
    close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      for (const unbind of unbinders.splice(0)) unbind();
      stateListeners.clear();
      socket.disconnect();
    },
  };
}
