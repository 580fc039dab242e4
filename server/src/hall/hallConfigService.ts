// Hall details, queue rules, services, windows and display notices: the configuration every screen
// reads from the snapshot. Each change is audited and re-sent to the hall at once.
import { DomainError } from '@hall/shared/contracts/errors';
import type {
  Hall,
  HallRules,
  HallSchedule,
  HallWindow,
  Notice,
  Service,
} from '@hall/shared/contracts/entities';
import { ELDERLY_CLASS } from '@hall/shared/contracts/entities';
import {
  rulesSchema,
  type hallUpdateSchema,
  type noticeUpsertSchema,
  type RulesUpdateInput,
  type serviceUpsertSchema,
  type windowUpsertSchema,
} from '@hall/shared/contracts/schemas';
import type { z } from 'zod';
import { businessDay } from '@hall/shared/hallTime';
import { configChange, type AdminActor, type AdminServiceDeps } from '../audit/configChange';
import { auditDetail, created, fieldChanges, labelOf, removed } from '../audit/auditDetail';

type HallUpdate = z.output<typeof hallUpdateSchema>;
type ServiceUpsert = z.output<typeof serviceUpsertSchema>;
type WindowUpsert = z.output<typeof windowUpsertSchema>;
type NoticeUpsert = z.output<typeof noticeUpsertSchema>;

/** Rules beyond what the schema checks: the elderly class must stay (the kiosk's big button issues it). */
export function checkRules(rules: HallRules): HallRules {
  const parsed = rulesSchema.safeParse(rules);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DomainError('VALIDATION_FAILED', {
      detail: `${issue?.path.join('.') ?? 'rules'}: ${issue?.message ?? ''}`,
    });
  }
  const ids = rules.priorityClasses.map((c) => c.id);
  const markers = rules.priorityClasses.map((c) => c.marker);
  if (!ids.includes(ELDERLY_CLASS)) {
    throw new DomainError('VALIDATION_FAILED', { detail: 'priorityClasses: the elderly class is required' });
  }
  if (ids.includes('normal'))
    throw new DomainError('VALIDATION_FAILED', { detail: 'priorityClasses: "normal" is built in' });
  if (new Set(ids).size !== ids.length)
    throw new DomainError('VALIDATION_FAILED', { detail: 'priorityClasses: duplicate id' });
  if (new Set(markers).size !== markers.length) {
    throw new DomainError('VALIDATION_FAILED', { detail: 'priorityClasses: duplicate marker' });
  }
  return parsed.data;
}

