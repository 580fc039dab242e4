// Flood protection (issue 13 items 4 and 5): a ticket's status page is computed once per refresh for
// all the sockets watching it, and how many may watch one ticket, or open from one address, is
// capped; one socket flooding commands is answered RATE_LIMITED at once instead of being queued
// in front of the hall, and the hall keeps answering meanwhile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedTicket, TicketStatus } from '@hall/shared/contracts/entities';
import type { Result } from '@hall/shared/contracts/errors';
import { startTestServer, type TestServer } from '../support/testServer';
import {
  connectClient,
  connectRaw,
  emitAck,
  newRequestId,
  nextEvent,
  staffAtWindow,
  type KioskClient,
  type TestSocket,
} from '../support/clients';

let server: TestServer;
let kiosk: KioskClient;
const PER_TICKET = 6;
const PER_ADDRESS = 9;
const BUDGET = 16;

beforeAll(async () => {
  server = await startTestServer({
    statusPageLimits: { perTicket: PER_TICKET, perAddress: PER_ADDRESS },
    commandBudget: BUDGET,
  });
  kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey });
});
afterAll(async () => {
  kiosk.close();
  await server.close();
});

const serviceA = () => kiosk.snapshot.services.find((s) => s.code === 'A')!.id;

async function issueA(): Promise<IssuedTicket> {
  const r = await emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
    requestId: newRequestId(),
    serviceId: serviceA(),
  });
  if (!r.ok) throw new Error(r.error.code);
  return r.data;
}

/** Opens a status page socket; resolves with its first status, or rejects with the refusal code. */
function openStatusPage(token: string): Promise<{ socket: TestSocket; status: TicketStatus }> {
  const socket = connectRaw(server.url, { role: 'ticket', statusToken: token });
  return new Promise((resolve, reject) => {
    socket.once('ticket:status', (status) => resolve({ socket, status }));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

describe('ticket status pages', () => {
  it('computes a watched ticket once per refresh for all its pages, and caps pages per ticket and per address', async () => {
    const staff = await staffAtWindow(
      server.url,
      'staff',
      server.credentials.staff.password,
      server.windowId(3),
    );
    const first = await issueA();
    const second = await issueA();
    const token = (t: IssuedTicket) => t.statusPath.split('/').pop()!;

    const pages = [];
    for (let i = 0; i < PER_TICKET; i += 1) pages.push(await openStatusPage(token(first)));
    expect(pages.every((p) => p.status.state === 'waiting')).toBe(true);
    // One page more on the same ticket is refused, in words.
    await expect(openStatusPage(token(first))).rejects.toThrow('TOO_MANY_CONNECTIONS');

    // The same ticket changes: every page hears it, and it was computed once per refresh, not per page.
    const computedBefore = server.app.pipelineStats().statusPages.computed;
    const updates = pages.map((p) => nextEvent(p.socket, 'ticket:status'));
    const called = await emitAck(staff.socket, 'counter:callNext');
    expect(called.ok).toBe(true);
    for (const update of await Promise.all(updates))
      expect(update).toMatchObject({ state: 'called', windowNumber: 3 });
    const computed = server.app.pipelineStats().statusPages.computed - computedBefore;
    expect(computed).toBeGreaterThanOrEqual(1);
    expect(computed).toBeLessThanOrEqual(2);
    expect(computed).toBeLessThan(PER_TICKET);

    // Per address: pages for another ticket may open until this address has PER_ADDRESS in all.
    const more = [];
    for (let i = pages.length; i < PER_ADDRESS; i += 1) more.push(await openStatusPage(token(second)));
    await expect(openStatusPage(token(second))).rejects.toThrow('TOO_MANY_CONNECTIONS');
    // A page that closes frees its place (as soon as the server has seen it go).
    more.pop()!.socket.close();
    let again: Awaited<ReturnType<typeof openStatusPage>> | null = null;
    for (let attempt = 0; !again && attempt < 50; attempt += 1) {
      again = await openStatusPage(token(second)).catch(() => null);
      if (!again) await new Promise((wake) => setTimeout(wake, 20));
    }
    expect(again?.status.number).toBe(second.ticket.number);
    again?.socket.close();
    [...pages, ...more].forEach((p) => p.socket.close());
    staff.close();
  });
});

describe('command budget', () => {
  it('a flood from one socket is refused with RATE_LIMITED at once; the hall keeps answering', async () => {
    const flooder = await connectClient(server.url, {
      role: 'kiosk',
      deviceKey: server.credentials.kioskKey,
    });
    const before = (server.app.repos.db.prepare('SELECT COUNT(*) FROM tickets').pluck().get() as number) ?? 0;
    const flood = Array.from({ length: 1000 }, () =>
      emitAck<IssuedTicket>(flooder.socket, 'ticket:issue', {
        requestId: newRequestId(),
        serviceId: serviceA(),
      }),
    );
    // While the flood is being answered, another kiosk and the health check are served.
    const [health, other] = await Promise.all([
      fetch(`${server.url}/api/health`).then((r) => r.json() as Promise<Result<{ status: string }>>),
      emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
        requestId: newRequestId(),
        serviceId: serviceA(),
      }),
    ]);
    expect(health.ok && health.data.status).toBe('ok');
    expect(other.ok).toBe(true);
    const results = await Promise.all(flood);
    const ok = results.filter((r) => r.ok);
    const limited = results.filter((r) => !r.ok && r.error.code === 'RATE_LIMITED');
    expect(ok.length + limited.length).toBe(1000);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(limited.length).toBeGreaterThan(900);
    const refusal = limited[0]!;
    if (!refusal.ok) {
      expect(refusal.error.zh).toContain('过于频繁');
      expect(refusal.error.en).toContain('Too many');
    }
    // Only acknowledged tickets exist: a refused command changed nothing.
    const after = server.app.repos.db.prepare('SELECT COUNT(*) FROM tickets').pluck().get() as number;
    expect(after - before).toBe(ok.length + 1);
    // A socket that waits for its answers is never limited.
    for (let i = 0; i < BUDGET * 2; i += 1) {
      const r = await emitAck(flooder.socket, 'ticket:issue', {
        requestId: newRequestId(),
        serviceId: serviceA(),
      });
      expect(r.ok).toBe(true);
    }
    flooder.close();
  });
});
