// Appointment configuration (admin, audited): the schedules that make each service's slots, the
// days off, and the check-in window. A schedule change reaches the kiosks at once (they offer
// "我有预约" only while some service takes appointments); days off and the window only the server reads.
import { DomainError } from '@hall/shared/contracts/errors';
import type {
  AppointmentConfig,
  AppointmentDayOff,
  AppointmentSchedule,
  AppointmentSettings,
  appointmentSettingsSchema,
  dayOffSetSchema,
  scheduleUpsertSchema,
} from '@hall/shared/contracts/appointments';
import { addDays } from '@hall/shared/hallTime';
import type { z } from 'zod';
import { configChange, type AdminActor, type AdminServiceDeps } from '../audit/configChange';
import { auditDetail, created, fieldChanges, removed } from '../audit/auditDetail';

const SCHEDULE_FIELDS = [
  'serviceId',
  'weekdays',
  'starts',
  'ends',
  'slotMinutes',
  'capacity',
  'enabled',
] as const satisfies readonly (keyof AppointmentSchedule)[];
const NO_SCREENS = { screens: false };

export function createAppointmentConfigService(
  deps: AdminServiceDeps & { today: (hallId: number) => string },
) {
  const { repos } = deps;
  const config = repos.appointmentConfig;
  const label = (s: Pick<AppointmentSchedule, 'serviceId' | 'starts' | 'ends'>, hallId: number) => {
    const service = repos.services.find(hallId, s.serviceId);
    return `${service ? `${service.code} ${service.nameZh}` : `#${s.serviceId}`} ${s.starts}–${s.ends}`;
  };

  return {
    /** The settings, every schedule, and the days off from a week ago on. */
    get(actor: AdminActor): AppointmentConfig {
      return config.config(actor.hallId, addDays(deps.today(actor.hallId), -7));
    },

    upsertSchedule(
      actor: AdminActor,
      input: z.output<typeof scheduleUpsertSchema>,
    ): Promise<AppointmentSchedule> {
      return configChange(
        deps,
        actor,
        input.id ? 'appointment.schedule' : 'appointment.scheduleCreate',
        () => {
          if (!repos.services.find(actor.hallId, input.serviceId)) throw new DomainError('SERVICE_NOT_FOUND');
          const fields = {
            serviceId: input.serviceId,
            weekdays: input.weekdays,
            starts: input.starts,
            ends: input.ends,
            slotMinutes: input.slotMinutes,
            capacity: input.capacity,
            enabled: input.enabled,
          };
          if (input.id === undefined) {
            const id = config.insertSchedule({ hallId: actor.hallId, ...fields });
            const saved = config.schedule(actor.hallId, id)!;
            return {
              result: saved,
              detail: auditDetail({ id, label: label(saved, actor.hallId) }, created(saved, SCHEDULE_FIELDS)),
            };
          }
          const before = config.schedule(actor.hallId, input.id);
          if (!before) throw new DomainError('NOT_FOUND', { what: 'appointment schedule' });
          const after: AppointmentSchedule = { ...before, ...fields };
          config.updateSchedule(after);
          return {
            result: after,
            detail: auditDetail(
              { id: after.id, label: label(after, actor.hallId) },
              fieldChanges(before, after, SCHEDULE_FIELDS),
            ),
          };
        },
      );
    },

    /** Removes a schedule; bookings already made keep their slots. */
    async deleteSchedule(actor: AdminActor, id: number): Promise<null> {
      await configChange(deps, actor, 'appointment.scheduleDelete', () => {
        const before = config.schedule(actor.hallId, id);
        if (!before) throw new DomainError('NOT_FOUND', { what: 'appointment schedule' });
        config.deleteSchedule(actor.hallId, id);
        return {
          result: null,
          detail: auditDetail({ id, label: label(before, actor.hallId) }, removed(before, SCHEDULE_FIELDS)),
        };
      });
      return null;
    },

    setDayOff(actor: AdminActor, input: z.output<typeof dayOffSetSchema>): Promise<AppointmentDayOff | null> {
      return configChange(
        deps,
        actor,
        input.off ? 'appointment.dayOff' : 'appointment.dayOn',
        () => {
          if (input.serviceId !== null && !repos.services.find(actor.hallId, input.serviceId)) {
            throw new DomainError('SERVICE_NOT_FOUND');
          }
          const existing = config.dayOff(actor.hallId, input.day, input.serviceId);
          const target = { label: input.day };
          const what = { day: input.day, serviceId: input.serviceId };
          if (input.off) {
            if (existing) return { result: existing, detail: auditDetail(target, []) };
            const id = config.insertDayOff({ hallId: actor.hallId, ...what, note: input.note });
            return {
              result: config.dayOff(actor.hallId, input.day, input.serviceId)!,
              detail: auditDetail(
                { id, label: input.day },
                created({ ...what, note: input.note }, ['day', 'serviceId', 'note']),
              ),
            };
          }
          if (!existing) return { result: null, detail: auditDetail(target, []) };
          config.deleteDayOff(actor.hallId, existing.id);
          return {
            result: null,
            detail: auditDetail(
              { id: existing.id, label: input.day },
              removed(existing, ['day', 'serviceId', 'note']),
            ),
          };
        },
        NO_SCREENS,
      );
    },

    updateSettings(
      actor: AdminActor,
      input: z.output<typeof appointmentSettingsSchema>,
    ): Promise<AppointmentSettings> {
      return configChange(
        deps,
        actor,
        'appointment.settings',
        () => {
          const before = config.settings(actor.hallId);
          const after: AppointmentSettings = { ...before, ...input };
          const changes = fieldChanges(before, after, ['checkInEarlyMinutes', 'checkInLateMinutes']);
          if (changes.length > 0) config.saveSettings(actor.hallId, after);
          return { result: after, detail: auditDetail({}, changes) };
        },
        NO_SCREENS,
      );
    },
  };
}
export type AppointmentConfigService = ReturnType<typeof createAppointmentConfigService>;
