// Tells a hall's admins when the database refuses a write (disk full, read-only file) and again
// when a write succeeds, so someone can free space or fix the disk before visitors notice.
import type { RunChange } from '../services/changes';
import { isStorageError } from './errors';
import { adminRoom, type AppServer } from './types';

export function createStorageAlarm(io: AppServer, clock: () => number) {
  const faultedHalls = new Set<number>();
  return {
    /** Call with any error a command threw; only storage errors raise the alarm. */
    faulted(hallId: number, command: string, error: unknown): void {
      if (!isStorageError(error)) return;
      faultedHalls.add(hallId);
      const code = String((error as { code: unknown }).code);
      io.to(adminRoom(hallId)).emit('storage:faulted', { fault: { code, command, at: clock() } });
    },
    /** Wraps the change runner: the first committed change after a fault clears the alarm. */
    watch(runChange: RunChange): RunChange {
      const watched: RunChange = (hallId, work) => {
        const result = runChange(hallId, work);
        if (faultedHalls.delete(hallId)) io.to(adminRoom(hallId)).emit('storage:faulted', { fault: null });
        return result;
      };
      return watched;
    },
  };
}
