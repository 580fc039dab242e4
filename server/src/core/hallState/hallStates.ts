// The hot state of every hall this server runs, loaded from the database the first time a hall is
// used (so a restart rebuilds it) and rolled over to a new business day at the hall's midnight.
import { DomainError } from '@hall/shared/contracts/errors';
import { businessDay } from '@hall/shared/hallTime';
import type { Repositories } from '../../repositories';
import { readConsistently } from '../db/sqlDatabase';
import { AVERAGE_OVER, HallState, type HallConfigState } from './hallState';

export function loadHallConfig(repos: Repositories, hallId: number): HallConfigState {
  const hall = repos.halls.find(hallId);
  if (!hall) throw new DomainError('HALL_NOT_FOUND');
  return {
    hall,
    rules: repos.halls.rules(hallId),
    services: repos.services.list(hallId),
    windows: repos.windows.list(hallId),
  };
}

export function loadHallState(repos: Repositories, hallId: number, now: number): HallState {
  // Several reads: on PostgreSQL another process may commit between them, so they share one
  // snapshot (inside a batch the hall's lock already keeps writers out).
  return readConsistently(repos.db, () => {
    const config = loadHallConfig(repos, hallId);
    const day = businessDay(now, config.hall.timezone);
    const serviceMinutes = new Map<number, number[]>();
    for (const service of config.services) {
      serviceMinutes.set(service.id, repos.tickets.recentServiceMinutes(hallId, service.id, AVERAGE_OVER));
    }
    return new HallState(hallId, {
      ...config,
      version: repos.halls.version(hallId),
      generation: repos.halls.generation(hallId),
      day,
      tickets: repos.tickets.active(hallId, day),
      serviceMinutes,
    });
  });
}

export function createHallStates(repos: Repositories, clock: () => number) {
  const states = new Map<number, HallState>();
  /** Halls whose copy here may be stale (a database session was lost): re-read at their next use. */
  const stale = new Set<number>();
  const newDayListeners = new Set<(hallId: number) => void>();
  const hallStates = {
    /** The hall's state as of now (the current business day). Throws HALL_NOT_FOUND. */
    get(hallId: number, now = clock()): HallState {
      let state = states.get(hallId);
      if (!state || stale.has(hallId)) {
        state = loadHallState(repos, hallId, now);
        states.set(hallId, state);
        stale.delete(hallId);
      }
      const today = businessDay(now, state.hall.timezone);
      if (today !== state.day) {
        state.startDay(today, repos.tickets.active(hallId, today));
        // Screens hold yesterday's queue and calls: nothing in a frame would ever take them away.
        for (const listener of [...newDayListeners]) listener(hallId);
      }
      return state;
    },
    /** The halls loaded so far (the ones with connected screens or commands since start). */
    loaded(): HallState[] {
      return [...states.values()].filter((s) => !stale.has(s.hallId));
    },
    /** The hall's state if this process holds a current one (no load, no day roll-over). */
    peek(hallId: number): HallState | null {
      return stale.has(hallId) ? null : (states.get(hallId) ?? null);
    },
    /** Reads the hall again from the database (another process changed it in a way not applied here). */
    reload(hallId: number, now = clock()): HallState {
      const state = loadHallState(repos, hallId, now);
      states.set(hallId, state);
      stale.delete(hallId);
      return state;
    },
    /**
     * The database session was lost (a COMMIT without answer may or may not have happened): every
     * hall held here is read again at its next use. Returns those halls.
     */
    markAllStale(): number[] {
      for (const hallId of states.keys()) stale.add(hallId);
      return [...states.keys()];
    },
    /**
     * Moves every loaded hall whose business day has ended to the new day, so screens hear of it
     * at midnight even when nothing else happens in the hall. Returns the halls that moved.
     */
    startNewDays(now = clock()): number[] {
      const moved: number[] = [];
      for (const state of hallStates.loaded()) {
        const day = state.day;
        if (hallStates.get(state.hallId, now).day !== day) moved.push(state.hallId);
      }
      return moved;
    },
    /** Called whenever a hall moves to a new business day (not when it is first loaded). */
    onNewDay(listener: (hallId: number) => void): () => void {
      newDayListeners.add(listener);
      return () => newDayListeners.delete(listener);
    },
  };
  return hallStates;
}
export type HallStates = ReturnType<typeof createHallStates>;
