// A server killed with SIGKILL and started again has exactly the queue it had acknowledged:
// every acknowledged ticket and state change is there, numbering continues with no gap or
// duplicate, and a kiosk retrying with the same request id gets the same ticket back. The kill
// falls among group commits: requests sent together share transactions (checked), and a
// transaction cut short must lose none of the changes it had already acknowledged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedTicket, TicketView } from '@hall/shared/contracts/entities';
import type { Result } from '@hall/shared/contracts/errors';
import { startChildServer, type ChildServer } from '../support/childServer';
import {
  commitsOf,
  connectClient,
  emitAck,
  newRequestId,
  staffAtWindow,
  windowIdsOf,
} from '../support/clients';

let server: ChildServer;

beforeAll(async () => {
  server = await startChildServer();
}, 60_000);
afterAll(async () => {
  await server.close();
});

describe('crash recovery', () => {
  it('keeps every acknowledged ticket and call across SIGKILL during a load', async () => {
    const acknowledged = new Map<number, TicketView>();
    const requestIds = new Map<string, number>();
    const calls = new Map<number, number>();
    for (let round = 0; round < 3; round += 1) {
      const kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.kioskKey });
      const serviceId = kiosk.snapshot.services.find((s) => s.code === 'A')!.id;
      const windowId = (await windowIdsOf(server.url, server.displayKey)).get(3)!;
      const staff = await staffAtWindow(server.url, 'staff', server.passwords.staff, windowId);
      // Requests in flight when the process dies: some are acknowledged, some never are.
      const inFlight: Promise<void>[] = [];
      for (let i = 0; i < 60; i += 1) {
        const requestId = newRequestId();
        inFlight.push(
          emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
            requestId,
            serviceId,
            priorityClass: i % 4 ? 'normal' : 'elderly',
          })
            .then((r: Result<IssuedTicket>) => {
              if (r.ok) {
                acknowledged.set(r.data.ticket.id, r.data.ticket);
                requestIds.set(requestId, r.data.ticket.id);
              }
            })
            .catch(() => undefined),
        );
        if (i % 10 === 5) {
          const called = await emitAck<TicketView>(staff.socket, 'counter:callNext').catch(() => null);
          if (called?.ok) {
            calls.set(called.data.id, windowId);
            await emitAck(staff.socket, 'counter:noShow', { ticketId: called.data.id });
          }
        }
      }
      await Promise.race([Promise.all(inFlight), new Promise((r) => setTimeout(r, 30))]);
      // Requests sent in one go were committed together: fewer transactions than changes.
      const commits = await commitsOf(server.url);
      expect(commits.changes).toBeGreaterThan(commits.transactions);
      await server.kill();
      await Promise.allSettled(inFlight);
      kiosk.close();
      staff.close();
      await server.start();
    }

    const kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.kioskKey });
    const staff = await staffAtWindow(
      server.url,
      'admin',
      server.passwords.admin,
      (await windowIdsOf(server.url, server.displayKey)).get(4)!,
    );
    const active = new Map(staff.snapshot.activeTickets.map((t) => [t.id, t]));
    for (const [id, ticket] of acknowledged) {
      const now = active.get(id);
      expect(now, `ticket ${ticket.number} lost`).toBeDefined();
      expect(now!.number).toBe(ticket.number);
      if (calls.has(id)) expect(now!.state).toBe('no_show');
    }
    // Numbering: one sequence per service and day with no gap and no duplicate.
    const sequences = staff.snapshot.activeTickets
      .filter((t) => t.serviceId === kiosk.snapshot.services[0]!.id)
      .map((t) => t.sequence)
      .sort((a, b) => a - b);
    expect(sequences).toEqual(sequences.map((_, i) => i + 1));
    // A kiosk retrying an acknowledged request gets the same ticket back.
    for (const [requestId, id] of [...requestIds].slice(0, 10)) {
      const again = await emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
        requestId,
        serviceId: kiosk.snapshot.services[0]!.id,
      });
      expect(again.ok && again.data.ticket.id).toBe(id);
    }
    const next = await emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
      requestId: newRequestId(),
      serviceId: kiosk.snapshot.services[0]!.id,
    });
    expect(next.ok && next.data.ticket.sequence).toBe(sequences.length + 1);
    kiosk.close();
    staff.close();
  }, 120_000);
});
