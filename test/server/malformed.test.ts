// Malformed or oversized payloads on every event get an error acknowledgement, never a crash and
// never a change of state.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_ROLES, type ClientEventName } from '@hall/shared/contracts/events';
import { ERROR_CODES } from '@hall/shared/contracts/errors';
import { startTestServer, type TestServer } from '../support/testServer';
import { connectClient, emitAck, login, type ConnectedClient, type KioskClient } from '../support/clients';

let server: TestServer;
let clients: Record<'display' | 'staff' | 'admin', ConnectedClient> & { kiosk: KioskClient };

beforeAll(async () => {
  server = await startTestServer();
  const staff = await login(server.url, 'staff', server.credentials.staff.password);
  const admin = await login(server.url, 'admin', server.credentials.admin.password);
  clients = {
    kiosk: await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey }),
    display: await connectClient(server.url, { role: 'display', deviceKey: server.credentials.displayKey }),
    staff: await connectClient(server.url, { role: 'staff', sessionToken: staff.token }),
    admin: await connectClient(server.url, { role: 'admin', sessionToken: admin.token }),
  };
});
afterAll(async () => {
  Object.values(clients).forEach((c) => c.close());
  await server.close();
});

const events = Object.keys(COMMAND_ROLES) as ClientEventName[];

/** Hostile values: wrong types, huge strings, deep nesting, odd unicode, prototype keys. */
const nasty = fc.oneof(
  fc.constantFrom(null, undefined, 0, -1, 1e308, Number.NaN, true, '', [], {}, '__proto__'),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '\u0000',
    '\uD800',
    '𠀀𠀁',
    '‮RTL',
    "'; DROP TABLE tickets; --",
    '<script>alert(1)</script>',
  ),
  fc.integer(),
  fc.double(),
  // 10,000 characters: five of them in one payload stay under the 64 KiB message limit, which
  // would otherwise (rightly) disconnect the client; oversized messages have their own test below.
  fc.constant('x'.repeat(10_000)),
  fc.constant(JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}')),
  fc.letrec((tie) => ({
    deep: fc.oneof({ depthSize: 'small' }, fc.constant(1), fc.array(tie('deep'), { maxLength: 2 })),
  })).deep,
);
const payload = fc.oneof(
  nasty,
  fc.dictionary(
    fc.constantFrom(
      'ticketId',
      'serviceId',
      'requestId',
      'windowId',
      'number',
      'marks',
      'id',
      'from',
      'to',
      'reason',
      'priorityClass',
      'x',
    ),
    nasty,
    { maxKeys: 5 },
  ),
);

describe('malformed input', () => {
  it('every event answers random payloads with a Result and the server stays up', async () => {
    const before = await emitAck<{ version: number; activeTickets: unknown[] }>(
      clients.admin.socket,
      'hall:sync',
    );
    let answered = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...events),
        fc.constantFrom('kiosk', 'display', 'staff', 'admin' as const),
        payload,
        async (event, role, body) => {
          const result = await emitAck(clients[role].socket, event, body);
          answered += 1;
          expect(typeof result.ok).toBe('boolean');
          if (!result.ok) expect(ERROR_CODES).toContain(result.error.code);
        },
      ),
      { numRuns: 1500 },
    );
    expect(answered).toBe(1500);
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const after = await emitAck<{ activeTickets: unknown[] }>(clients.admin.socket, 'hall:sync');
    // Random payloads never issue tickets: the kiosk's schema needs a well-formed request id.
    expect(before.ok && after.ok && after.data.activeTickets.length).toBe(
      before.ok ? before.data.activeTickets.length : -1,
    );
  }, 120_000);

  it('an oversized message is dropped by the transport, and the server stays up', async () => {
    const huge = { requestId: 'a'.repeat(10), serviceId: 1, blob: 'x'.repeat(200_000) };
    const result = await emitAck(clients.kiosk.socket, 'ticket:issue', huge).catch((error: Error) => error);
    expect(result).toBeInstanceOf(Error);
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
  });

  it('an oversized HTTP body is refused with PAYLOAD_TOO_LARGE', async () => {
    const response = await fetch(`${server.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'a', password: 'x'.repeat(40_000) }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
