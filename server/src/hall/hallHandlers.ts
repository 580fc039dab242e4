// Commands every hall role may send.
import type { HallQueries } from './hallQueries';
import type { CommandRegistrar } from '../core/command';
import type { AppSocket } from '../core/socketTypes';

export function registerHallHandlers(socket: AppSocket, on: CommandRegistrar, queries: HallQueries): void {
  on.query('hall:sync', () => queries.snapshot(socket.data.hallId));
}
