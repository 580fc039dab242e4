// Socket fuzz: malformed or oversized payloads on every event, from every role (the ticket-status
// role included), get an error acknowledgement, never a crash and never a new ticket. Every event
// sent is counted in the fault summary: 1,500 in `npm test`, 62,000 in `npm run test:faults`.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_ROLES, type ClientEventName } from '@hall/shared/contracts/events';
import { ERROR_CODES } from '@hall/shared/contracts/errors';
import { startTestServer, type TestServer } from '../support/testServer';
import {
  connectClient,
  connectRaw,
  emitAck,
  login,
  newRequestId,
  type ConnectedClient,
  type KioskClient,
  type TestSocket,
} from '../support/clients';
import { createTally } from './support/tally';
import { BUDGET } from './support/mode';

const tally = createTally('socket fuzz');

let server: TestServer;
let clients: Record<'display' | 'staff' | 'admin', ConnectedClient> & { kiosk: KioskClient };
let ticketSocket: TestSocket;
let evaluatorSocket: TestSocket;

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
  // The public ticket-status page's socket: it may send nothing at all.
  const issued = await emitAck<{ statusPath: string }>(clients.kiosk.socket, 'ticket:issue', {
    requestId: newRequestId(),
    serviceId: clients.kiosk.snapshot.services[0]!.id,
  });
  if (!issued.ok) throw new Error(issued.error.code);
  ticketSocket = connectRaw(server.url, {
    role: 'ticket',
    statusToken: issued.data.statusPath.split('/').pop(),
  });
  await new Promise<void>((resolve) => ticketSocket.once('ticket:status', () => resolve()));
  // A window's evaluator pad: it may send only its rating commands.
  const pad = await emitAck<{ key: string }>(clients.admin.socket, 'admin:deviceCreate', {
    kind: 'evaluator',
    name: '模糊测试评价器',
    windowId: server.windowId(1),
  });
  if (!pad.ok) throw new Error(pad.error.code);
  evaluatorSocket = connectRaw(server.url, { role: 'evaluator', deviceKey: pad.data.key });
  await new Promise<void>((resolve) => evaluatorSocket.once('evaluator:state', () => resolve()));
});
afterAll(async () => {
  Object.values(clients).forEach((c) => c.close());
  ticketSocket?.close();
  evaluatorSocket?.close();
  await server.close();
});

const events = Object.keys(COMMAND_ROLES) as ClientEventName[];
const ROLES = ['kiosk', 'display', 'evaluator', 'staff', 'admin', 'ticket'] as const;
/**
 * Every event from every role, but an admin revoking a device is a legitimate cut-off of the fuzz's
 * own kiosk or display (random ids are small): from the admin it is left to the role matrix.
 */
const PAIRS = events.flatMap((event) =>
  ROLES.filter((role) => !(role === 'admin' && event === 'admin:deviceRevoke')).map(
    (role) => [event, role] as const,
  ),
);

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
      'level',
      'reasons',
      'step',
      'text',
      'x',
    ),
    nasty,
    { maxKeys: 5 },
  ),
);

describe('malformed input', () => {
  it(
    'every event answers random payloads with a Result and the server stays up',
    async () => {
      const before = await emitAck<{ version: number; activeTickets: unknown[] }>(
        clients.admin.socket,
        'hall:sync',
      );
      let answered = 0;
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...PAIRS), payload, async ([event, role], body) => {
          const socket =
            role === 'ticket' ? ticketSocket : role === 'evaluator' ? evaluatorSocket : clients[role].socket;
          tally.add({ inputsTried: 1, fuzzInputs: 1 });
          const result = await emitAck(socket, event, body).catch((error: Error) => {
            tally.add({ crashes: 1 });
            throw error;
          });
          answered += 1;
          expect(typeof result.ok).toBe('boolean');
          if (!result.ok) expect(ERROR_CODES).toContain(result.error.code);
        }),
        { numRuns: BUDGET.socketFuzzRuns },
      );
      expect(answered).toBe(BUDGET.socketFuzzRuns);
      const health = await fetch(`${server.url}/api/health`);
      if (health.status !== 200) tally.add({ crashes: 1 });
      expect(health.status).toBe(200);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      const after = await emitAck<{ activeTickets: unknown[] }>(clients.admin.socket, 'hall:sync');
      // Random payloads never issue tickets: the kiosk's schema needs a well-formed request id.
      expect(before.ok && after.ok && after.data.activeTickets.length).toBe(
        before.ok ? before.data.activeTickets.length : -1,
      );
    },
    60_000 + BUDGET.socketFuzzRuns * 20,
  );

  it('an oversized message is dropped by the transport, and the server stays up', async () => {
    const huge = { requestId: 'a'.repeat(10), serviceId: 1, blob: 'x'.repeat(200_000) };
    tally.add({ inputsTried: 1 });
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
