// Writes a hall configuration into an empty database and returns the secrets it generated (device
// keys, passwords). They are shown once; only their hashes are stored.
import type { AccountRole, DeviceKind } from '@hall/shared/contracts/entities';
import { DEFAULT_RULES } from '@hall/shared/defaults';
import { DEFAULT_SCHEDULE } from '@hall/shared/hallHours';
import type { Repositories } from '../repositories';
import type { HallConfig } from './hallConfig';
import { hashPassword, randomToken, sha256 } from '../core/secrets';

export interface SeedCredentials {
  devices: { hallCode: string; kind: DeviceKind; name: string; key: string }[];
  staff: { hallCode: string; username: string; role: AccountRole; password: string }[];
}

export function isSeeded(repos: Repositories): boolean {
  return repos.halls.list().length > 0;
}

export function seedHalls(repos: Repositories, config: HallConfig): SeedCredentials {
  const credentials: SeedCredentials = { devices: [], staff: [] };
  repos.db.transaction(() => {
    for (const hall of config.halls) {
      const hallId = repos.halls.insert(
        {
          code: hall.code,
          name: hall.name,
          nameEn: hall.nameEn,
          timezone: hall.timezone,
          hours: hall.hours,
          schedule: { ...DEFAULT_SCHEDULE, ...hall.schedule },
          ticketFooter: hall.ticketFooter,
          voiceLanguages: hall.voiceLanguages,
        },
        { ...DEFAULT_RULES, ...hall.rules },
      );
      const serviceIds = new Map<string, number>();
      hall.services.forEach((s, i) => {
        serviceIds.set(s.code, repos.services.insert({ hallId, ...s, enabled: true, sortOrder: i }));
      });
      if (hall.appointments) {
        const { schedules, ...settings } = hall.appointments;
        repos.appointmentConfig.saveSettings(hallId, settings);
        for (const { service, ...schedule } of schedules) {
          repos.appointmentConfig.insertSchedule({
            hallId,
            serviceId: serviceIds.get(service)!,
            ...schedule,
            weekdays: [...new Set(schedule.weekdays)].sort((a, b) => a - b),
            enabled: true,
          });
        }
      }
      const windowIds = new Map<number, number>();
      for (const w of hall.windows) {
        const windowId = repos.windows.insert({
          hallId,
          number: w.number,
          name: w.name,
          serviceIds: w.services.map((code) => serviceIds.get(code)!),
          elderlyDedicated: w.elderlyDedicated,
        });
        windowIds.set(w.number, windowId);
      }
      for (const d of hall.devices) {
        const key = randomToken();
        repos.devices.insert({
          hallId,
          kind: d.kind,
          name: d.name,
          keyHash: sha256(key),
          printer: d.printer,
          windowId: d.window === undefined ? null : (windowIds.get(d.window) ?? null),
        });
        credentials.devices.push({ hallCode: hall.code, kind: d.kind, name: d.name, key });
      }
      for (const s of hall.staff) {
        const password = s.password ?? randomToken(9);
        repos.staff.insert({
          hallId,
          username: s.username,
          name: s.name,
          role: s.role,
          passwordHash: hashPassword(password),
        });
        credentials.staff.push({ hallCode: hall.code, username: s.username, role: s.role, password });
      }
    }
  })();
  return credentials;
}
