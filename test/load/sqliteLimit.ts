// The durable limit of this machine: the very write one ticket issue makes (sequence upsert, ticket
// row, event row, hall version bump, in one transaction), done directly with the server's own
// openDatabase (WAL, synchronous FULL, same migrations and indexes) and repositories, in a loop in
// one process, with no network, validation or broadcasting in the way.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, startCheckpointTimer } from '../../server/src/core/db/database';
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
    const repos = createRepositories(db);
    // Same halls, services and devices as the server; no accounts (their hashing is not the point).
    seedHalls(repos, { halls: config.halls.map((h) => ({ ...h, staff: [] })) });
    const hall = repos.halls.list()[0]!;
    const services = repos.services.list(hall.id);
    const kiosk = repos.devices.list(hall.id).find((d) => d.kind === 'kiosk')!;

    let writes = 0;
    const issueOne = db.transaction(() => {
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
  } finally {
    stopCheckpoints();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
