// What makes a booking valid, shared by every way in (console, external API, CSV): a known and
// open service, a real ID number (GB 11643), a slot the schedule offers that day and that is not
// over, a place left in it, and no other booking of the same person for the same service that day.
// Nothing here writes: it returns the row to insert, so a CSV import can check every line first.
import { randomInt } from 'node:crypto';
import { DomainError } from '@hall/shared/contracts/errors';
import type { AppointmentSource, BookCommand } from '@hall/shared/contracts/appointments';
import { isDayOff, slotsOfDay, type DaySlot } from '@hall/shared/appointments/slots';
import { hallDay } from '@hall/shared/hallHours';
import { parseIdNumber } from '@hall/shared/idNumber';
import type { Repositories } from '../repositories';
import type { HallState } from '../core/hallState/hallState';
import type { FieldCipher } from '../core/crypto/fieldCipher';
import { normalizeIdNumber, type AppointmentRepository, type NewAppointment } from './appointmentRepository';

/** Who books: a staff member in the console, or an external system's API key. */
export interface BookingActor {
  hallId: number;
  staffId: number | null;
  apiKeyId: number | null;
  source: AppointmentSource;
}

export interface BookingDeps {
  repos: Repositories;
  appointments: AppointmentRepository;
  cipher: FieldCipher;
}

/** Bookings already accepted in this batch (a CSV import), not yet in the table. */
export interface PendingBookings {
  places: Map<string, number>;
  people: Set<string>;
  codes: Set<string>;
  refs: Set<string>;
}

export const noPending = (): PendingBookings => ({
  places: new Map(),
  people: new Set(),
  codes: new Set(),
  refs: new Set(),
});

const placeKey = (serviceId: number, start: number) => `${serviceId}@${start}`;
const personKey = (serviceId: number, day: string, id: string) => `${serviceId}|${day}|${id}`;

/**
 * The slots a service offers on a day in this hall: the hall's plan for that day applies (closed on
 * its holidays and weekdays off, its hours, slots starting before its cut-off), then the days off
 * set for appointments.
 */
export function daySlots(deps: BookingDeps, state: HallState, serviceId: number, day: string): DaySlot[] {
  const { hallId } = state;
  const plan = hallDay(state.hall, day);
  return slotsOfDay(deps.repos.appointmentConfig.schedules(hallId), serviceId, day, {
    hours: { opens: plan.opens, closes: plan.closes },
    issueUntil: plan.issueUntil,
    timezone: state.hall.timezone,
    daysOff: deps.repos.appointmentConfig.daysOff(hallId),
    hallClosed: (d) => !hallDay(state.hall, d).open,
  });
}

function newCode(deps: BookingDeps, hallId: number, pending: PendingBookings): string {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    if (!pending.codes.has(code) && !deps.appointments.codeTaken(hallId, code)) return code;
  }
  // A million codes and fewer open bookings than that: reaching this means something is wrong.
  throw new Error('no free booking code');
}

/** Checks one booking and returns the row to insert; throws the refusal (a DomainError) otherwise. */
export function prepareBooking(
  deps: BookingDeps,
  state: HallState,
  actor: BookingActor,
  input: BookCommand,
  now: number,
  pending: PendingBookings,
): NewAppointment {
  const service = state.service(input.serviceId);
  if (!service) throw new DomainError('SERVICE_NOT_FOUND');
  if (!service.enabled) throw new DomainError('SERVICE_DISABLED');
  const parsed = parseIdNumber(input.idNumber);
  if (!parsed.ok) throw new DomainError('ID_NUMBER_INVALID');
  const idNumber = normalizeIdNumber(input.idNumber);

  const where = { day: input.day, time: input.starts };
  const closed =
    isDayOff(deps.repos.appointmentConfig.daysOff(state.hallId), input.day, service.id) ||
    !hallDay(state.hall, input.day).open;
  if (closed) throw new DomainError('APPOINTMENT_DAY_OFF', { day: input.day });
  const slot = daySlots(deps, state, service.id, input.day).find((s) => s.starts === input.starts);
  if (!slot) throw new DomainError('APPOINTMENT_NO_SUCH_SLOT', where);
  if (slot.end <= now) throw new DomainError('APPOINTMENT_SLOT_PAST');

  // The same person, the same service, the same day: one booking (any key of the ring matches).
  const person = personKey(service.id, input.day, idNumber);
  const indexes = deps.cipher.blindIndexCandidates('id_number', idNumber);
  const sameDay = deps.appointments
    .findByIndexes(state.hallId, indexes, input.day)
    .filter(
      (a) =>
        a.slotDay === input.day &&
        a.serviceId === service.id &&
        (a.status === 'booked' || a.status === 'checked_in') &&
        a.idNumber === idNumber,
    );
  if (sameDay.length > 0 || pending.people.has(person)) throw new DomainError('APPOINTMENT_DUPLICATE');
  // A booking system's reference books once (the API answers a repeat with the first booking).
  const ref = input.externalRef;
  if (ref !== null && (pending.refs.has(ref) || deps.appointments.findByExternalRef(state.hallId, ref))) {
    throw new DomainError('APPOINTMENT_DUPLICATE');
  }

  const place = placeKey(service.id, slot.start);
  const taken =
    (deps.appointments.slotCounts(state.hallId, service.id, input.day).get(slot.start) ?? 0) +
    (pending.places.get(place) ?? 0);
  if (taken >= slot.capacity) throw new DomainError('APPOINTMENT_SLOT_FULL', where);

  const code = newCode(deps, state.hallId, pending);
  pending.places.set(place, (pending.places.get(place) ?? 0) + 1);
  pending.people.add(person);
  pending.codes.add(code);
  if (ref !== null) pending.refs.add(ref);
  return {
    hallId: state.hallId,
    serviceId: service.id,
    code,
    status: 'booked',
    source: actor.source,
    slotDay: input.day,
    slotStart: slot.start,
    slotEnd: slot.end,
    personName: input.personName,
    phone: input.phone,
    idNumber,
    maskedIdNumber: parsed.value.masked,
    externalRef: input.externalRef,
    apiKeyId: actor.apiKeyId,
    createdBy: actor.staffId,
    createdAt: now,
    checkedInAt: null,
    ticketId: null,
    cancelledAt: null,
    missedAt: null,
    personalClearedAt: null,
  };
}
