// Check-in at the kiosk ("我有预约"): by booking code or by ID number (a card on the reader, or the
// keypad). The number is matched through its keyed hash and is never stored or logged again.
//
// Within the check-in window (from `checkInEarlyMinutes` before the slot to `checkInLateMinutes`
// after its start, inside the hall's hours and before its cut-off) the booking becomes an appointment ticket of its service, A-Y023, due at its
// slot (queue rule 7). Earlier, the visitor is told when to come back; later, the booking is missed
// and the kiosk offers a normal ticket. A visitor aged 60+ is never turned away on the booking's
// day: they get a green-channel ticket (A-L023) carrying their slot, the better of the two.
// Idempotent by request id, like issuing: a kiosk retrying after a lost answer gets the same ticket.
import { DomainError } from '@hall/shared/contracts/errors';
import {
  APPOINTMENT_MARKER,
  type CheckInCommand,
  type CheckInResult,
} from '@hall/shared/contracts/appointments';
import { ELDERLY_CLASS, NORMAL_CLASS } from '@hall/shared/contracts/entities';
import { hallCheckInWindow } from '@hall/shared/appointments/slots';
import { ageOn, parseIdNumber } from '@hall/shared/idNumber';
import { formatTicketNumber, markerFor } from '@hall/shared/ticketNumber';
import type { Repositories } from '../repositories';
import type { RunChange } from '../core/groupCommit';
import type { ChangeContext } from '../core/changes';
import type { HallQueries } from '../hall/hallQueries';
import { assertIssuing } from '../hall/issuingHours';
import type { Actor } from '../core/actor';
import type { FieldCipher } from '../core/crypto/fieldCipher';
import { randomToken } from '../core/secrets';
import { toView } from '../tickets/ticketRepository';
import {
  normalizeIdNumber,
  toListedAppointment,
  type AppointmentRepository,
  type StoredAppointment,
} from './appointmentRepository';
import { appendAppointmentEvent } from './bookingService';

export interface CheckInDeps {
  repos: Repositories;
  appointments: AppointmentRepository;
  cipher: FieldCipher;
  runChange: RunChange;
  queries: HallQueries;
}

/** Of a person's bookings from today on, the one a check-in now is about. */
function choose(
  bookings: readonly StoredAppointment[],
  now: number,
  window: (a: StoredAppointment) => { opensAt: number; closesAt: number },
): StoredAppointment | null {
  const open = bookings.filter((a) => a.status === 'booked');
  return (
    // One whose window is open now, else the next one coming, else the latest of today that passed.
    open.find((a) => window(a).opensAt <= now && now <= window(a).closesAt) ??
    open.find((a) => window(a).opensAt > now) ??
    [...bookings].reverse().find((a) => a.status !== 'cancelled') ??
    null
  );
}

