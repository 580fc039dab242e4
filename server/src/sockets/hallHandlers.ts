// Commands every hall role may send.
import type { HallQueries } from '../services/hallQueries';
import type { CommandRegistrar } from './command';
import type { AppSocket } from './types';

export function registerHallHandlers(socket: AppSocket, on: CommandRegistrar, queries: HallQueries): void {
  on.query('hall:sync', () => queries.snapshot(socket.data.hallId));
}
