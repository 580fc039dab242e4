// Fires an action at a fixed offered rate (open loop): the schedule does not wait for answers, so
// a slow server shows up as latency, not as a quietly lowered rate.
import { epochNow, sleep } from './clock';

export interface ScheduleResult {
  fired: number;
  /** The worst delay between a slot's due time and when this process got to fire it. */
  maxLagMs: number;
}

export async function runSchedule(
  ratePerSec: number,
  durationMs: number,
  fire: () => void,
): Promise<ScheduleResult> {
  const interval = 1000 / ratePerSec;
  const total = Math.round((durationMs / 1000) * ratePerSec);
  const t0 = epochNow();
  let fired = 0;
  let maxLagMs = 0;
  while (fired < total) {
    const now = epochNow();
    while (fired < total && t0 + fired * interval <= now) {
      maxLagMs = Math.max(maxLagMs, now - (t0 + fired * interval));
      fired++;
      fire();
    }
    await sleep(Math.max(0, Math.min(interval, t0 + fired * interval - epochNow())));
  }
  return { fired, maxLagMs: Math.round(maxLagMs * 100) / 100 };
}
