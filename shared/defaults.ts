// Defaults a new hall starts with; every value can be changed in the admin console.
import type { HallRules } from './contracts/entities';

export const DEFAULT_RULES: HallRules = {
  elderlyAge: 60,
  priorityClasses: [
    { id: 'elderly', nameZh: '老年人', nameEn: 'Senior', marker: 'L' },
    { id: 'disabled', nameZh: '残疾人', nameEn: 'Disabled', marker: 'C' },
    { id: 'military', nameZh: '军人', nameEn: 'Military', marker: 'J' },
  ],
  mixRatio: 2,
  maxWaitMinutes: 45,
  requeueOffset: 3,
  elderlyWindowTakesOthers: true,
  callRepeat: 2,
  callMaxDelaySeconds: 30,
  alertWaitMinutes: 30,
  kioskIdleSeconds: 90,
  staffIdleMinutes: 30,
  evaluationTimeoutSeconds: 90,
  phoneRatingDays: 7,
  ratingCaseWorkingDays: 5,
};
