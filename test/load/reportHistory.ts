// Realistic hall history for the reports benchmark, written through the server's own repositories
// (seedHalls, tickets.insert, events.append, home visits) into a real data folder: what months of a
// working hall leave in the database. Each day: tickets from 08:30 over eight hours, 35 % elderly,
// most served, some no-shows, cancellations and transfers, an elderly window, proxy and assisted
// payment marks, and now and then a home visit.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { keyFileBeside } from '../../server/src/core/crypto/keyFile';
import { openKeyRing } from '../../server/src/core/crypto/keyRing';
import { parseHallConfig, type HallConfig } from '../../server/src/hall/hallConfig';
import { openDatabase } from '../../server/src/core/db/database';
import { createRepositories } from '../../server/src/repositories';
import { isSeeded, seedHalls, type SeedCredentials } from '../../server/src/hall/seed';
import { createHomeVisitRepository } from '../../server/src/homeVisits/homeVisitRepository';
import type { NewTicket } from '../../server/src/tickets/ticketRepository';
import { businessDay } from '@hall/shared/hallTime';
import { formatTicketNumber } from '@hall/shared/ticketNumber';
import type { FinishMarks, TicketState } from '@hall/shared/contracts/entities';

export const BENCH_PASSWORD = 'bench-pass-1';
const SERVICES = [
  { code: 'A', nameZh: '出入境证件', nameEn: 'Exit-entry', category: 'exit_entry', typicalMinutes: 8 },
  { code: 'B', nameZh: '户籍业务', nameEn: 'Household', category: 'household', typicalMinutes: 10 },
  { code: 'C', nameZh: '身份证', nameEn: 'ID card', category: 'id_card', typicalMinutes: 6 },
  {
    code: 'D',
    nameZh: '居住证',
    nameEn: 'Residence permit',
    category: 'residence_permit',
    typicalMinutes: 7,
  },
] as const;

export function benchHallConfig(halls: number): HallConfig {
  // Through the configuration file's own schema, so its defaults apply as they would at a hall.
  return parseHallConfig({
    halls: Array.from({ length: halls }, (_, h) => ({
      code: `hall-${String(h + 1).padStart(2, '0')}`,
      name: `第${h + 1}办证大厅`,
      nameEn: `Hall ${h + 1}`,
      timezone: 'Asia/Shanghai',
      hours: { opens: '08:30', closes: '17:30' },
      ticketFooter: '',
      rules: {},
      services: SERVICES.map((s) => ({ ...s })),
      windows: Array.from({ length: 6 }, (_, w) => ({
        number: w + 1,
        name: w === 0 ? '老年人专窗' : '',
        services: ['A', 'B', 'C', 'D'],
        elderlyDedicated: w === 0,
      })),
      devices: [
        { kind: 'kiosk' as const, name: '取号机', printer: { interface: 'virtual', widthColumns: 48 } },
      ],
      staff: [
        ...Array.from({ length: 6 }, (_, s) => ({
          username: `h${h + 1}s${s + 1}`,
          name: `民警${h + 1}-${s + 1}`,
          role: 'staff' as const,
          password: BENCH_PASSWORD,
        })),
        {
          username: `h${h + 1}admin`,
          name: `主管${h + 1}`,
          role: 'admin' as const,
          password: BENCH_PASSWORD,
        },
        ...(h === 0
          ? [{ username: 'city', name: '市局统计', role: 'city' as const, password: BENCH_PASSWORD }]
          : []),
      ],
    })),
  });
}

/** A small deterministic generator: the same history for the same seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface HistoryOptions {
  dbFile: string;
  halls: number;
  days: number;
  ticketsPerDay: number;
  /** The last day of history is the day before this moment's business day. */
  now: number;
  /** Write at most this many halls that have no history yet (the rest on a later run). */
  maxHalls?: number;
}

export interface History {
  /** Secrets of the first run (which seeds the halls); null on the runs after it. */
  credentials: SeedCredentials | null;
  /** Halls still without history. */
  hallsLeft: number;
  tickets: number;
  events: number;
  firstDay: string;
  lastDay: string;
}

const MINUTE = 60_000;

