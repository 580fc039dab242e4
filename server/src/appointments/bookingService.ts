// Bookings: the slots of a day with their places left, booking (console by phone, external API, a
// CSV list), cancelling, the day's list, and marking as missed the bookings nobody checked in by
// the end of their check-in window. Every step is one change of the group commit with an
// `appointment` event (the reports count from those rows); console steps are audited. Answers carry
// the masked list form only.
import { DomainError } from '@hall/shared/contracts/errors';
import type {
  Appointment,
  AppointmentImportResult,
  AppointmentSlot,
  AppointmentStatus,
  BookCommand,
  ImportLineError,
} from '@hall/shared/contracts/appointments';
import { hallCheckInWindow } from '@hall/shared/appointments/slots';
import type { ScheduledHall } from '@hall/shared/hallHours';
import type { RunChange } from '../core/groupCommit';
import type { ChangeContext } from '../core/changes';
import type { HallStates } from '../core/hallState/hallStates';
import { valuesDetail } from '../audit/auditDetail';
import { toListedAppointment, type StoredAppointment } from './appointmentRepository';
import {
  daySlots,
  noPending,
  prepareBooking,
  type BookingActor,
  type BookingDeps,
  type PendingBookings,
} from './bookingRules';
import { parseAppointmentCsv } from './appointmentCsv';

export interface BookingServiceDeps extends BookingDeps {
  runChange: RunChange;
  states: HallStates;
  clock: () => number;
}

type Step = 'booked' | 'cancelled' | 'checked_in' | 'missed';

/** The `appointment` event every step appends: what the reports and the audit trail read. */
export function appendAppointmentEvent(
  ctx: ChangeContext,
  a: StoredAppointment,
  step: Step,
  who: { staffId: number | null; deviceId?: number | null; apiKeyId?: number | null },
): void {
  ctx.appendEvent({
    ticketId: null,
    type: 'appointment',
    windowId: null,
    staffId: who.staffId,
    deviceId: who.deviceId ?? null,
    payload: {
      appointmentId: a.id,
      step,
      serviceId: a.serviceId,
      slotDay: a.slotDay,
      source: a.source,
      ...(who.apiKeyId ? { apiKeyId: who.apiKeyId } : {}),
    },
  });
}

