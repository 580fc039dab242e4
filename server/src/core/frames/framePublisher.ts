// Turns committed changes into frames. The deltas a hall's changes commit within one short tick
// (FRAME_TICK_MS) go to each audience room as one frame, in commit order, built once and written
// once per room: work grows with frames, not with changes × sockets, so a burst of issues or a
// storm of calls never puts the hall behind. A configuration change sends every room a fresh
// snapshot instead (it contains everything before it). Each room of a hall (its displays are often
// hundreds of sockets) gets at most one frame per FRAME_INTERVAL_MS: the first change after a quiet
// spell goes out at the next tick, and while changes come thick and fast (a call, its start and the
// finish before it, several windows at once) they wait for the rest of that interval and go
// together. With several server processes each one publishes to its own sockets, from its own
// commits and those of the others (core/db/README.md).
import type { HallDelta, HallFrame } from '@hall/shared/contracts/frames';
import type { AppServer } from '../socketTypes';
import type { Logger } from '../logger';
import type { ChangeSink, CommittedChange } from '../groupCommit';
import type { HallStates } from '../hallState/hallStates';
import type { HallQueries } from '../../hall/hallQueries';
import { consoleRoom, displayRoom, kioskRoom } from './audiences';

/** Default tick: long enough to gather a call, its start and finish; short against the 100 ms target. */
export const DEFAULT_FRAME_TICK_MS = 10;
/**
 * Least time between two frames to one room of a hall. Nobody can tell 40 ms from 10 on a wall screen
 * or a console; under a storm of calls it halves what the screens cost the server (README, Performance).
 */
export const DEFAULT_FRAME_INTERVAL_MS = 40;
/**
 * Least time between two readings of a hall's waiting counts and estimates for its kiosks: the
 * estimates come from the call plan, which every call changes; a kiosk's buttons need not follow a
 * storm of calls more often than this (the ticket itself is told its exact place).
 */
export const KIOSK_QUEUE_MS = 500;
/** How often idle halls are checked for a new business day: screens show it within a minute of midnight. */
export const DEFAULT_DAY_CHECK_MS = 60_000;

export interface FramePublisherDeps {
  io: AppServer;
  states: HallStates;
  queries: HallQueries;
  logger: Logger;
  tickMs: number;
  /** Least time between two frames to one room of a hall (DEFAULT_FRAME_INTERVAL_MS). */
  frameIntervalMs?: number;
  /** How often to look for halls whose business day has ended; null: only when something happens. */
  dayCheckMs?: number | null;
  /** Called after each hall's frames went out (status pages refresh from the same changes). */
  afterFlush(hallId: number): void;
}

interface Pending {
  consoles: HallDelta[];
  displays: HallDelta[];
  snapshot: boolean;
  /** The queue changed since the kiosks' counts and estimates were last read. */
  kiosks: boolean;
}

interface RoomVersions {
  consoles: number;
  displays: number;
  kioskQueue: string;
  /** When the consoles and the displays were last sent a frame or snapshot (performance.now()). */
  consolesSentAt: number;
  displaysSentAt: number;
  /** When the kiosks' counts and estimates were last read. */
  kiosksReadAt: number;
}

export interface FramePublisher extends ChangeSink {
  /** Sends every room of the hall a snapshot at the next tick (after admin changes made elsewhere). */
  requestSnapshot(hallId: number): void;
  /** Frames sent so far, per audience (the bench and the tests count them). */
  stats(): { consoles: number; displays: number; kiosks: number; snapshots: number };
  /** Stops the tick (the server is closing: nothing is left to send to). */
  close(): void;
}

