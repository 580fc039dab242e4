// PostgreSQL stopped and started again under two running server processes (on a cluster of this
// test's own, so the other test files' servers are not cut off): while it is down the servers
// refuse commands with STORAGE_FAILURE (kiosks that connect then get the refusal and show their
// paused screen), the admins see the storage alarm; once it is back they serve again by
// themselves — no restart — and no acknowledged ticket is lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedTicket } from '@hall/shared/contracts/entities';
import type { Result } from '@hall/shared/contracts/errors';
import {
  connectClient,
  connectRaw,
  emitAck,
  nextEvent,
  newRequestId,
  type KioskClient,
} from '../support/clients';
import { startCluster, type TestCluster } from './cluster.mjs';
import { startServerProcesses, type ServerProcesses } from './support/serverProcesses';
import { followFrames } from './support/frameChain';

let pg: TestCluster;
let city: ServerProcesses;

beforeAll(async () => {
  pg = await startCluster();
  city = await startServerProcesses(2, { maintenanceUrl: pg.url });
}, 180_000);

afterAll(async () => {
  await city?.close().catch(() => undefined);
  pg?.stop();
});

function issue(kiosk: KioskClient, serviceId: number): Promise<Result<IssuedTicket>> {
  return emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
    requestId: newRequestId(),
    serviceId,
    priorityClass: 'normal',
  });
}

async function adminOn(url: string) {
  const response = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: city.passwords.admin }),
  });
  const session = (await response.json()) as { data: { token: string } };
  return connectClient(url, { role: 'admin', sessionToken: session.data.token });
}

describe('a PostgreSQL restart', () => {
  it('is refused with STORAGE_FAILURE while it lasts, and survived without restarting the servers', async () => {
    const [A, B] = city.processes.map((p) => p.url) as [string, string];
    const kiosk = await connectClient(A, { role: 'kiosk', deviceKey: city.kioskKey });
    const admin = await adminOn(A);
    const display = await connectClient(B, { role: 'display', deviceKey: city.displayKey });
    const chain = followFrames(display.socket, display.snapshot);
    const serviceId = kiosk.snapshot.services[0]!.id;
    const acked: IssuedTicket[] = [];
    for (let i = 0; i < 5; i += 1) {
      const r = await issue(kiosk, serviceId);
      expect(r.ok).toBe(true);
      if (r.ok) acked.push(r.data);
    }

    pg.halt();
    const alarm = nextEvent(admin.socket, 'storage:faulted', 10_000);
    const refused = await issue(kiosk, serviceId);
    expect(!refused.ok && refused.error.code).toBe('STORAGE_FAILURE');
    expect((await alarm).fault).toMatchObject({ command: 'ticket:issue' });
    // A kiosk (re)connecting now is told why: its paused screen, and it tries again later.
    const late = connectRaw(A, { role: 'kiosk', deviceKey: city.kioskKey });
    const refusal = await new Promise<string>((resolve) =>
      late.once('connect_error', (e) => resolve(e.message)),
    );
    late.close();
    expect(refusal).toBe('STORAGE_FAILURE');

    pg.resume();
    const cleared = nextEvent(admin.socket, 'storage:faulted', 30_000);
    // Both processes serve again by themselves.
    let again: Result<IssuedTicket> = refused as Result<IssuedTicket>;
    const deadline = Date.now() + 30_000;
    while (!again.ok && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      again = await issue(kiosk, serviceId);
    }
    expect(again.ok).toBe(true);
    if (again.ok) acked.push(again.data);
    expect((await cleared).fault).toBeNull();
    const kioskB = await connectClient(B, { role: 'kiosk', deviceKey: city.kioskKey });
    const onB = await issue(kioskB, serviceId);
    expect(onB.ok).toBe(true);
    if (onB.ok) acked.push(onB.data);

    const db = city.openDb();
    const rows = db
      .prepare('SELECT id, number FROM tickets WHERE service_id = ? ORDER BY sequence')
      .all(serviceId) as {
      id: number;
      number: string;
    }[];
    const version = db.prepare('SELECT version FROM halls').pluck().get() as number;
    db.close();
    expect(rows.map((r) => r.id)).toEqual(acked.map((t) => t.ticket.id));
    expect(rows.map((r) => r.number)).toEqual(acked.map((t) => t.ticket.number));
    // The display on B catches up with the hall (by frames, or a fresh snapshot after the restart).
    const until = Date.now() + 15_000;
    while (chain.version < version && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(chain.version).toBe(version);

    chain.stop();
    for (const c of [kiosk, kioskB, admin, display]) c.close();
  }, 120_000);
});
