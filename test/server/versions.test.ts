// Every versioned broadcast carries the next hall version, so a client can detect a gap and ask
// for a fresh snapshot; hall:sync answers with the current version.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HallSnapshot } from '@hall/shared/contracts/entities';
import { startTestServer, type TestServer } from '../support/testServer';
import { connectClient, emitAck, newRequestId, staffAtWindow } from '../support/clients';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('versioned broadcasts', () => {
  it('numbers deltas consecutively after the snapshot and sync returns the latest version', async () => {
    const display = await connectClient(server.url, {
      role: 'display',
      deviceKey: server.credentials.displayKey,
    });
    const seen: number[] = [];
    for (const event of ['ticket:issued', 'ticket:called', 'ticket:updated', 'window:updated'] as const) {
      display.socket.on(event, (e: { version: number }) => seen.push(e.version));
    }
    const kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey });
    const serviceId = kiosk.snapshot.services[0]!.id;
    const staff = await staffAtWindow(
      server.url,
      'staff',
      server.credentials.staff.password,
      kiosk.snapshot.windows[0]!.id,
    );
    for (let i = 0; i < 5; i += 1)
      await emitAck(kiosk.socket, 'ticket:issue', { requestId: newRequestId(), serviceId });
    const called = await emitAck<{ id: number }>(staff.socket, 'counter:callNext');
    await emitAck(staff.socket, 'counter:start', { ticketId: called.ok ? called.data.id : 0 });
    const synced = await emitAck<HallSnapshot>(display.socket, 'hall:sync');
    // Wait for the broadcast carrying the version sync reported (no fixed pause): every delta up
    // to it must have arrived, in order, by then.
    const latest = synced.ok ? synced.data.version : -1;
    await new Promise<void>((resolve) => {
      const check = () => {
        if (seen.at(-1) === latest) resolve();
      };
      check();
      for (const event of ['ticket:issued', 'ticket:called', 'ticket:updated', 'window:updated'] as const)
        display.socket.on(event, check);
    });
    expect(seen.length).toBeGreaterThanOrEqual(9);
    expect(seen).toEqual(seen.map((_, i) => display.snapshot.version + 1 + i));
    expect(synced.ok && synced.data.version).toBe(seen[seen.length - 1]);
    expect(synced.ok && synced.data.activeTickets.filter((t) => t.state === 'serving')).toHaveLength(1);
    [display, kiosk, staff].forEach((c) => c.close());
  });
});
