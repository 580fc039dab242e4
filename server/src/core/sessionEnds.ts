// Cuts sessions off — a revoked device, a disabled account, a sign-out — on every server process:
// each process tells the sockets of the room that are connected to it, then closes them, in that
// order (through the Socket.IO adapter the notice and the disconnect would travel separately and
// could arrive the other way round). On SQLite there is one process and no one else to tell.
import type { SessionEndCode } from '@hall/shared/contracts/events';
import type { SocketData } from '@hall/shared/contracts/events';
import type { Logger } from './logger';
import type { AppServer } from './socketTypes';

export interface SessionEndsDeps {
  io: AppServer;
  logger: Logger;
  /** Other server processes share the database (PostgreSQL); the in-memory adapter has no one to tell. */
  clustered: boolean;
  /** Called for each socket about to be cut off here (e.g. a signed-out window is released). */
  beforeEnd?: (data: SocketData, code: SessionEndCode) => void;
}

export function createSessionEnds(deps: SessionEndsDeps) {
  const { io, logger } = deps;

  async function endHere(room: string, code: SessionEndCode): Promise<void> {
    const sockets = await io.local.in(room).fetchSockets();
    for (const socket of sockets) {
      try {
        deps.beforeEnd?.(socket.data, code);
      } catch (error) {
        logger.warn({ err: error }, 'ending a session: step before the cut-off failed');
      }
      socket.emit('session:ended', { code });
      socket.disconnect(true);
    }
  }

  io.on('sessions:end', (room, code) => void endHere(room, code));

  return {
    /** Ends every session in `room`, on this process at once and on the others by message. */
    async end(room: string, code: SessionEndCode): Promise<void> {
      if (deps.clustered) io.serverSideEmit('sessions:end', room, code);
      await endHere(room, code);
    },
  };
}