export function createCheckInService(deps: CheckInDeps) {
  const { repos, appointments } = deps;

  function find(ctx: ChangeContext, cmd: CheckInCommand, window: Parameters<typeof choose>[2]) {
    const today = ctx.hall.day;
    if (cmd.code !== null) return appointments.findByCode(ctx.hall.hallId, cmd.code, today);
    const idNumber = normalizeIdNumber(cmd.idNumber!);
    if (!parseIdNumber(idNumber).ok) throw new DomainError('ID_NUMBER_INVALID');
    const candidates = deps.cipher.blindIndexCandidates('id_number', idNumber);
    const mine = appointments
      .findByIndexes(ctx.hall.hallId, candidates, today)
      .filter((a) => a.idNumber === idNumber);
    return choose(mine, ctx.now, window);
  }

  function issueTicket(
    ctx: ChangeContext,
    actor: Actor,
    cmd: CheckInCommand,
    booking: StoredAppointment,
    elderly: boolean,
  ): CheckInResult {
    const service = ctx.hall.service(booking.serviceId);
    if (!service) throw new DomainError('SERVICE_NOT_FOUND');
    if (!service.enabled) throw new DomainError('SERVICE_DISABLED');
    const priorityClass = elderly ? ELDERLY_CLASS : NORMAL_CLASS;
    const marker = elderly ? markerFor(ELDERLY_CLASS, ctx.hall.rules.priorityClasses) : APPOINTMENT_MARKER;
    const day = ctx.hall.day;
    const sequence = repos.tickets.nextSequence(ctx.hall.hallId, service.id, day);
    const ticket = ctx.insertTicket({
      hallId: ctx.hall.hallId,
      serviceId: service.id,
      businessDay: day,
      sequence,
      number: formatTicketNumber(service.code, marker, sequence),
      priorityClass,
      proxy: false,
      proxyRelation: null,
      source: 'appointment',
      sourceDeviceId: actor.deviceId,
      state: 'waiting',
      issuedAt: ctx.now,
      orderKey: ctx.now,
      calledAt: null,
      servingAt: null,
      finishedAt: null,
      windowId: null,
      staffId: null,
      targetWindowId: null,
      callCount: 0,
      marks: null,
      transferredFromId: null,
      statusToken: randomToken(16),
      maskedIdNumber: booking.maskedIdNumber,
      requestId: cmd.requestId,
      appointmentId: booking.id,
      slotStart: booking.slotStart,
      slotEnd: booking.slotEnd,
      requeueHold: null,
    });
    const checkedIn: StoredAppointment = {
      ...booking,
      status: 'checked_in',
      checkedInAt: ctx.now,
      ticketId: ticket.id,
    };
    if (!appointments.save(checkedIn, booking.status))
      throw new DomainError('CONFLICT', { detail: booking.code });
    ctx.appendEvent({
      ticketId: ticket.id,
      type: 'issued',
      windowId: null,
      staffId: null,
      deviceId: actor.deviceId,
      payload: {
        number: ticket.number,
        serviceId: service.id,
        priorityClass,
        proxy: false,
        idChecked: cmd.idNumber !== null,
        appointmentId: booking.id,
      },
    });
    appendAppointmentEvent(ctx, checkedIn, 'checked_in', { staffId: null, deviceId: actor.deviceId });
    ctx.emit({ type: 'ticket:issued', ticket: toView(ticket) });
    return {
      outcome: 'issued',
      issued: deps.queries.issued(ticket, ctx.hall),
      appointment: toListedAppointment(checkedIn, ticket.number),
      elderly,
    };
  }

  return {
    checkIn(actor: Actor, cmd: CheckInCommand): Promise<CheckInResult> {
      return deps.runChange(actor.hallId, (ctx) => {
        const settings = repos.appointmentConfig.settings(actor.hallId);
        // The window within the hall's day: never before it opens, never after its cut-off.
        const window = (a: StoredAppointment) =>
          hallCheckInWindow(a.slotStart, a.slotDay, settings, ctx.hall.hall);

        // A retry of a check-in that already made its ticket: the same answer again.
        const retried = repos.tickets.findByRequest(actor.hallId, cmd.requestId);
        if (retried?.appointmentId) {
          const booking = appointments.find(actor.hallId, retried.appointmentId)!;
          return {
            outcome: 'issued',
            issued: deps.queries.issued(retried, ctx.hall),
            appointment: toListedAppointment(booking, retried.number),
            elderly: retried.priorityClass === ELDERLY_CLASS,
          };
        }

        // Outside the hall's hours nobody checks in (the kiosk shows its closed screen meanwhile).
        assertIssuing(ctx.hall.hall, ctx.now);

        const booking = find(ctx, cmd, window);
        if (!booking || booking.status === 'cancelled') throw new DomainError('APPOINTMENT_NOT_FOUND');
        if (booking.status === 'checked_in') {
          const ticket = booking.ticketId ? repos.tickets.find(actor.hallId, booking.ticketId) : null;
          throw new DomainError('APPOINTMENT_CHECKED_IN', { number: ticket?.number ?? '' });
        }
        const listed = toListedAppointment(booking, null);
        const today = ctx.hall.day;
        const birth = parseIdNumber(booking.idNumber);
        const elderly = birth.ok && ageOn(birth.value.birthDate, today) >= ctx.hall.rules.elderlyAge;
        const { opensAt, closesAt } = window(booking);

        // The green channel needs no appointment: on the booking's day a 60+ visitor is always let in.
        if (elderly && booking.slotDay === today) return issueTicket(ctx, actor, cmd, booking, true);
        if (ctx.now < opensAt) return { outcome: 'early', appointment: listed, opensAt, elderly };
        if (booking.status === 'missed' || ctx.now > closesAt) {
          if (booking.status === 'booked') {
            const missed: StoredAppointment = { ...booking, status: 'missed', missedAt: ctx.now };
            if (appointments.save(missed, 'booked')) {
              appendAppointmentEvent(ctx, missed, 'missed', { staffId: null, deviceId: actor.deviceId });
            }
            return { outcome: 'late', appointment: toListedAppointment(missed, null), closesAt };
          }
          return { outcome: 'late', appointment: listed, closesAt };
        }
        return issueTicket(ctx, actor, cmd, booking, false);
      });
    },
  };
}
export type CheckInService = ReturnType<typeof createCheckInService>;
