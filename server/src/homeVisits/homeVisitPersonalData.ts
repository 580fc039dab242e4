// The home-visit register as a source of personal data for the privacy domain: reveal one visit,
// find a person's visits by the keyed hash of their phone or ID number, erase them, and clear the
// personal fields of visits closed longer ago than the retention period. Status, dates and the
// delivered / paid marks stay, so the elderly report counts the same before and after.
import { DomainError } from '@hall/shared/contracts/errors';
import type { RetentionPolicy } from '@hall/shared/contracts/privacy';
import type { Repositories } from '../repositories';
import type { PersonalRecordSource, SubjectIndexes } from '../privacy/personalRecordSource';
import { toListedVisit, toPersonal, type HomeVisitRepository } from './homeVisitRepository';

const DAY_MS = 86_400_000;

export function createHomeVisitPersonalData(
  repos: Repositories,
  visits: HomeVisitRepository,
): PersonalRecordSource {
  return {
    kind: 'home_visit',

    reveal(hallId, id) {
      const visit = visits.find(hallId, id);
      if (!visit) return null;
      if (visit.personalClearedAt !== null) throw new DomainError('PERSONAL_DATA_CLEARED');
      return { kind: 'home_visit', id, personal: toPersonal(visit) };
    },

    findBySubject(hallId, indexes: SubjectIndexes) {
      return visits.findByIndexes(hallId, [...indexes.phone, ...indexes.idNumber]).map((v) => ({
        kind: 'home_visit' as const,
        id: v.id,
        visit: toListedVisit(v),
        personal: toPersonal(v),
      }));
    },

    erase(hallId, ids, staffId, at) {
      let erased = 0;
      let cancelled = 0;
      for (const id of ids) {
        const visit = visits.find(hallId, id);
        if (!visit || visit.personalClearedAt !== null) continue;
        // Nobody can visit an address that is gone: an open request ends as cancelled.
        if (visit.status === 'requested' || visit.status === 'scheduled') {
          if (
            !visits.save({ ...visit, status: 'cancelled', cancelReason: null, closedAt: at }, visit.status)
          ) {
            throw new DomainError('CONFLICT', { detail: 'home visit changed meanwhile' });
          }
          repos.events.append({
            hallId,
            ticketId: null,
            type: 'home_visit',
            at,
            windowId: null,
            staffId,
            deviceId: null,
            payload: {
              homeVisitId: id,
              step: 'cancel',
              status: 'cancelled',
              serviceId: visit.serviceId,
              erased: true,
            },
          });
          cancelled += 1;
        }
        if (visits.clearPersonal(hallId, id, at)) erased += 1;
      }
      return { erased, cancelled };
    },

    purge(hallId, policy: RetentionPolicy, now) {
      const due = visits.closedBefore(hallId, now - policy.homeVisitDays * DAY_MS);
      return due.filter((id) => visits.clearPersonal(hallId, id, now)).length;
    },
  };
}
