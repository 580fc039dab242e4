import { describe, expect, it } from 'vitest';
import { DEMO_HALL_CONFIG } from './demoHall';
import { ConfigError, parseHallConfig } from './hallConfig';

const demo = () => structuredClone(DEMO_HALL_CONFIG) as unknown as { halls: Record<string, unknown>[] };

function problems(input: unknown): string[] {
  try {
    parseHallConfig(input);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('hall configuration file', () => {
  it('accepts the demo hall: four services, six windows of which two are elderly windows', () => {
    const config = parseHallConfig(demo());
    const hall = config.halls[0]!;
    expect(hall.services.map((s) => s.category)).toEqual([
      'exit_entry',
      'household',
      'id_card',
      'residence_permit',
    ]);
    expect(hall.windows).toHaveLength(6);
    expect(hall.windows.filter((w) => w.elderlyDedicated)).toHaveLength(2);
    expect(hall.devices.map((d) => d.kind).sort()).toEqual(['display', 'kiosk']);
    // One account per window officer (an account holds one window at a time), a front-desk guide,
    // a supervisor, and a city account that reads every hall's reports.
    const staff = hall.staff.filter((s) => s.role === 'staff');
    expect(staff.length).toBeGreaterThanOrEqual(hall.windows.length);
    expect(new Set(staff.map((s) => s.username)).size).toBe(staff.length);
    expect(
      hall.staff
        .map((s) => s.role)
        .filter((r) => r !== 'staff')
        .sort(),
    ).toEqual(['admin', 'city', 'desk']);
    // Real opening hours, every day, with a cut-off before closing.
    expect(hall.hours).toEqual({ opens: '08:30', closes: '17:30' });
    expect(hall.schedule.issueStopMinutes).toBeGreaterThan(0);
  });

  it('reads a schedule with holidays and extra working days, and refuses a bad one by its path', () => {
    const config = demo();
    const hall = config.halls[0]!;
    Object.assign(hall, {
      hours: { opens: '08:30', closes: '24:00' },
      schedule: {
        openWeekdays: [5, 1, 2, 3, 4, 1],
        holidays: [{ from: '2026-10-01', to: '2026-10-07', name: '国庆节' }],
        workdays: [{ date: '2026-10-11', name: '国庆调休' }],
        issueStopMinutes: 45,
      },
    });
    expect(parseHallConfig(config).halls[0]!.schedule).toEqual({
      openWeekdays: [1, 2, 3, 4, 5],
      holidays: [{ from: '2026-10-01', to: '2026-10-07', name: '国庆节' }],
      workdays: [{ date: '2026-10-11', name: '国庆调休' }],
      issueStopMinutes: 45,
    });
    Object.assign(hall, {
      hours: { opens: '18:00', closes: '08:00' },
      schedule: { holidays: [{ from: '2026-10-07', to: '2026-10-01', name: 'x' }] },
    });
    expect(() => parseHallConfig(config)).toThrow(
      /halls\[0\]\.hours\.closes: opening must be before closing/,
    );
    expect(() => parseHallConfig(config)).toThrow(
      /halls\[0\]\.schedule\.holidays\[0\]\.to: from must not be after to/,
    );
  });

  it('binds an evaluator pad to one of the hall’s windows, and only an evaluator', () => {
    const good = demo();
    (good.halls[0]!.devices as unknown[]).push({ kind: 'evaluator', name: '1 号窗口评价器', window: 1 });
    expect(parseHallConfig(good).halls[0]!.devices.at(-1)).toMatchObject({ kind: 'evaluator', window: 1 });
    const bad = demo();
    (bad.halls[0]!.devices as unknown[]).push(
      { kind: 'evaluator', name: '无窗口' },
      { kind: 'evaluator', name: '99 号', window: 99 },
      { kind: 'display', name: '屏', window: 1 },
    );
    expect(problems(bad)).toEqual([
      'halls[0].devices[2].window: an evaluator needs the number of a window of this hall',
      'halls[0].devices[3].window: an evaluator needs the number of a window of this hall',
      'halls[0].devices[4].window: only an evaluator has a window',
    ]);
  });

  it('names the bad field by its path', () => {
    const bad = demo();
    const hall = bad.halls[0]!;
    hall.timezone = 'Mars/Olympus';
    (hall.services as { typicalMinutes: unknown }[])[1]!.typicalMinutes = 'ten';
    const found = problems(bad);
    expect(found.some((p) => p.startsWith('halls[0].timezone: unknown IANA time zone'))).toBe(true);
    expect(found.some((p) => p.startsWith('halls[0].services[1].typicalMinutes'))).toBe(true);
  });

  it('takes the spoken languages (Mandarin only when not given) and names a bad one', () => {
    const plain = demo();
    delete plain.halls[0]!.voiceLanguages;
    expect(parseHallConfig(plain).halls[0]!.voiceLanguages).toEqual(['cmn']);
    const guangdong = demo();
    guangdong.halls[0]!.voiceLanguages = ['cmn', 'yue'];
    expect(parseHallConfig(guangdong).halls[0]!.voiceLanguages).toEqual(['cmn', 'yue']);
    const bad = demo();
    bad.halls[0]!.voiceLanguages = ['cmn', 'fr'];
    expect(problems(bad).some((p) => p.startsWith('halls[0].voiceLanguages[1]'))).toBe(true);
  });

  it('checks that windows name services that exist', () => {
    const bad = demo();
    (bad.halls[0]!.windows as { services: string[] }[])[2]!.services = ['A', 'Q'];
    expect(problems(bad)).toEqual(['halls[0].windows[2].services[1]: no service with code Q']);
  });

  it('refuses duplicate service codes and window numbers, unknown keys and an empty hall list', () => {
    const dup = demo();
    const services = dup.halls[0]!.services as { code: string }[];
    services[1]!.code = 'A';
    const windows = dup.halls[0]!.windows as { number: number }[];
    windows[1]!.number = 1;
    const found = problems(dup);
    expect(found).toContain('halls[0].services[1].code: duplicate service code A');
    expect(found).toContain('halls[0].windows[1].number: duplicate window number 1');
    const extra = demo();
    extra.halls[0]!.colour = 'red';
    expect(problems(extra).some((p) => p.includes('colour'))).toBe(true);
    expect(problems({ halls: [] })[0]).toMatch(/^halls:/);
  });

  it('says what is wrong in Chinese and English', () => {
    expect(() => parseHallConfig({})).toThrow(/配置文件有误 \/ Invalid configuration/);
  });

  it('reads appointment schedules, names an unknown service, and keeps Y for appointment tickets', () => {
    const hall = parseHallConfig(demo()).halls[0]!;
    expect(hall.appointments?.schedules.map((x) => [x.service, x.starts, x.ends])).toEqual([
      ['A', '09:00', '11:30'],
      ['A', '14:00', '17:00'],
    ]);
    const bad = demo();
    const appointments = bad.halls[0]!.appointments as { schedules: { service: string; ends: string }[] };
    appointments.schedules[0]!.service = 'Q';
    appointments.schedules[1]!.ends = '13:00';
    bad.halls[0]!.rules = { priorityClasses: [{ id: 'vip', nameZh: '贵宾', nameEn: 'VIP', marker: 'Y' }] };
    const found = problems(bad);
    expect(found).toContain('halls[0].appointments.schedules[0].service: no service with code Q');
    expect(found).toContain('halls[0].appointments.schedules[1].ends: starts must be before ends');
    expect(found).toContain('halls[0].rules.priorityClasses[0].marker: Y marks appointment tickets');
  });
});