export function createBookingService(deps: BookingServiceDeps) {
  const { appointments } = deps;

  function insert(
    ctx: ChangeContext,
    actor: BookingActor,
    row: ReturnType<typeof prepareBooking>,
  ): Appointment {
    const stored: StoredAppointment = { ...row, id: appointments.insert(row) };
    appendAppointmentEvent(ctx, stored, 'booked', actor);
    return toListedAppointment(stored, null);
  }

  function audit(
    ctx: ChangeContext,
    actor: BookingActor,
    action: string,
    a: Appointment | null,
    values: object,
  ) {
    if (actor.source === 'api') return; // an external system's steps are in the events, with its key
    deps.repos.audit.append(
      actor.hallId,
      ctx.now,
      actor.staffId,
      `appointment.${action}`,
      valuesDetail({ id: a?.id ?? null, label: a?.code ?? null }, values as Record<string, unknown>),
    );
  }

  function load(hallId: number, id: number): StoredAppointment {
    const found = appointments.find(hallId, id);
    if (!found) throw new DomainError('NOT_FOUND', { what: 'appointment' });
    return found;
  }

  /** The slots of a service on a day, with the places booked in each. */
  function slotsOfDay(hallId: number, serviceId: number, day: string): AppointmentSlot[] {
    const state = deps.states.get(hallId);
    if (!state.service(serviceId)) throw new DomainError('SERVICE_NOT_FOUND');
    const counts = appointments.slotCounts(hallId, serviceId, day);
    return daySlots(deps, state, serviceId, day).map((s) => ({
      serviceId,
      day,
      starts: s.starts,
      ends: s.ends,
      start: s.start,
      end: s.end,
      capacity: s.capacity,
      booked: counts.get(s.start) ?? 0,
    }));
  }

  return {
    /** The slots of a service on a day, with the places booked in each. */
    slots: slotsOfDay,

    /**
     * The slots that can still be booked: those not over yet (the booking rule's APPOINTMENT_SLOT_PAST),
     * so an external system never offers a visitor one of today's slots that is already over.
     */
    bookableSlots(hallId: number, serviceId: number, day: string): AppointmentSlot[] {
      const now = deps.clock();
      return slotsOfDay(hallId, serviceId, day).filter((s) => s.end > now);
    },

    /**
     * Books one slot. An external system that sends the same reference again gets the booking it
     * made (a retry after a lost answer books once).
     */
    book(actor: BookingActor, input: BookCommand): Promise<Appointment> {
      return deps.runChange(actor.hallId, (ctx) => {
        if (input.externalRef !== null) {
          const earlier = appointments.findByExternalRef(actor.hallId, input.externalRef);
          if (earlier) return appointments.listed(actor.hallId, earlier.id)!;
        }
        const booked = insert(ctx, actor, prepareBooking(deps, ctx.hall, actor, input, ctx.now, noPending()));
        audit(ctx, actor, 'book', booked, { serviceId: booked.serviceId, slotDay: booked.slotDay });
        return booked;
      });
    },

    cancel(actor: BookingActor, id: number): Promise<Appointment> {
      return deps.runChange(actor.hallId, (ctx) => {
        const before = load(actor.hallId, id);
        if (before.status !== 'booked') {
          if (before.status === 'cancelled') return appointments.listed(actor.hallId, id)!;
          throw new DomainError('APPOINTMENT_NOT_OPEN');
        }
        const after: StoredAppointment = { ...before, status: 'cancelled', cancelledAt: ctx.now };
        if (!appointments.save(after, 'booked')) throw new DomainError('CONFLICT', { detail: 'appointment' });
        appendAppointmentEvent(ctx, after, 'cancelled', actor);
        const listed = appointments.listed(actor.hallId, id)!;
        audit(ctx, actor, 'cancel', listed, { status: 'cancelled' });
        return listed;
      });
    },

    get(hallId: number, id: number): Appointment {
      const found = appointments.listed(hallId, id);
      if (!found) throw new DomainError('NOT_FOUND', { what: 'appointment' });
      return found;
    },

    list(
      hallId: number,
      filter: { day: string; serviceId: number | null; status: AppointmentStatus | null },
    ): Appointment[] {
      return appointments.list(hallId, filter);
    },

    /**
     * A day's list from CSV, all or nothing: every line is checked (ID number, slot, places, one
     * booking per person and service), and only when all are right are they all booked, in one
     * change. A dry run checks and books nothing.
     */
    import(
      actor: BookingActor,
      input: { day: string; csv: string; dryRun: boolean },
    ): Promise<AppointmentImportResult> {
      return deps.runChange(actor.hallId, (ctx) => {
        const parsed = parseAppointmentCsv(input.csv, input.day, ctx.hall.services);
        const errors: ImportLineError[] = [...parsed.errors];
        const pending: PendingBookings = noPending();
        const rows: { line: number; row: ReturnType<typeof prepareBooking> }[] = [];
        for (const { line, booking } of parsed.bookings) {
          try {
            rows.push({ line, row: prepareBooking(deps, ctx.hall, actor, booking, ctx.now, pending) });
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            errors.push({ line, error: error.appError });
          }
        }
        errors.sort((a, b) => a.line - b.line);
        const lines = parsed.lines;
        if (errors.length > 0 || input.dryRun) return { lines, imported: 0, errors, appointments: [] };
        const made = rows.map(({ row }) => insert(ctx, actor, row));
        audit(ctx, actor, 'import', null, { day: input.day, count: made.length });
        return { lines, imported: made.length, errors, appointments: made };
      });
    },

    /**
     * Marks missed every open booking whose check-in window closed before now (a normal ticket is
     * still offered at the kiosk). Returns how many, per hall.
     */
    async sweepMissed(hallId: number): Promise<number> {
      const settings = deps.repos.appointmentConfig.settings(hallId);
      // Started slots (the hall's cut-off may close a window before its late minutes are over).
      const closed = (a: StoredAppointment, hall: ScheduledHall, now: number) =>
        hallCheckInWindow(a.slotStart, a.slotDay, settings, hall).closesAt < now;
      const hall = deps.states.get(hallId).hall;
      const now = deps.clock();
      if (!appointments.openStartedBefore(hallId, now).some((a) => closed(a, hall, now))) return 0;
      return deps.runChange(hallId, (ctx) => {
        let missed = 0;
        for (const a of appointments.openStartedBefore(hallId, ctx.now)) {
          if (!closed(a, ctx.hall.hall, ctx.now)) continue;
          const after: StoredAppointment = { ...a, status: 'missed', missedAt: ctx.now };
          if (!appointments.save(after, 'booked')) continue;
          appendAppointmentEvent(ctx, after, 'missed', { staffId: null });
          missed += 1;
        }
        return missed;
      });
    },
  };
}

/** Runs the missed sweep for every hall now and then every `everyMs`; returns the stop function. */
export function startMissedSweep(
  bookings: BookingService,
  hallIds: () => number[],
  onError: (error: unknown) => void,
  everyMs: number,
): () => void {
  const sweep = async () => {
    for (const hallId of hallIds()) await bookings.sweepMissed(hallId);
  };
  const tick = () => void sweep().catch(onError);
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
export type BookingService = ReturnType<typeof createBookingService>;