export function writeHistory(options: HistoryOptions): History {
  const db = openDatabase(options.dbFile, { synchronous: 'NORMAL' });
  const repos = createRepositories(db);
  // Home visits seal their personal fields with the key the server will open beside the data folder.
  const dataDir = path.dirname(options.dbFile);
  const keys = openKeyRing({ db, keyFile: keyFileBeside(dataDir), dataDir, now: new Date(options.now) });
  const visits = createHomeVisitRepository(db, keys.cipher);
  const credentials = isSeeded(repos) ? null : seedHalls(repos, benchHallConfig(options.halls));
  const written = new Set(
    (db.prepare('SELECT DISTINCT hall_id FROM tickets').all() as { hall_id: number }[]).map((r) => r.hall_id),
  );
  const todo = repos.halls.list().filter((h) => !written.has(h.id));
  let random = rng(20261130);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  let tickets = 0;
  let events = 0;
  let firstDay = '';
  let lastDay = '';

  for (const hall of todo.slice(0, options.maxHalls ?? todo.length)) {
    // Each hall its own sequence: a hall written on a later run gets the same history.
    random = rng(20261130 + hall.id);
    const services = repos.services.list(hall.id);
    const windows = repos.windows.list(hall.id);
    const staff = repos.staff.list(hall.id).filter((s) => s.role === 'staff');
    const kiosk = repos.devices.list(hall.id)[0]!;
    const writeHall = db.transaction(() => {
      for (let d = options.days; d >= 1; d -= 1) {
        // 08:30 local (UTC+8) on the day d days before today.
        const today = businessDay(options.now, hall.timezone);
        const dayStart = Date.parse(`${today}T00:30:00Z`) - d * 86_400_000;
        const day = businessDay(dayStart, hall.timezone);
        if (!firstDay || day < firstDay) firstDay = day;
        if (day > lastDay) lastDay = day;
        const sequences = new Map<number, number>();
        const log = (
          ticketId: number,
          type: string,
          at: number,
          w: number | null,
          s: number | null,
          payload: object,
        ) => {
          repos.events.append({
            hallId: hall.id,
            ticketId,
            type: type as never,
            at,
            windowId: w,
            staffId: s,
            deviceId: null,
            payload: payload as Record<string, unknown>,
          });
          events += 1;
        };
        for (let n = 0; n < options.ticketsPerDay; n += 1) {
          const service = pick(services);
          const roll = random();
          const priorityClass = roll < 0.35 ? 'elderly' : roll < 0.38 ? 'disabled' : 'normal';
          const marker = priorityClass === 'elderly' ? 'L' : priorityClass === 'disabled' ? 'C' : null;
          const sequence = (sequences.get(service.id) ?? 0) + 1;
          sequences.set(service.id, sequence);
          const issuedAt = dayStart + Math.floor(random() * 8 * 60 * MINUTE);
          const proxy = priorityClass === 'elderly' && random() < 0.15;
          const base: NewTicket = {
            hallId: hall.id,
            serviceId: service.id,
            businessDay: day,
            sequence,
            number: formatTicketNumber(service.code, marker, sequence),
            priorityClass,
            proxy,
            proxyRelation: proxy ? '子女' : null,
            source: 'kiosk',
            sourceDeviceId: kiosk.id,
            state: 'waiting',
            issuedAt,
            orderKey: issuedAt,
            calledAt: null,
            servingAt: null,
            finishedAt: null,
            windowId: null,
            staffId: null,
            targetWindowId: null,
            requeueHold: null,
            callCount: 0,
            marks: null,
            transferredFromId: null,
            statusToken: `bench${hall.id}x${tickets}x${Math.floor(random() * 1e9)}`,
            maskedIdNumber: null,
            requestId: null,
          };
          const outcomeRoll = random();
          const outcome: TicketState =
            outcomeRoll < 0.84
              ? 'done'
              : outcomeRoll < 0.9
                ? 'no_show'
                : outcomeRoll < 0.93
                  ? 'cancelled'
                  : outcomeRoll < 0.97
                    ? 'transferred'
                    : 'done';
          const first = repos.tickets.insert(base);
          tickets += 1;
          log(first.id, 'issued', issuedAt, null, null, {
            number: base.number,
            serviceId: service.id,
            priorityClass,
            proxy,
          });
          const serveLeg = (leg: typeof first, enteredAt: number, finalState: TicketState) => {
            const window =
              priorityClass === 'elderly' && random() < 0.7 ? windows[0]! : pick(windows.slice(1));
            const officer = staff[window.number - 1] ?? pick(staff);
            if (finalState === 'cancelled') {
              const at = enteredAt + Math.floor(random() * 20 * MINUTE);
              repos.tickets.save({ ...leg, state: 'cancelled', finishedAt: at }, leg.state);
              log(leg.id, 'cancelled', at, window.id, officer.id, { number: leg.number });
              return at;
            }
            const calledAt = enteredAt + Math.floor((2 + random() * random() * 70) * MINUTE);
            log(leg.id, 'called', calledAt, window.id, officer.id, {
              number: leg.number,
              reason: 'next',
              priorityClass,
            });
            const called = {
              ...leg,
              state: 'called' as const,
              calledAt,
              windowId: window.id,
              staffId: officer.id,
              callCount: 1,
            };
            if (finalState === 'no_show') {
              const at = calledAt + 3 * MINUTE;
              repos.tickets.save({ ...called, state: 'no_show', finishedAt: at }, leg.state);
              log(leg.id, 'no_show', at, window.id, officer.id, { number: leg.number });
              return at;
            }
            const servingAt = calledAt + Math.floor(random() * 2 * MINUTE);
            log(leg.id, 'serving', servingAt, window.id, officer.id, { number: leg.number });
            const finishedAt = servingAt + Math.floor((3 + random() * 17) * MINUTE);
            if (finalState === 'transferred') {
              repos.tickets.save({ ...called, state: 'transferred', servingAt, finishedAt }, leg.state);
              return finishedAt;
            }
            const marks: FinishMarks = {
              proxy: random() < 0.05,
              proxyRelation: null,
              assistedPayment: random() < (priorityClass === 'elderly' ? 0.4 : 0.05),
              formHelp: false,
              note: null,
            };
            repos.tickets.save({ ...called, state: 'done', servingAt, finishedAt, marks }, leg.state);
            log(leg.id, 'done', finishedAt, window.id, officer.id, {
              number: leg.number,
              marks,
              elderlyWindow: window.elderlyDedicated,
            });
            return finishedAt;
          };
          const closedAt = serveLeg(first, issuedAt, outcome);
          if (outcome === 'transferred') {
            const target = pick(services.filter((s) => s.id !== service.id));
            const leg = repos.tickets.insert({
              ...base,
              serviceId: target.id,
              source: 'transfer',
              transferredFromId: first.id,
              statusToken: `${base.statusToken}t`,
            });
            tickets += 1;
            log(first.id, 'transferred', closedAt, null, null, {
              number: base.number,
              toTicketId: leg.id,
              toServiceId: target.id,
              toWindowId: null,
            });
            serveLeg(leg, closedAt, 'done');
          }
        }
        if (random() < 0.3) {
          const completedAt = dayStart + 6 * 60 * MINUTE;
          visits.insert({
            hallId: hall.id,
            personName: '某老人',
            maskedIdNumber: null,
            idNumber: null,
            phone: '0668-0000000',
            address: '某地',
            serviceId: pick(services).id,
            reason: 'bedridden',
            requestedDate: day,
            status: 'done',
            scheduledDate: day,
            officerId: staff[0]!.id,
            completedAt,
            closedAt: completedAt,
            personalClearedAt: null,
            documentDelivered: random() < 0.5,
            assistedPayment: random() < 0.5,
            cancelReason: null,
            notes: null,
            createdAt: completedAt - 86_400_000,
          });
          repos.events.append({
            hallId: hall.id,
            ticketId: null,
            type: 'home_visit',
            at: completedAt,
            windowId: null,
            staffId: null,
            deviceId: null,
            payload: { step: 'complete' },
          });
          events += 1;
        }
      }
    });
    writeHall();
    // Keep the write-ahead log small: the server's own checkpoint timer is not running here.
    db.pragma('wal_checkpoint(TRUNCATE)');
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const hallsLeft = Math.max(0, todo.length - (options.maxHalls ?? todo.length));
  return { credentials, hallsLeft, tickets, events, firstDay, lastDay };
}

// Run directly (the benchmark does, in a child process of its own):
//   tsx test/load/reportHistory.ts <dbFile> <halls> <days> <ticketsPerDay> [maxHalls]
// writes the history of up to maxHalls halls still without one and prints the History as JSON.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dbFile, halls, days, perDay, maxHalls] = process.argv.slice(2);
  const history = writeHistory({
    dbFile: dbFile!,
    halls: Number(halls),
    days: Number(days),
    ticketsPerDay: Number(perDay),
    now: Date.now(),
    maxHalls: maxHalls ? Number(maxHalls) : undefined,
  });
  process.stdout.write(`${JSON.stringify(history)}\n`);
}