export function createFramePublisher(deps: FramePublisherDeps): FramePublisher {
  const pending = new Map<number, Pending>();
  const rooms = new Map<number, RoomVersions>();
  const counts = { consoles: 0, displays: 0, kiosks: 0, snapshots: 0 };
  let timer: NodeJS.Timeout | null = null;
  let timerDueAt = Number.POSITIVE_INFINITY;
  const intervalMs = deps.frameIntervalMs ?? DEFAULT_FRAME_INTERVAL_MS;

  // A new business day is sent as a snapshot too: screens that stayed connected across the hall's
  // midnight drop yesterday's queue and calls, which a screen connecting after midnight never had.
  const stopNewDays = deps.states.onNewDay((hallId) => requestSnapshot(hallId));
  const dayCheckMs = deps.dayCheckMs === undefined ? DEFAULT_DAY_CHECK_MS : deps.dayCheckMs;
  const dayTimer = dayCheckMs === null ? null : setInterval(startNewDays, dayCheckMs);
  dayTimer?.unref();

  function startNewDays(): void {
    try {
      deps.states.startNewDays();
    } catch (error) {
      // A hall removed meanwhile, or a database hiccup: the next check or change tries again.
      deps.logger.error({ err: error }, 'starting a new business day failed');
    }
  }

  function requestSnapshot(hallId: number): void {
    pendingFor(hallId).snapshot = true;
    schedule();
  }

  function pendingFor(hallId: number): Pending {
    let p = pending.get(hallId);
    if (!p) pending.set(hallId, (p = { consoles: [], displays: [], snapshot: false, kiosks: false }));
    return p;
  }

  /**
   * What each room was last sent. A room starts just before the first delta this process
   * committed for the hall: every delta since is in its frames, and every snapshot a screen holds
   * from this process is at least that new.
   */
  function roomsOf(hallId: number, start: number): RoomVersions {
    let r = rooms.get(hallId);
    if (!r)
      rooms.set(
        hallId,
        (r = {
          consoles: start,
          displays: start,
          kioskQueue: '',
          consolesSentAt: Number.NEGATIVE_INFINITY,
          displaysSentAt: Number.NEGATIVE_INFINITY,
          kiosksReadAt: Number.NEGATIVE_INFINITY,
        }),
      );
    return r;
  }

  /** A flush within `delayMs` (an earlier one already due stands). */
  function schedule(delayMs = deps.tickMs): void {
    const dueAt = performance.now() + delayMs;
    if (timer) {
      if (timerDueAt <= dueAt) return;
      clearTimeout(timer);
    }
    timerDueAt = dueAt;
    timer = setTimeout(flush, delayMs);
  }

  function flush(): void {
    timer = null;
    timerDueAt = Number.POSITIVE_INFINITY;
    const now = performance.now();
    let next = Number.POSITIVE_INFINITY;
    for (const [hallId, p] of [...pending.entries()]) {
      try {
        if (flushHall(hallId, p, now)) deps.afterFlush(hallId);
      } catch (error) {
        // Screens resync on their next frame; the changes themselves are committed and answered.
        deps.logger.error({ err: error, hallId }, 'sending frames failed');
        p.consoles = [];
        p.displays = [];
        p.snapshot = false;
        p.kiosks = false;
      }
      const r = rooms.get(hallId)!;
      if (p.consoles.length > 0) next = Math.min(next, r.consolesSentAt + intervalMs);
      if (p.displays.length > 0) next = Math.min(next, r.displaysSentAt + intervalMs);
      if (p.kiosks) next = Math.min(next, r.kiosksReadAt + KIOSK_QUEUE_MS);
      if (p.consoles.length === 0 && p.displays.length === 0 && !p.kiosks) pending.delete(hallId);
    }
    // Rooms held back for their interval: flush again when the first of them is due.
    if (next < Number.POSITIVE_INFINITY) schedule(Math.max(0, next - now));
  }

  function frameOf(base: number, deltas: HallDelta[]): HallFrame {
    return { base, version: deltas[deltas.length - 1]!.version, deltas };
  }

  /**
   * Sends each room what is due; deltas of a room still inside its interval stay pending. True when
   * the consoles were sent something (the hall's status pages and kiosks follow them).
   */
  function flushHall(hallId: number, p: Pending, now: number): boolean {
    const r = roomsOf(hallId, deps.states.get(hallId).version);
    // This process's own sockets only: every process builds the frames for its screens from the
    // same ordered stream of committed changes (its own and, on PostgreSQL, the other processes'),
    // so a frame's base is always the version this room was last sent from here.
    const io = deps.io.local;
    if (p.snapshot) {
      const snapshot = deps.queries.snapshot(hallId);
      io.to([displayRoom(hallId), consoleRoom(hallId)]).emit('hall:snapshot', snapshot);
      const kiosk = deps.queries.kioskSnapshot(hallId);
      io.to(kioskRoom(hallId)).emit('kiosk:snapshot', kiosk);
      r.consoles = r.displays = snapshot.version;
      r.consolesSentAt = r.displaysSentAt = r.kiosksReadAt = now;
      r.kioskQueue = JSON.stringify(kiosk.queue);
      counts.snapshots += 1;
      // The snapshot holds every change so far.
      p.snapshot = false;
      p.consoles = [];
      p.displays = [];
      p.kiosks = false;
      return true;
    }
    const consolesDue = p.consoles.length > 0 && now - r.consolesSentAt >= intervalMs;
    const displaysDue = p.displays.length > 0 && now - r.displaysSentAt >= intervalMs;
    const sendDisplays = (): void => {
      const forDisplays = frameOf(r.displays, p.displays);
      io.to(displayRoom(hallId)).emit('hall:changed', forDisplays);
      r.displays = forDisplays.version;
      r.displaysSentAt = now;
      counts.displays += 1;
      p.displays = [];
    };
    if (!consolesDue) {
      if (displaysDue) sendDisplays();
      sendKioskQueue(hallId, p, r, now);
      return false;
    }
    const forConsoles = frameOf(r.consoles, p.consoles);
    if (displaysDue && p.displays.length === p.consoles.length && r.displays === r.consoles) {
      // The usual case for calls and issues: one frame, encoded once, for both rooms.
      io.to([consoleRoom(hallId), displayRoom(hallId)]).emit('hall:changed', forConsoles);
      r.displays = forConsoles.version;
      r.displaysSentAt = now;
      counts.displays += 1;
      p.displays = [];
    } else {
      io.to(consoleRoom(hallId)).emit('hall:changed', forConsoles);
      if (displaysDue) sendDisplays();
    }
    r.consoles = forConsoles.version;
    r.consolesSentAt = now;
    counts.consoles += 1;
    p.consoles = [];
    p.kiosks = true;
    sendKioskQueue(hallId, p, r, now);
    return true;
  }

  /** Kiosks: the counts and estimates when they changed, read at most once per KIOSK_QUEUE_MS. */
  function sendKioskQueue(hallId: number, p: Pending, r: RoomVersions, now: number): void {
    if (!p.kiosks || now - r.kiosksReadAt < KIOSK_QUEUE_MS) return;
    p.kiosks = false;
    r.kiosksReadAt = now;
    const queue = deps.queries.kioskQueue(hallId);
    const json = JSON.stringify(queue);
    if (json === r.kioskQueue) return;
    r.kioskQueue = json;
    deps.io.local
      .to(kioskRoom(hallId))
      .emit('kiosk:queue', { version: deps.states.get(hallId).version, queue });
    counts.kiosks += 1;
  }

  return {
    committed(changes: readonly CommittedChange[]): void {
      for (const change of changes) {
        const p = pendingFor(change.hallId);
        const first = change.deltas[0]?.delta.version;
        roomsOf(change.hallId, first === undefined ? deps.states.get(change.hallId).version : first - 1);
        for (const { delta, displays } of change.deltas) {
          p.consoles.push(delta);
          if (displays) p.displays.push(delta);
        }
        if (change.snapshot) p.snapshot = true;
        // A change with nothing to show (a home visit, an unchanged window claim) sends nothing.
        if (change.deltas.length === 0 && !change.snapshot) {
          if (p.consoles.length === 0 && p.displays.length === 0 && !p.snapshot && !p.kiosks)
            pending.delete(change.hallId);
          continue;
        }
        schedule();
      }
    },
    requestSnapshot,
    stats: () => ({ ...counts }),
    close(): void {
      stopNewDays();
      if (dayTimer) clearInterval(dayTimer);
      if (timer) clearTimeout(timer);
      timer = null;
      timerDueAt = Number.POSITIVE_INFINITY;
      pending.clear();
    },
  };
}
