// Names of services, priority classes and pick reasons in the chosen language.
import { useI18n } from 'vue-i18n';
import { NORMAL_CLASS, type Id } from '@hall/shared/contracts/entities';
import type { PickReason } from '@hall/shared/queue/policy';
import { useHallStore } from '../stores/hall';
import { clockTime } from '@hall/shared/hallTime';
import { durationWords } from '../logic/format';

const REASON_KEYS: Record<PickReason, string> = {
  requeue_due: 'waiting.reasons.requeueDue',
  overdue: 'waiting.reasons.overdue',
  priority_at_elderly_window: 'waiting.reasons.priorityAtElderlyWindow',
  other_at_elderly_window: 'waiting.reasons.otherAtElderlyWindow',
  priority_by_ratio: 'waiting.reasons.priorityByRatio',
  normal_by_ratio: 'waiting.reasons.normalByRatio',
  only_priority_waiting: 'waiting.reasons.onlyPriority',
  only_normal_waiting: 'waiting.reasons.onlyNormal',
  appointment_due: 'waiting.reasons.appointmentDue',
};

export function useLabels() {
  const { t, locale } = useI18n();
  const hall = useHallStore();
  const isZh = (): boolean => locale.value !== 'en';

  function serviceName(id: Id): string {
    const service = hall.serviceById(id);
    if (!service) return `#${id}`;
    return isZh() ? service.nameZh : service.nameEn;
  }

  function className(priorityClass: string): string {
    if (priorityClass === NORMAL_CLASS) return t('priority.normal');
    const found = hall.snapshot?.rules.priorityClasses.find((c) => c.id === priorityClass);
    if (!found) return t('priority.unknown');
    return isZh() ? found.nameZh : found.nameEn;
  }

  function reasonText(reason: PickReason, priorityClass: string): string {
    return t(REASON_KEYS[reason], {
      class: className(priorityClass),
      minutes: hall.snapshot?.rules.maxWaitMinutes ?? 0,
    });
  }

  function duration(ms: number): string {
    const words = durationWords(ms);
    return t(words.key, words.params);
  }

  function clock(epochMs: number): string {
    return clockTime(epochMs, hall.snapshot?.hall.timezone ?? 'Asia/Shanghai');
  }

  return { serviceName, className, reasonText, duration, clock };
}
