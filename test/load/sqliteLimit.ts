// The durable limit of this machine: the very write one ticket issue makes (sequence upsert, ticket
// row, event row, hall version bump, in one transaction), done directly with the server's own
// openDatabase (WAL, synchronous FULL, same migrations and indexes) and repositories, in a loop in
// one process, with no network, validation or broadcasting in the way. On PostgreSQL (the city
// deployment) the same write through the same synchronous bridge, plus what the server adds to each
// batch there: the hall's advisory lock, the generation bump, the change-log row and its NOTIFY.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, startCheckpointTimer, type Db } from '../../server/src/core/db/database';
import { HALL_LOCK_CLASS } from '../../server/src/core/cluster/hallChangeLog';
import { createLogger } from '../../server/src/core/logger';
import type { HallConfig } from '../../server/src/hall/hallConfig';
import { createRepositories } from '../../server/src/repositories';
import { seedHalls } from '../../server/src/hall/seed';
import { randomToken } from '../../server/src/core/secrets';
import { businessDay } from '@hall/shared/hallTime';
import { formatTicketNumber } from '@hall/shared/ticketNumber';
import { epochNow } from './clock';

export interface SqliteLimit {
  issuesPerSec: number;
  writes: number;
  seconds: number;
  /** Mean time of one durable transaction, in milliseconds (dominated by the fsync of the WAL). */
  meanMs: number;
}

/** Yield to the event loop this often so the checkpoint timer runs as it does in the server. */
const SLICE_MS = 100;

export async function measureSqliteLimit(config: HallConfig, durationMs: number): Promise<SqliteLimit> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hall-bench-limit-'));
  const db = openDatabase(path.join(dir, 'hall.sqlite'), { synchronous: 'FULL' });
  const stopCheckpoints = startCheckpointTimer(db, createLogger({ level: 'silent' }));
  try {
    return await issueLoop(db, config, durationMs, null);
  } finally {
    stopCheckpoints();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The same on a fresh PostgreSQL database (`url`), as one server process of the city writes it. */
export async function measurePostgresLimit(
  url: string,
  config: HallConfig,
  durationMs: number,
): Promise<SqliteLimit> {
  const db = openDatabase(url);
  try {
    const lock = db.prepare('SELECT pg_advisory_xact_lock(?, ?)');
    const readGeneration = db.prepare('SELECT generation FROM halls WHERE id = ?');
    const bump = db.prepare('UPDATE halls SET generation = ? WHERE id = ?');
    const log = db.prepare('INSERT INTO hall_changes (hall_id, generation, at, payload) VALUES (?, ?, ?, ?)');
    const notify = db.prepare(`SELECT pg_notify('hall_changes_bench', ?)`);
    let generation = 0;
    return await issueLoop(db, config, durationMs, {
      before: (hallId) => {
        lock.get(HALL_LOCK_CLASS, hallId);
        readGeneration.get(hallId);
      },
      after: (hallId, payload) => {
        generation += 1;
        bump.run(generation, hallId);
        log.run(hallId, generation, Date.now(), payload);
        notify.get(payload);
      },
    });
  } finally {
    db.close();
  }
}

interface AroundIssue {
  before(hallId: number): void;
  after(hallId: number, payload: string): void;
}

async function issueLoop(
  db: Db,
  config: HallConfig,
  durationMs: number,
  around: AroundIssue | null,
): Promise<SqliteLimit> {
  const repos = createRepositories(db);
  // Same halls, services and devices as the server; no accounts (their hashing is not the point).
  seedHalls(repos, { halls: config.halls.map((h) => ({ ...h, staff: [] })) });
  const hall = repos.halls.list()[0]!;
  const services = repos.services.list(hall.id);
  const kiosk = repos.devices.list(hall.id).find((d) => d.kind === 'kiosk')!;

  let writes = 0;
  const issueOne = db.transaction(() => {
    around?.before(hall.id);
    const service = services[writes % services.length]!;
    const now = Date.now();
    const day = businessDay(now, hall.timezone);
    const sequence = repos.tickets.nextSequence(hall.id, service.id, day);
    const created = repos.tickets.insert({
      hallId: hall.id,
      serviceId: service.id,
      businessDay: day,
      sequence,
      number: formatTicketNumber(service.code, null, sequence),
      priorityClass: 'normal',
      proxy: false,
      proxyRelation: null,
      source: 'kiosk',
      sourceDeviceId: kiosk.id,
      state: 'waiting',
      issuedAt: now,
      orderKey: now,
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
      statusToken: randomToken(16),
      maskedIdNumber: null,
      requestId: `limit-${writes.toString(36)}`,
    });
    repos.events.append({
      hallId: hall.id,
      ticketId: created.id,
      type: 'issued',
      at: now,
      windowId: null,
      staffId: null,
      deviceId: kiosk.id,
      payload: {
        number: created.number,
        serviceId: service.id,
        priorityClass: 'normal',
        proxy: false,
        idChecked: false,
      },
    });
    repos.halls.reserveVersions(hall.id, 1);
    around?.after(hall.id, JSON.stringify({ hallId: hall.id, tickets: [created] }));
  });

  const t0 = epochNow();
  const end = t0 + durationMs;
  while (epochNow() < end) {
    const sliceEnd = Math.min(end, epochNow() + SLICE_MS);
    while (epochNow() < sliceEnd) {
      issueOne();
      writes++;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  const seconds = (epochNow() - t0) / 1000;
  return {
    issuesPerSec: Math.round(writes / seconds),
    writes,
    seconds: Math.round(seconds * 100) / 100,
    meanMs: Math.round(((seconds * 1000) / writes) * 1000) / 1000,
  };
}
