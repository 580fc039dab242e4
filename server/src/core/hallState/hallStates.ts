// The hot state of every hall this server runs, loaded from the database the first time a hall is
// used (so a restart rebuilds it) and rolled over to a new business day at the hall's midnight.
import { DomainError } from '@hall/shared/contracts/errors';
import { businessDay } from '@hall/shared/hallTime';
import type { Repositories } from '../../repositories';
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
  const config = loadHallConfig(repos, hallId);
  const day = businessDay(now, config.hall.timezone);
  const serviceMinutes = new Map<number, number[]>();
  for (const service of config.services) {
    serviceMinutes.set(service.id, repos.tickets.recentServiceMinutes(hallId, service.id, AVERAGE_OVER));
  }
  return new HallState(hallId, {
    ...config,
    version: repos.halls.version(hallId),
    day,
    tickets: repos.tickets.active(hallId, day),
    serviceMinutes,
  });
}

export function createHallStates(repos: Repositories, clock: () => number) {
  const states = new Map<number, HallState>();
  const newDayListeners = new Set<(hallId: number) => void>();
  const hallStates = {
    /** The hall's state as of now (the current business day). Throws HALL_NOT_FOUND. */
    get(hallId: number, now = clock()): HallState {
      let state = states.get(hallId);
      if (!state) {
        state = loadHallState(repos, hallId, now);
        states.set(hallId, state);
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
      return [...states.values()];
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
