// Two windows pressing "call next" at the same moment never get the same ticket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketView } from '@hall/shared/contracts/entities';
import { startTestServer, type TestServer } from '../support/testServer';
import { connectClient, emitAck, newRequestId, staffAtWindow, type KioskClient } from '../support/clients';

let server: TestServer;
let kiosk: KioskClient;

beforeAll(async () => {
  server = await startTestServer({ extraStaff: ['racer'] });
  kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey });
});
afterAll(async () => {
  kiosk.close();
  await server.close();
});

describe('call-next races', () => {
  it('a thousand simultaneous call-next pairs never hand one ticket to two windows', async () => {
    const serviceA = kiosk.snapshot.services.find((s) => s.code === 'A')!.id;
    const window = (n: number) => server.windowId(n);
    const rounds = 1000;
    // Issue in parallel batches: the kiosk's acks also race each other (50 at once stays within
    // one socket's command budget).
    for (let i = 0; i < (rounds * 2) / 50; i += 1) {
      const batch = Array.from({ length: 50 }, (_, j) =>
        emitAck(kiosk.socket, 'ticket:issue', {
          requestId: newRequestId(),
          serviceId: serviceA,
          priorityClass: j % 5 === 0 ? 'elderly' : 'normal',
        }),
      );
      const results = await Promise.all(batch);
      expect(results.every((r) => r.ok)).toBe(true);
    }
    const first = await staffAtWindow(server.url, 'staff', server.credentials.staff.password, window(3));
    const second = await staffAtWindow(server.url, 'racer', 'racer-pass', window(4));
    const handedOut = new Set<number>();
    for (let round = 0; round < rounds; round += 1) {
      const [a, b] = await Promise.all([
        emitAck<TicketView>(first.socket, 'counter:callNext'),
        emitAck<TicketView>(second.socket, 'counter:callNext'),
      ]);
      if (!a.ok || !b.ok) throw new Error(`round ${round}: ${JSON.stringify([a, b])}`);
      expect(a.data.id).not.toBe(b.data.id);
      expect(handedOut.has(a.data.id) || handedOut.has(b.data.id)).toBe(false);
      handedOut.add(a.data.id).add(b.data.id);
      await Promise.all([
        emitAck(first.socket, 'counter:noShow', { ticketId: a.data.id }),
        emitAck(second.socket, 'counter:noShow', { ticketId: b.data.id }),
      ]);
    }
    expect(handedOut.size).toBe(rounds * 2);
    const empty = await emitAck(first.socket, 'counter:callNext');
    expect(!empty.ok && empty.error.code).toBe('QUEUE_EMPTY');
    first.close();
    second.close();
  });
});