export function createHallConfigService(deps: AdminServiceDeps) {
  const { repos } = deps;

  function hallOf(actor: AdminActor): Hall {
    const hall = repos.halls.find(actor.hallId);
    if (!hall) throw new DomainError('HALL_NOT_FOUND');
    return hall;
  }

  return {
    updateHall(actor: AdminActor, input: HallUpdate): Promise<Hall> {
      return configChange(deps, actor, 'hall.update', () => {
        const before = hallOf(actor);
        const after: Hall = {
          ...before,
          name: input.name ?? before.name,
          nameEn: input.nameEn ?? before.nameEn,
          ticketFooter: input.ticketFooter ?? before.ticketFooter,
          hours: input.hours ?? before.hours,
          schedule: input.schedule ?? before.schedule,
          voiceLanguages: input.voiceLanguages ?? before.voiceLanguages,
        };
        // The schedule is logged field by field (days, holidays, working days, cut-off), so the
        // change log can say what changed in words.
        const changes = [
          ...fieldChanges(before, after, HALL_FIELDS),
          ...fieldChanges(before.schedule, after.schedule, SCHEDULE_FIELDS),
        ];
        if (changes.length > 0) repos.halls.update(actor.hallId, after);
        return { result: after, detail: auditDetail({ id: before.id }, changes) };
      });
    },

    /**
     * Today only: take tickets until `until` ('HH:MM'), later than the usual cut-off or on a day
     * the hall is closed; null goes back to the usual cut-off. Kiosks follow at once (snapshot).
     */
    extendToday(actor: AdminActor, until: string | null): Promise<Hall> {
      return configChange(deps, actor, 'hall.extendToday', (ctx) => {
        const before = hallOf(actor);
        const day = businessDay(ctx.now, before.timezone);
        const current = before.issueExtension?.day === day ? before.issueExtension : null;
        const after: Hall = { ...before, issueExtension: until === null ? null : { day, until } };
        const changes =
          (current?.until ?? null) === until
            ? []
            : [{ field: 'issueUntilToday', from: current?.until ?? null, to: until }];
        if (changes.length > 0) repos.halls.update(actor.hallId, after);
        return { result: after, detail: auditDetail({ id: before.id, label: day }, changes) };
      });
    },

    updateRules(actor: AdminActor, input: RulesUpdateInput): Promise<HallRules> {
      return configChange(deps, actor, 'rules.update', () => {
        const before = repos.halls.rules(actor.hallId);
        const after = checkRules({ ...before, ...input } as HallRules);
        // Record only what really changed: the console sends the whole rule set on every save.
        const changes = fieldChanges(before, after, Object.keys(input) as (keyof HallRules)[]);
        if (changes.length > 0) repos.halls.setRules(actor.hallId, after);
        return { result: after, detail: auditDetail({}, changes) };
      });
    },

    upsertService(actor: AdminActor, input: ServiceUpsert): Promise<Service> {
      return configChange(deps, actor, input.id ? 'service.update' : 'service.create', () => {
        const all = repos.services.list(actor.hallId);
        const clash = all.find((s) => s.code === input.code && s.id !== input.id);
        if (clash) throw new DomainError('CONFLICT', { detail: `service code ${input.code} exists` });
        const fields = {
          code: input.code,
          nameZh: input.nameZh,
          nameEn: input.nameEn,
          category: input.category,
          typicalMinutes: input.typicalMinutes,
          enabled: input.enabled,
          sortOrder: input.sortOrder,
        };
        if (input.id) {
          const before = repos.services.find(actor.hallId, input.id);
          if (!before) throw new DomainError('SERVICE_NOT_FOUND');
          const after: Service = { ...before, ...fields };
          const changes = fieldChanges(before, after, SERVICE_FIELDS);
          if (changes.length > 0) repos.services.update(after);
          return { result: after, detail: auditDetail({ id: after.id, label: labelOf(after) }, changes) };
        }
        const id = repos.services.insert({ hallId: actor.hallId, ...fields });
        const service = repos.services.find(actor.hallId, id)!;
        return {
          result: service,
          detail: auditDetail({ id, label: labelOf(service) }, created(service, SERVICE_FIELDS)),
        };
      });
    },

    upsertWindow(actor: AdminActor, input: WindowUpsert): Promise<HallWindow> {
      return configChange(deps, actor, input.id ? 'window.update' : 'window.create', () => {
        // In id order, as the repository reads them back, so the same set is never a change.
        const serviceIds = [...new Set(input.serviceIds)].sort((a, b) => a - b);
        for (const id of serviceIds) {
          if (!repos.services.find(actor.hallId, id)) throw new DomainError('SERVICE_NOT_FOUND');
        }
        const clash = repos.windows
          .list(actor.hallId)
          .find((w) => w.number === input.number && w.id !== input.id);
        if (clash) throw new DomainError('CONFLICT', { detail: `window ${input.number} exists` });
        const fields = {
          number: input.number,
          name: input.name,
          serviceIds,
          elderlyDedicated: input.elderlyDedicated,
        };
        if (input.id) {
          const before = repos.windows.find(actor.hallId, input.id);
          if (!before) throw new DomainError('WINDOW_NOT_FOUND');
          const ordered = { ...before, serviceIds: [...before.serviceIds].sort((a, b) => a - b) };
          const changes = fieldChanges(ordered, { ...ordered, ...fields }, WINDOW_FIELDS);
          if (changes.length > 0) repos.windows.updateConfig({ id: before.id, ...fields });
          const after = repos.windows.find(actor.hallId, before.id)!;
          return { result: after, detail: auditDetail({ id: before.id, label: labelOf(after) }, changes) };
        }
        const id = repos.windows.insert({ hallId: actor.hallId, ...fields });
        const window = repos.windows.find(actor.hallId, id)!;
        return {
          result: window,
          detail: auditDetail({ id, label: labelOf(window) }, created(window, WINDOW_FIELDS)),
        };
      });
    },

    upsertNotice(actor: AdminActor, input: NoticeUpsert): Promise<Notice> {
      return configChange(deps, actor, input.id ? 'notice.update' : 'notice.create', () => {
        if (input.id) {
          const before = repos.notices.find(actor.hallId, input.id);
          if (!before) throw new DomainError('NOT_FOUND', { what: 'notice' });
          const after: Notice = { ...before, text: input.text, active: input.active };
          const changes = fieldChanges(before, after, NOTICE_FIELDS);
          if (changes.length > 0) repos.notices.update(after);
          return { result: after, detail: auditDetail({ id: after.id, label: labelOf(before) }, changes) };
        }
        const id = repos.notices.insert(actor.hallId, input.text, input.active);
        const notice = repos.notices.find(actor.hallId, id)!;
        return {
          result: notice,
          detail: auditDetail({ id, label: labelOf(notice) }, created(notice, NOTICE_FIELDS)),
        };
      });
    },

    deleteNotice(actor: AdminActor, id: number): Promise<null> {
      return configChange(deps, actor, 'notice.delete', () => {
        const before = repos.notices.find(actor.hallId, id);
        if (!before || !repos.notices.remove(actor.hallId, id))
          throw new DomainError('NOT_FOUND', { what: 'notice' });
        return {
          result: null,
          detail: auditDetail({ id, label: labelOf(before) }, removed(before, NOTICE_FIELDS)),
        };
      });
    },
  };
}
export type HallConfigService = ReturnType<typeof createHallConfigService>;

/** What the audit log compares, per kind of thing (ids, states and counters are not configuration). */
const HALL_FIELDS = [
  'name',
  'nameEn',
  'ticketFooter',
  'hours',
  'voiceLanguages',
] as const satisfies readonly (keyof Hall)[];
const SCHEDULE_FIELDS = [
  'openWeekdays',
  'holidays',
  'workdays',
  'issueStopMinutes',
] as const satisfies readonly (keyof HallSchedule)[];
const SERVICE_FIELDS = [
  'code',
  'nameZh',
  'nameEn',
  'category',
  'typicalMinutes',
  'enabled',
  'sortOrder',
] as const satisfies readonly (keyof Service)[];
const WINDOW_FIELDS = [
  'number',
  'name',
  'serviceIds',
  'elderlyDedicated',
] as const satisfies readonly (keyof HallWindow)[];
const NOTICE_FIELDS = ['text', 'active'] as const satisfies readonly (keyof Notice)[];
