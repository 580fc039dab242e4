// Opening hours are the server's to enforce (the kiosk's closed screen only mirrors them): a ticket
// is refused outside them — a kiosk's, the front desk's, or an appointment's check-in — with the
// next opening in words.
import { DomainError } from '@hall/shared/contracts/errors';
import { issuingState, type ScheduledHall } from '@hall/shared/hallHours';
import { openingParts, openingWords } from '@hall/shared/hallHoursText';

/** Throws HALL_CLOSED when the hall takes no tickets at `now`. */
export function assertIssuing(hall: ScheduledHall, now: number): void {
  const opening = issuingState(hall, now);
  if (opening.issuing) return;
  const next = openingWords(opening.next === null ? null : openingParts(opening.next, now, hall.timezone));
  throw new DomainError('HALL_CLOSED', { nextZh: next.zh, nextEn: next.en });
}
