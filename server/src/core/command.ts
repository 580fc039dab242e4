// Registers one socket command: checks the socket's command budget and that the role may send it,
// re-checks the session or device, validates the payload with its zod schema, runs the handler and
// always answers with a Result. Nothing a client sends can throw past this function.
import type { z } from 'zod';
import { COMMAND_ROLES, type ClientEventName } from '@hall/shared/contracts/events';
import { appError, DomainError, type AppError, type Result } from '@hall/shared/contracts/errors';
import type { AppSocket } from './socketTypes';
import { isStorageError, toAppError, validationError } from './errors';
import type { SocketAuthorizer } from '../auth/socketAuthorizer';
import type { Logger } from './logger';

const elapsed = (since: number): number => Math.round((performance.now() - since) * 100) / 100;

type Handler<In, Out> = (payload: In) => Out | Promise<Out>;

export interface CommandRegistrar {
  command<S extends z.ZodType, Out>(
    event: ClientEventName,
    schema: S,
    handler: Handler<z.output<S>, Out>,
  ): void;
  query<Out>(event: ClientEventName, handler: () => Out | Promise<Out>): void;
}

/** Command ids for the log: unique within this process, in arrival order. */
let lastCommandId = 0;

/**
 * Commands one socket may have unanswered at once. A screen sends one at a time (a kiosk one
 * ticket, a console one key); more than this is a flood, refused at once with RATE_LIMITED
 * instead of being queued in front of everyone else's work.
 */
export const DEFAULT_COMMAND_BUDGET = 64;

export function createRegistrar(
  socket: AppSocket,
  authorizer: SocketAuthorizer,
  logger: Logger,
  onError: (event: string, error: unknown) => void,
  budget = DEFAULT_COMMAND_BUDGET,
): CommandRegistrar {
  const raw = socket as unknown as { on(event: string, listener: (...args: unknown[]) => void): void };
  let inFlight = 0;
  let refusedSinceLog = 0;

  async function run(event: ClientEventName, work: () => unknown): Promise<Result<unknown>> {
    if (!COMMAND_ROLES[event].includes(socket.data.role)) return { ok: false, error: appError('FORBIDDEN') };
    try {
      authorizer.recheck(socket);
    } catch (error) {
      // The database did not answer (PostgreSQL restarting): the session is not at fault, so the
      // socket stays; the command is refused like any write in that moment.
      if (isStorageError(error)) {
        onError(event, error);
        return { ok: false, error: appError('STORAGE_FAILURE') };
      }
      const appErr: AppError = error instanceof DomainError ? error.appError : appError('UNAUTHENTICATED');
      authorizer.cutOff(socket, appErr.code);
      return { ok: false, error: appErr };
    }
    const cmdId = ++lastCommandId;
    const started = performance.now();
    try {
      const data = await work();
      if (logger.isLevelEnabled('debug'))
        logger.debug({ cmd: event, cmdId, ...who(), ms: elapsed(started) }, 'ok');
      return { ok: true, data };
    } catch (error) {
      const appErr = toAppError(error);
      if (error instanceof DomainError) {
        if (logger.isLevelEnabled('debug'))
          logger.debug({ cmd: event, cmdId, ...who(), ms: elapsed(started), code: appErr.code }, 'refused');
      } else {
        logger.error({ err: error, cmd: event, cmdId, ...who(), code: appErr.code }, 'command failed');
        onError(event, error);
      }
      return { ok: false, error: appErr };
    }
  }

  function who() {
    return { role: socket.data.role, hallId: socket.data.hallId, socket: socket.id };
  }

  /** Over budget: answered at once, without parsing, so a flood costs the hall almost nothing. */
  function refuseFlood(event: ClientEventName, ack: ((r: Result<unknown>) => void) | null): void {
    if (refusedSinceLog++ === 0) logger.warn({ cmd: event, ...who(), budget }, 'command budget exceeded');
    ack?.({ ok: false, error: appError('RATE_LIMITED', { seconds: 1 }) });
  }

  function listen(event: ClientEventName, respond: (args: unknown[]) => Promise<Result<unknown>>): void {
    raw.on(event, (...args: unknown[]) => {
      const last = args[args.length - 1];
      const ack = typeof last === 'function' ? (last as (r: Result<unknown>) => void) : null;
      if (inFlight >= budget) return refuseFlood(event, ack);
      inFlight += 1;
      const input = ack ? args.slice(0, -1) : args;
      respond(input)
        .then((result) => ack?.(result))
        .catch((error: unknown) => {
          logger.error({ err: error, cmd: event, ...who() }, 'command failed');
          onError(event, error);
          ack?.({ ok: false, error: appError('INTERNAL') });
        })
        .finally(() => {
          inFlight -= 1;
          if (inFlight === 0) refusedSinceLog = 0;
        });
    });
  }

  return {
    command(event, schema, handler) {
      listen(event, async ([payload]) => {
        const parsed = schema.safeParse(payload ?? {});
        if (!parsed.success) {
          // Role is checked first so a wrong-role client learns nothing about payload shapes.
          if (!COMMAND_ROLES[event].includes(socket.data.role))
            return { ok: false, error: appError('FORBIDDEN') };
          return { ok: false, error: validationError(parsed.error) };
        }
        return run(event, () => handler(parsed.data));
      });
    },
    query(event, handler) {
      listen(event, () => run(event, handler));
    },
  };
}
