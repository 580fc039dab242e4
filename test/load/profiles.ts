// The two simulated deployments: one busy hall, and a city of 50 small halls on one server. Each
// profile is a hall configuration (written to a file for the server child) plus how many sockets
// of each kind the load generators open.
import type { HallConfig, HallConfigHall } from '../../server/src/hall/hallConfig';
import type { StaffLogin } from './protocol';

export type ProfileName = 'hall' | 'city';

export const BENCH_PASSWORD = 'bench-pass-1';

export interface Profile {
  name: ProfileName;
  config: HallConfig;
  staff: StaffLogin[];
  /** Kiosk sockets per kiosk device (the 16 concurrent kiosks of the hall profile share 4 devices). */
  kioskSocketsPerDevice: number;
  /** Kiosk sockets issuing in the closed loop (the sustained-rate target is for 8 kiosks in a hall). */
  closedLoopKioskSockets: number;
  /** Display sockets per hall while issuing, and during the call → display measurement. */
  baselineDisplaysPerHall: number;
  callDisplaysPerHall: number;
  kioskWorkers: number;
  displayWorkers: number;
}

const SERVICES: HallConfigHall['services'] = [
  {
    code: 'A',
    nameZh: '出入境证件',
    nameEn: 'Exit-entry documents',
    category: 'exit_entry',
    typicalMinutes: 8,
  },
  {
    code: 'B',
    nameZh: '户籍业务',
    nameEn: 'Household registration',
    category: 'household',
    typicalMinutes: 10,
  },
  { code: 'C', nameZh: '身份证', nameEn: 'Resident ID card', category: 'id_card', typicalMinutes: 6 },
  {
    code: 'D',
    nameZh: '居住证',
    nameEn: 'Residence permit',
    category: 'residence_permit',
    typicalMinutes: 7,
  },
];

function hall(
  code: string,
  windows: HallConfigHall['windows'],
  kiosks: number,
  staff: string[],
  evaluators = false,
): HallConfigHall {
  return {
    code,
    name: `压测大厅 ${code}`,
    nameEn: `Bench hall ${code}`,
    timezone: 'Asia/Shanghai',
    // Open all day, every day, with no cut-off, so the run never depends on the wall-clock hour.
    hours: { opens: '00:00', closes: '24:00' },
    schedule: { openWeekdays: [1, 2, 3, 4, 5, 6, 7], issueStopMinutes: 0 },
    ticketFooter: '',
    voiceLanguages: ['cmn'],
    rules: {},
    services: SERVICES,
    windows,
    devices: [
      ...Array.from({ length: kiosks }, (_, i) => ({
        kind: 'kiosk' as const,
        name: `${code}-kiosk-${i + 1}`,
        printer: null,
      })),
      { kind: 'display' as const, name: `${code}-display`, printer: null },
      // One evaluator pad per window (issue 16): each finish asks its window's pad for a rating.
      ...(evaluators
        ? windows.map((w) => ({
            kind: 'evaluator' as const,
            name: `${code}-evaluator-${w.number}`,
            printer: null,
            window: w.number,
          }))
        : []),
    ],
    staff: staff.map((username) => ({
      username,
      name: username,
      role: 'staff' as const,
      password: BENCH_PASSWORD,
    })),
  };
}

/** 20 windows: two elderly windows for everything, then windows specialised like a real hall; each
 * window has its evaluator pad. */
function hallWindows(): HallConfigHall['windows'] {
  const servicesOf = (n: number): string[] => {
    if (n <= 2 || n >= 18) return ['A', 'B', 'C', 'D'];
    if (n <= 8) return ['A'];
    if (n <= 13) return ['B', 'C'];
    return ['C', 'D'];
  };
  return Array.from({ length: 20 }, (_, i) => ({
    number: i + 1,
    name: `窗口 ${i + 1}`,
    services: servicesOf(i + 1),
    elderlyDedicated: i < 2,
  }));
}

function hallProfile(evaluators: boolean): Profile {
  const usernames = Array.from({ length: 20 }, (_, i) => `bench-w${String(i + 1).padStart(2, '0')}`);
  return {
    name: 'hall',
    config: { halls: [hall('bench-hall', hallWindows(), 4, usernames, evaluators)] },
    staff: usernames.map((username, i) => ({
      username,
      password: BENCH_PASSWORD,
      windowNumber: i + 1,
      hallCode: 'bench-hall',
    })),
    kioskSocketsPerDevice: 4,
    closedLoopKioskSockets: 8,
    baselineDisplaysPerHall: 30,
    callDisplaysPerHall: 200,
    kioskWorkers: 2,
    displayWorkers: 4,
  };
}

/** `halls` small halls, each: one kiosk, one display key, two windows with a staff member each. */
function cityProfile(halls: number): Profile {
  const codes = Array.from({ length: halls }, (_, i) => `city-${String(i + 1).padStart(2, '0')}`);
  const windows: HallConfigHall['windows'] = [
    { number: 1, name: '老年人专窗', services: ['A', 'B', 'C', 'D'], elderlyDedicated: true },
    { number: 2, name: '综合窗口', services: ['A', 'B', 'C', 'D'], elderlyDedicated: false },
  ];
  const staffOf = (code: string) => [`${code}-w1`, `${code}-w2`];
  return {
    name: 'city',
    config: { halls: codes.map((code) => hall(code, windows, 1, staffOf(code))) },
    staff: codes.flatMap((code) =>
      staffOf(code).map((username, i) => ({
        username,
        password: BENCH_PASSWORD,
        windowNumber: i + 1,
        hallCode: code,
      })),
    ),
    kioskSocketsPerDevice: 1,
    closedLoopKioskSockets: halls,
    // 1 kiosk + 2 consoles + 17 displays = 20 clients per hall, 1,000 in all at 50 halls.
    baselineDisplaysPerHall: 17,
    callDisplaysPerHall: 17,
    kioskWorkers: 2,
    displayWorkers: 4,
  };
}

export function buildProfile(name: ProfileName, quick: boolean, evaluators = true): Profile {
  return name === 'hall' ? hallProfile(evaluators) : cityProfile(quick ? 10 : 50);
}
