// The server process keeps its own clock in its halls' time zone, so the hall's calendar and clock
// (shared/hallTime.ts) are read from Date rather than from Intl formatters, whose ICU tables cost a
// hall server about 5 MB resident (issue 11). Only when every hall of the process shares one zone:
// a city whose halls span zones keeps the formatters for all of them. Called once, at start, by the
// production entry (main.ts), never by tests that run a server inside their own process.
import { adoptProcessZone } from '@hall/shared/hallTime';

/** Sets the process's zone to the halls' one zone and returns it, or null when they differ. */
export function keepProcessClockIn(hallZones: readonly string[]): string | null {
  const zones = new Set(hallZones);
  if (zones.size !== 1) return null;
  const [zone] = zones as unknown as [string];
  // Node tells V8 when TZ is assigned, and Date follows from then on (also in worker threads).
  process.env.TZ = zone;
  adoptProcessZone(zone);
  return zone;
}
