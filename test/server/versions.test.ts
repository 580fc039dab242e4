// Every hall delta carries the next hall version, and each room's frames chain (a frame's base is
// the room's previous frame), so a screen can tell a missed frame from versions it was never meant
// to see; hall:sync answers with the current version.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HallSnapshot } from '@hall/shared/contracts/entities';
import type { HallFrame } from '@hall/shared/contracts/frames';
import { startTestServer, type TestServer } from '../support/testServer';
import { connectClient, emitAck, login, newRequestId, nextDelta, staffAtWindow } from '../support/clients';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('versioned frames', () => {
  it('numbers deltas consecutively after the snapshot, chains each room, and sync returns the latest version', async () => {
    const display = await connectClient(server.url, {
      role: 'display',
      deviceKey: server.credentials.displayKey,
    });
    const session = await login(server.url, 'admin', server.credentials.admin.password);
    const consoleClient = await connectClient(server.url, { role: 'admin', sessionToken: session.token });
    const displayFrames: HallFrame[] = [];
    const consoleFrames: HallFrame[] = [];
    display.socket.on('hall:changed', (f) => displayFrames.push(f));
    consoleClient.socket.on('hall:changed', (f) => consoleFrames.push(f));
    const kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey });
    const serviceId = kiosk.snapshot.services[0]!.id;
    const staff = await staffAtWindow(
      server.url,
      'staff',
      server.credentials.staff.password,
      server.windowId(1),
    );
    const opened = await emitAck<HallSnapshot>(consoleClient.socket, 'hall:sync');
    const openedAt = opened.ok ? opened.data.version : Infinity;
    for (let i = 0; i < 5; i += 1)
      await emitAck(kiosk.socket, 'ticket:issue', { requestId: newRequestId(), serviceId });
    const called = await emitAck<{ id: number }>(staff.socket, 'counter:callNext');
    const ticketId = called.ok ? called.data.id : 0;
    await emitAck(staff.socket, 'counter:start', { ticketId });
    // Sentinel: the finish reaches both rooms after everything before it.
    const finished = [display, consoleClient].map((c) =>
      nextDelta(c.socket, 'ticket:updated', (d) => d.ticket.id === ticketId && d.ticket.state === 'done'),
    );
    await emitAck(staff.socket, 'counter:finish', { ticketId, marks: {} });
    await Promise.all(finished);
    const synced = await emitAck<HallSnapshot>(consoleClient.socket, 'hall:sync');

    // The console sees every version, consecutively, from the one its snapshot had.
    const consoleVersions = consoleFrames.flatMap((f) => f.deltas.map((d) => d.version));
    expect(consoleVersions.length).toBeGreaterThanOrEqual(12);
    expect(consoleVersions).toEqual(consoleVersions.map((_, i) => consoleClient.snapshot.version + 1 + i));
    expect(synced.ok && synced.data.version).toBe(consoleVersions[consoleVersions.length - 1]);
    // Each room's frames chain from its snapshot: no gap a screen could mistake for a lost frame.
    for (const [frames, start] of [
      [consoleFrames, consoleClient.snapshot.version],
      [displayFrames, display.snapshot.version],
    ] as const) {
      frames.forEach((f, i) => expect(f.base).toBe(i === 0 ? start : frames[i - 1]!.version));
      for (const f of frames) expect(f.version).toBe(f.deltas[f.deltas.length - 1]!.version);
    }
    // The display is not sent what it does not draw: the start (called → serving) and the
    // window's held ticket. (It is sent the window being claimed and opened: those it draws.)
    const displayDeltas = displayFrames.flatMap((f) => f.deltas).filter((d) => d.version > openedAt);
    expect(displayDeltas.some((d) => d.type === 'ticket:updated' && d.ticket.state === 'serving')).toBe(
      false,
    );
    expect(displayDeltas.some((d) => d.type === 'window:updated')).toBe(false);
    expect(displayDeltas.map((d) => d.type)).toEqual([
      ...Array<string>(5).fill('ticket:issued'),
      'ticket:called',
      'ticket:updated',
    ]);
    expect(synced.ok && synced.data.activeTickets.filter((t) => t.state === 'serving')).toHaveLength(0);
    [display, consoleClient, kiosk, staff].forEach((c) => c.close());
  });
});
