// Bookings as a source of personal data for the privacy domain: reveal one booking, find a person's
// bookings by the keyed hash of their phone or ID number, erase them (an open booking is cancelled:
// nobody can check in without a name and number), and clear the personal fields of bookings whose
// slot ended longer ago than the retention period ("appointments", 90 days by default). Status,
// slot and times stay, so the reports count the same before and after.
import { DomainError } from '@hall/shared/contracts/errors';
import type { RetentionPolicy } from '@hall/shared/contracts/privacy';
import type { Repositories } from '../repositories';
import type { PersonalRecordSource, SubjectIndexes } from '../privacy/personalRecordSource';
import {
  toAppointmentPersonal,
  toListedAppointment,
  type AppointmentRepository,
  type StoredAppointment,
} from './appointmentRepository';

const DAY_MS = 86_400_000;

export function createAppointmentPersonalData(
  repos: Repositories,
  appointments: AppointmentRepository,
): PersonalRecordSource {
  return {
    kind: 'appointment',

    reveal(hallId, id) {
      const booking = appointments.find(hallId, id);
      if (!booking) return null;
      if (booking.personalClearedAt !== null) throw new DomainError('PERSONAL_DATA_CLEARED');
      return { kind: 'appointment', id, personal: toAppointmentPersonal(booking) };
    },

    findBySubject(hallId, indexes: SubjectIndexes) {
      return appointments.findByIndexes(hallId, [...indexes.phone, ...indexes.idNumber]).map((a) => ({
        kind: 'appointment' as const,
        id: a.id,
        appointment: toListedAppointment(a, null),
        personal: toAppointmentPersonal(a),
      }));
    },

    erase(hallId, ids, staffId, at) {
      let erased = 0;
      let cancelled = 0;
      for (const id of ids) {
        const booking = appointments.find(hallId, id);
        if (!booking || booking.personalClearedAt !== null) continue;
        if (booking.status === 'booked') {
          const after: StoredAppointment = { ...booking, status: 'cancelled', cancelledAt: at };
          if (!appointments.save(after, 'booked')) {
            throw new DomainError('CONFLICT', { detail: 'appointment changed meanwhile' });
          }
          repos.events.append({
            hallId,
            ticketId: null,
            type: 'appointment',
            at,
            windowId: null,
            staffId,
            deviceId: null,
            payload: {
              appointmentId: id,
              step: 'cancelled',
              serviceId: booking.serviceId,
              slotDay: booking.slotDay,
              source: booking.source,
              erased: true,
            },
          });
          cancelled += 1;
        }
        if (appointments.clearPersonal(hallId, id, at)) erased += 1;
      }
      return { erased, cancelled };
    },

    purge(hallId, policy: RetentionPolicy, now) {
      const due = appointments.closedBefore(hallId, now - policy.appointmentDays * DAY_MS);
      return due.filter((id) => appointments.clearPersonal(hallId, id, now)).length;
    },
  };
}
