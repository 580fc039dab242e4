// Commands every hall screen may send: a fresh snapshot when it saw a gap (displays and consoles),
// or the kiosk's own snapshot of counts and estimates.
import type { HallQueries } from './hallQueries';
import type { CommandRegistrar } from '../core/command';
import type { AppSocket } from '../core/socketTypes';

export function registerHallHandlers(socket: AppSocket, on: CommandRegistrar, queries: HallQueries): void {
  on.query('hall:sync', () => queries.snapshot(socket.data.hallId));
  on.query('kiosk:sync', () => queries.kioskSnapshot(socket.data.hallId));
}
