// Tells a hall's admins when the database refuses a write (disk full, read-only file) and again
// when a write succeeds, so someone can free space or fix the disk before visitors notice.
import type { RunChange } from './groupCommit';
import { isStorageError } from './errors';
import { adminRoom } from './frames/audiences';
import type { AppServer, AppSocket } from './socketTypes';

type StorageFault = { code: string; command: string; at: number };

export function createStorageAlarm(io: AppServer, clock: () => number) {
  // The latest fault per hall, so an admin who opens the console mid-fault is told at once.
  const faults = new Map<number, StorageFault>();
  return {
    /** Tells a newly connected admin about a fault that is still active. */
    greet(socket: AppSocket, hallId: number): void {
      const fault = faults.get(hallId);
      if (fault) socket.emit('storage:faulted', { fault });
    },
    /** Call with any error a command threw; only storage errors raise the alarm. */
    faulted(hallId: number, command: string, error: unknown): void {
      if (!isStorageError(error)) return;
      const fault = { code: String((error as { code: unknown }).code), command, at: clock() };
      faults.set(hallId, fault);
      io.to(adminRoom(hallId)).emit('storage:faulted', { fault });
    },
    /** Wraps the change runner: the first committed change after a fault clears the alarm. */
    watch(runChange: RunChange): RunChange {
      const watched: RunChange = async (hallId, work) => {
        const result = await runChange(hallId, work);
        if (faults.delete(hallId)) io.to(adminRoom(hallId)).emit('storage:faulted', { fault: null });
        return result;
      };
      return watched;
    },
  };
}
