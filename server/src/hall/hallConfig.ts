// The hall configuration file (services, windows, rules, devices, accounts), validated at start.
// It is applied once, to an empty database; afterwards the admin console is the place for changes.
import { z } from 'zod';
import { ACCOUNT_ROLES, DEVICE_KINDS, SERVICE_CATEGORIES } from '@hall/shared/contracts/entities';
import {
  clockTimeSchema,
  hallScheduleSchema,
  openingHoursSchema,
  printerSettingsSchema,
  rulesSchema,
  voiceLanguagesSchema,
} from '@hall/shared/contracts/schemas';
import { DEFAULT_VOICE_LANGUAGES } from '@hall/shared/voice/languages';
import { isValidTimeZone } from '@hall/shared/hallTime';

/** When services take appointments (changeable later in the admin console: 预约). */
const appointmentsSchema = z
  .object({
    checkInEarlyMinutes: z.number().int().min(0).max(240).default(30),
    checkInLateMinutes: z.number().int().min(0).max(120).default(15),
    schedules: z
      .array(
        z
          .object({
            service: z.string().regex(/^[A-Z]$/, 'one capital letter'),
            /** 1 = Monday … 7 = Sunday. */
            weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7).default([1, 2, 3, 4, 5]),
            starts: clockTimeSchema,
            ends: clockTimeSchema,
            slotMinutes: z.number().int().min(5).max(240),
            capacity: z.number().int().min(1).max(500),
          })
          .strict()
          .refine((s) => s.starts < s.ends, { message: 'starts must be before ends', path: ['ends'] }),
      )
      .default([]),
  })
  .strict();

const hallSchema = z
  .object({
    code: z.string().regex(/^[a-z0-9-]{2,32}$/, 'lower-case letters, digits and dashes'),
    name: z.string().min(1).max(60),
    nameEn: z.string().min(1).max(100),
    timezone: z.string().refine(isValidTimeZone, 'unknown IANA time zone'),
    hours: openingHoursSchema,
    /** Days, holidays, extra working days and the cut-off; every day open with a 30-minute cut-off by default. */
    schedule: hallScheduleSchema.partial().default({}),
    ticketFooter: z.string().max(120).default(''),
    voiceLanguages: voiceLanguagesSchema.default([...DEFAULT_VOICE_LANGUAGES]),
    rules: rulesSchema.partial().default({}),
    services: z
      .array(
        z
          .object({
            code: z.string().regex(/^[A-Z]$/, 'one capital letter'),
            nameZh: z.string().min(1).max(40),
            nameEn: z.string().min(1).max(60),
            category: z.enum(SERVICE_CATEGORIES),
            typicalMinutes: z.number().int().min(1).max(240),
          })
          .strict(),
      )
      .min(1),
    windows: z
      .array(
        z
          .object({
            number: z.number().int().min(1).max(999),
            name: z.string().max(40).default(''),
            services: z.array(z.string().regex(/^[A-Z]$/)).min(1),
            elderlyDedicated: z.boolean().default(false),
          })
          .strict(),
      )
      .min(1),
    devices: z
      .array(
        z
          .object({
            kind: z.enum(DEVICE_KINDS),
            name: z.string().min(1).max(40),
            printer: printerSettingsSchema.nullable().default(null),
            /** An evaluator pad's window number (one pad per window). */
            window: z.number().int().min(1).max(999).optional(),
          })
          .strict(),
      )
      .default([]),
    staff: z
      .array(
        z
          .object({
            username: z.string().regex(/^[A-Za-z0-9_.-]{2,32}$/),
            name: z.string().min(1).max(40),
            role: z.enum(ACCOUNT_ROLES),
            /** Omit to have a random password generated and printed once. */
            password: z.string().min(8).max(128).optional(),
          })
          .strict(),
      )
      .default([]),
    appointments: appointmentsSchema.optional(),
  })
  .strict()
  .superRefine((hall, ctx) => {
    const codes = hall.services.map((s) => s.code);
    hall.appointments?.schedules.forEach((s, i) => {
      if (!codes.includes(s.service))
        ctx.addIssue({
          code: 'custom',
          path: ['appointments', 'schedules', i, 'service'],
          message: `no service with code ${s.service}`,
        });
    });
    codes.forEach((code, i) => {
      if (codes.indexOf(code) !== i)
        ctx.addIssue({
          code: 'custom',
          path: ['services', i, 'code'],
          message: `duplicate service code ${code}`,
        });
    });
    const numbers = hall.windows.map((w) => w.number);
    hall.windows.forEach((w, i) => {
      if (numbers.indexOf(w.number) !== i) {
        ctx.addIssue({
          code: 'custom',
          path: ['windows', i, 'number'],
          message: `duplicate window number ${w.number}`,
        });
      }
      w.services.forEach((code, j) => {
        if (!codes.includes(code)) {
          ctx.addIssue({
            code: 'custom',
            path: ['windows', i, 'services', j],
            message: `no service with code ${code}`,
          });
        }
      });
    });
    hall.devices.forEach((d, i) => {
      const bound = d.window !== undefined;
      if (d.kind === 'evaluator' ? !bound || !numbers.includes(d.window!) : bound) {
        ctx.addIssue({
          code: 'custom',
          path: ['devices', i, 'window'],
          message:
            d.kind === 'evaluator'
              ? 'an evaluator needs the number of a window of this hall'
              : 'only an evaluator has a window',
        });
      }
    });
  });

export const hallConfigSchema = z.object({ halls: z.array(hallSchema).min(1) }).strict();
export type HallConfig = z.output<typeof hallConfigSchema>;
export type HallConfigHall = HallConfig['halls'][number];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置文件有误 / Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the configuration; errors name the bad field by its path, e.g. `halls[0].windows[2].services[1]`. */
export function parseHallConfig(input: unknown): HallConfig {
  const result = hallConfigSchema.safeParse(input);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`));
}

function formatPath(path: PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)),
    '',
  );
}
