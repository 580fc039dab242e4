// The daily purge: at start (hall PCs are often switched off at night) and then every few minutes
// a cheap check runs the purge for each hall whose business day has changed since its last one.
import type { Logger } from '../core/logger';
import type { RetentionService } from './retentionService';

export function startPurgeScheduler(
  retention: RetentionService,
  logger: Logger,
  everyMs: number,
): () => void {
  const tick = () => {
    try {
      retention.purgeDue();
    } catch (error) {
      // A purge that failed (disk full) is tried again at the next tick; the hall keeps working.
      logger.error({ err: error }, 'personal data purge failed');
    }
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
