// Follows one screen's hall frames exactly as the client library applies them (shared/client): a
// frame whose base is above the screen's version means a missed frame (the screen would resync).
// Records every delta applied, in order, and every gap.
import type { HallSnapshot } from '@hall/shared/contracts/entities';
import type { HallDelta, HallFrame } from '@hall/shared/contracts/frames';
import type { TestSocket } from '../../support/clients';

export interface FrameChain {
  readonly version: number;
  readonly deltas: HallDelta[];
  /** Frames whose base was above the version held: each would have cost the screen a resync. */
  readonly gaps: number;
  readonly snapshots: number;
  /** Resolves once `done` holds for the deltas applied so far. */
  until(done: (deltas: readonly HallDelta[]) => boolean, timeoutMs?: number): Promise<void>;
  stop(): void;
}

export function followFrames(socket: TestSocket, snapshot: { version: number }): FrameChain {
  let version = snapshot.version;
  const deltas: HallDelta[] = [];
  let gaps = 0;
  let snapshots = 0;
  const waiters = new Set<() => void>();
  const onFrame = (frame: HallFrame) => {
    if (frame.base > version) gaps += 1;
    for (const delta of frame.deltas) {
      if (delta.version <= version) continue;
      deltas.push(delta);
      version = delta.version;
    }
    version = Math.max(version, frame.version);
    for (const w of [...waiters]) w();
  };
  const onSnapshot = (s: HallSnapshot) => {
    snapshots += 1;
    version = s.version;
  };
  socket.on('hall:changed', onFrame);
  socket.on('hall:snapshot', onSnapshot);
  return {
    get version() {
      return version;
    },
    deltas,
    get gaps() {
      return gaps;
    },
    get snapshots() {
      return snapshots;
    },
    until(done, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!done(deltas)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`frames did not arrive in ${timeoutMs} ms (have ${deltas.length} deltas)`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    stop() {
      socket.off('hall:changed', onFrame);
      socket.off('hall:snapshot', onSnapshot);
    },
  };
}
