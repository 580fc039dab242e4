// Three server processes on one PostgreSQL database (the city deployment on one machine): kiosks
// on A, staff on B, displays on C. Every call reaches every display, in order, with no missed
// frame; kiosks spread over the processes issue concurrently with no duplicate or missing number
// and contiguous versions; a process killed under load loses no acknowledged ticket and its
// screens carry on from the others.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedTicket, TicketView } from '@hall/shared/contracts/entities';
import type { HallDelta } from '@hall/shared/contracts/frames';
import { startOfDay } from '@hall/shared/hallTime';
import { testHallConfig } from '../support/testServer';
import {
  connectClient,
  emitAck,
  newRequestId,
  staffAtWindow,
  type ConnectedClient,
  type KioskClient,
} from '../support/clients';
import { startServerProcesses, type ServerProcesses } from './support/serverProcesses';
import { followFrames } from './support/frameChain';
import { connectResilient, type ResilientClient } from './support/resilientClient';
import { startCityProxy } from '../../server/scripts/cityProxy.mjs';
import type { HallFrame } from '@hall/shared/contracts/frames';
import type { HallSnapshot } from '@hall/shared/contracts/entities';

const WINDOW_STAFF = ['staff', 'window2', 'window3'];
let city: ServerProcesses;

beforeAll(async () => {
  city = await startServerProcesses(3, {
    hallConfig: testHallConfig({ extraStaff: ['window2', 'window3'] }),
  });
}, 180_000);

afterAll(async () => {
  await city?.close();
});

const passwordOf = (username: string) => (username === 'staff' ? city.passwords.staff : `${username}-pass`);
const [A, B, C] = [0, 1, 2];
const urlOf = (i: number) => city.processes[i]!.url;

function kioskOn(i: number): Promise<KioskClient> {
  return connectClient(urlOf(i), { role: 'kiosk', deviceKey: city.kioskKey });
}

function displayOn(i: number): Promise<ConnectedClient> {
  return connectClient(urlOf(i), { role: 'display', deviceKey: city.displayKey });
}

function issue(kiosk: KioskClient, serviceId: number, requestId = newRequestId()) {
  return emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
    requestId,
    serviceId,
    priorityClass: 'normal',
  });
}

const calls = (deltas: readonly HallDelta[]) =>
  deltas.filter((d): d is Extract<HallDelta, { type: 'ticket:called' }> => d.type === 'ticket:called');

describe('three processes, one database', () => {
  it('kiosks on A, staff on B, displays on C: every call reaches every display, in order', async () => {
    const kiosk = await kioskOn(A);
    const displays = [await displayOn(C), await displayOn(C)];
    const chains = displays.map((d) => followFrames(d.socket, d.snapshot));
    const windowIds = new Map(displays[0]!.snapshot.windows.map((w) => [w.number, w.id]));
    const serviceA = kiosk.snapshot.services.find((s) => s.code === 'A')!.id;
    const windows = await Promise.all(
      WINDOW_STAFF.map((u, i) => staffAtWindow(urlOf(B), u, passwordOf(u), windowIds.get(i + 1)!)),
    );

    const issued: number[] = [];
    for (let i = 0; i < 30; i += 1) {
      const r = await issue(kiosk, serviceA);
      if (!r.ok) throw new Error(r.error.code);
      issued.push(r.data.ticket.id);
    }
    // The three windows on B call, start and finish until nobody waits, all at once.
    const called: TicketView[] = [];
    await Promise.all(
      windows.map(async (w) => {
        for (;;) {
          const r = await emitAck<TicketView>(w.socket, 'counter:callNext');
          if (!r.ok) {
            if (r.error.code === 'QUEUE_EMPTY') return;
            throw new Error(r.error.code);
          }
          called.push(r.data);
          expect((await emitAck(w.socket, 'counter:start', { ticketId: r.data.id })).ok).toBe(true);
          expect((await emitAck(w.socket, 'counter:finish', { ticketId: r.data.id })).ok).toBe(true);
        }
      }),
    );
    expect(called.map((t) => t.id).sort((a, b) => a - b)).toEqual([...issued].sort((a, b) => a - b));

    for (const chain of chains) {
      await chain.until((d) => calls(d).length >= called.length);
      const seen = calls(chain.deltas);
      // Every call, once each, in version order, and no frame ever skipped a version.
      expect(seen.map((d) => d.ticket.id).sort((a, b) => a - b)).toEqual(
        called.map((t) => t.id).sort((a, b) => a - b),
      );
      expect(seen.map((d) => d.version)).toEqual([...seen.map((d) => d.version)].sort((a, b) => a - b));
      expect(chain.gaps).toBe(0);
      expect(chain.snapshots).toBe(0);
    }
    // Both displays saw the same calls in the same order.
    expect(calls(chains[0]!.deltas).map((d) => d.call.id)).toEqual(
      calls(chains[1]!.deltas).map((d) => d.call.id),
    );
    for (const c of chains) c.stop();
    for (const w of windows) w.close();
    for (const d of displays) d.close();
    kiosk.close();
  }, 120_000);

  it('8 kiosks spread over the processes issue at once: no duplicate or missing number, contiguous versions', async () => {
    // Consoles (every delta) on each process follow the hall while the kiosks issue.
    const admins = await Promise.all([A, B, C].map((i) => adminOn(i)));
    const chains = admins.map((a) => followFrames(a.socket, a.snapshot));
    const kiosks = await Promise.all(Array.from({ length: 8 }, (_, k) => kioskOn(k % 3)));
    const serviceB = kiosks[0]!.snapshot.services.find((s) => s.code === 'B')!.id;
    const perKiosk = 25;
    const results = await Promise.all(
      kiosks.map(async (kiosk) => {
        const mine: IssuedTicket[] = [];
        for (let n = 0; n < perKiosk; n += 1) {
          const r = await issue(kiosk, serviceB);
          if (!r.ok) throw new Error(r.error.code);
          mine.push(r.data);
        }
        return mine;
      }),
    );
    const tickets = results.flat();
    const total = kiosks.length * perKiosk;
    const sequences = tickets.map((t) => t.ticket.sequence).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(new Set(tickets.map((t) => t.ticket.number)).size).toBe(total);
    // The database agrees: one row per number.
    const db = city.openDb();
    const stored = db
      .prepare('SELECT sequence FROM tickets WHERE service_id = ? ORDER BY sequence')
      .pluck()
      .all(serviceB) as number[];
    const times = db.prepare('SELECT business_day, issued_at FROM tickets').all() as {
      business_day: string;
      issued_at: number | string;
    }[];
    db.close();
    expect(stored).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    // Every process runs on the test clock (TEST_CLOCK_OFFSET_MS): 10:00 of the hall's day, far
    // from its midnight whenever the suite runs.
    const timezone = testHallConfig().halls[0]!.timezone;
    for (const t of times) {
      const sinceMidnight = Number(t.issued_at) - startOfDay(t.business_day, timezone);
      expect(sinceMidnight).toBeGreaterThanOrEqual(10 * 3_600_000);
      expect(sinceMidnight).toBeLessThan(12 * 3_600_000);
    }
    // Each process's consoles saw every issue, with versions contiguous (one version per delta).
    for (const chain of chains) {
      await chain.until(
        (d) => d.filter((x) => x.type === 'ticket:issued' && x.ticket.serviceId === serviceB).length >= total,
      );
      const versions = chain.deltas.map((d) => d.version);
      expect(versions).toEqual(Array.from({ length: versions.length }, (_, i) => versions[0]! + i));
      expect(chain.gaps).toBe(0);
    }
    for (const c of chains) c.stop();
    for (const a of admins) a.close();
    for (const k of kiosks) k.close();
  }, 120_000);
});

