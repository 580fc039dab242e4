// Wires a HallFeed to a connection: every snapshot and frame the server sends goes into the feed,
// a missed frame asks `hall:sync`, and the screen is told after each change. Used by the displays
// and the consoles; the kiosk follows its own counts (followKiosk.ts).
import type { HallSnapshot } from '../contracts/entities';
import type { HallConnection } from './hallConnection';
import { HallFeed, type FeedOutcome, type HallFeedOptions } from './hallFeed';

export interface HallFollower {
  readonly snapshot: HallSnapshot | null;
  /** Stops listening (the connection stays open). */
  stop(): void;
}

export function followHall(
  connection: HallConnection,
  options: HallFeedOptions,
  onChange: (snapshot: HallSnapshot | null, outcome: FeedOutcome) => void,
): HallFollower {
  const feed = new HallFeed(options);
  let stopped = false;

  function publish(outcome: FeedOutcome): void {
    if (stopped) return;
    onChange(feed.snapshot, outcome);
    if (outcome.needSync) void resync();
  }

  async function resync(): Promise<void> {
    const result = await connection.command('hall:sync');
    if (stopped) return;
    // A failed sync is tried again on the next frame or reconnect; meanwhile the screen shows what it has.
    if (result.ok) publish(feed.receiveSnapshot(result.data));
    else feed.syncFailed();
  }

  const off = [
    connection.on('hall:snapshot', (snapshot) => publish(feed.receiveSnapshot(snapshot))),
    connection.on('hall:changed', (frame) => publish(feed.receiveFrame(frame))),
  ];

  return {
    get snapshot() {
      return feed.snapshot;
    },
    stop() {
      stopped = true;
      off.forEach((unbind) => unbind());
    },
  };
}