describe('a process killed under load', () => {
  it('loses no acknowledged ticket; its kiosks and displays carry on from the others', async () => {
    const proxy = await startCityProxy({ port: 0, backends: city.processes.map((p) => p.url) });
    const kiosks = await Promise.all(
      [A, A, B, B, C, C].map((i) =>
        connectResilient(urlOf(i), proxy.url, { role: 'kiosk', deviceKey: city.kioskKey }),
      ),
    );
    const displays = await Promise.all(
      [A, B, C].map((i) =>
        connectResilient(urlOf(i), proxy.url, { role: 'display', deviceKey: city.displayKey }),
      ),
    );
    const shown = displays.map((d) => followAcrossReconnects(d));
    const kiosk0 = await kioskOn(A);
    const serviceC = kiosk0.snapshot.services.find((s) => s.code === 'C')!.id;
    kiosk0.close();

    const acked = new Map<string, IssuedTicket>();
    let stop = false;
    const load = kiosks.map(async (k) => {
      while (!stop) {
        const requestId = newRequestId();
        const r = await k.command<IssuedTicket>('ticket:issue', {
          requestId,
          serviceId: serviceC,
          priorityClass: 'normal',
        });
        if (!r.ok) throw new Error(r.error.code);
        acked.set(requestId, r.data);
      }
    });
    const waitFor = async (n: number) => {
      while (acked.size < n) await new Promise((r) => setTimeout(r, 20));
    };
    await waitFor(60);
    await city.processes[B]!.kill();
    const atKill = acked.size;
    await waitFor(atKill + 150);
    stop = true;
    await Promise.all(load);

    // Every acknowledged ticket is stored with the number it was given; numbers have no gap.
    const db = city.openDb();
    const rows = db
      .prepare('SELECT id, number, sequence, request_id FROM tickets WHERE service_id = ? ORDER BY sequence')
      .all(serviceC) as { id: number; number: string; sequence: number; request_id: string }[];
    const hallVersion = db.prepare('SELECT version FROM halls').pluck().get() as number;
    db.close();
    const stored = new Map(rows.map((r) => [r.request_id, r]));
    for (const [requestId, ticket] of acked) {
      expect(stored.get(requestId)).toMatchObject({ id: ticket.ticket.id, number: ticket.ticket.number });
    }
    expect(rows.map((r) => r.sequence)).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1));
    expect(rows.length).toBe(acked.size);
    // B's kiosks and display reconnected elsewhere and caught up: every display ends at the hall's version.
    expect(kiosks[2]!.connections).toBeGreaterThan(1);
    expect(kiosks[3]!.connections).toBeGreaterThan(1);
    expect(displays[1]!.connections).toBeGreaterThan(1);
    for (const s of shown) await s.until(hallVersion);

    await city.processes[B]!.start();
    for (const k of kiosks) k.close();
    for (const d of displays) d.close();
    await proxy.close();
  }, 180_000);
});

/** A display's version across reconnects: a snapshot sets it, frames move it on. */
function followAcrossReconnects(client: ResilientClient) {
  let version = client.snapshotVersion;
  client.onSocket((socket) => {
    socket.on('hall:snapshot', (s: HallSnapshot) => (version = s.version));
    socket.on('hall:changed', (f: HallFrame) => {
      if (f.base <= version) version = Math.max(version, f.version);
    });
  });
  return {
    async until(target: number, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (version < target) {
        if (Date.now() > deadline) throw new Error(`display at version ${version}, hall at ${target}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}

async function adminOn(i: number): Promise<ConnectedClient> {
  const response = await fetch(`${urlOf(i)}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: city.passwords.admin }),
  });
  const session = (await response.json()) as { ok: boolean; data: { token: string } };
  return connectClient(urlOf(i), { role: 'admin', sessionToken: session.data.token });
}
