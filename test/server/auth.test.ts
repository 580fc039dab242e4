// Handshake authentication by role, command authorisation, sign-in rate limiting, session expiry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_ROLES, type ClientEventName } from '@hall/shared/contracts/events';
import type { SessionInfo } from '@hall/shared/contracts/entities';
import type { Result } from '@hall/shared/contracts/errors';
import { startTestServer, TEST_PASSWORDS, type TestServer } from '../support/testServer';
import { connectAccount, connectClient, connectRaw, emitAck, login, nextEvent } from '../support/clients';

let server: TestServer;
let now = Date.parse('2026-11-28T02:00:00Z');

beforeAll(async () => {
  server = await startTestServer({ clock: () => now, rules: { staffIdleMinutes: 10 } });
});
afterAll(async () => {
  await server.close();
});

function refusal(auth: unknown): Promise<string> {
  const socket = connectRaw(server.url, auth);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => {
      socket.close();
      reject(new Error('connected'));
    });
    socket.once('connect_error', (error) => {
      socket.close();
      resolve(error.message);
    });
  });
}

async function postLogin(username: string, password: string, ip = '127.0.0.1') {
  const response = await fetch(`${server.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify({ username, password }),
  });
  return { status: response.status, body: (await response.json()) as Result<SessionInfo> };
}

describe('handshake', () => {
  it('refuses connections without valid credentials', async () => {
    expect(await refusal(undefined)).toBe('UNAUTHENTICATED');
    expect(await refusal({ role: 'kiosk' })).toBe('UNAUTHENTICATED');
    expect(await refusal({ role: 'kiosk', deviceKey: 'x'.repeat(43) })).toBe('UNAUTHENTICATED');
    expect(await refusal({ role: 'staff', sessionToken: 'y'.repeat(43) })).toBe('SESSION_EXPIRED');
    expect(await refusal({ role: 'ticket', statusToken: 'z'.repeat(22) })).toBe('UNAUTHENTICATED');
    expect(await refusal({ role: 'root', deviceKey: server.credentials.kioskKey })).toBe('UNAUTHENTICATED');
  });

  it('refuses a device key presented for another role', async () => {
    expect(await refusal({ role: 'kiosk', deviceKey: server.credentials.displayKey })).toBe('FORBIDDEN');
    expect(await refusal({ role: 'display', deviceKey: server.credentials.kioskKey })).toBe('FORBIDDEN');
  });

  it('takes the role of a session from the account, not from the client', async () => {
    const session = await login(server.url, 'staff', server.credentials.staff.password);
    const client = await connectClient(server.url, { role: 'admin', sessionToken: session.token });
    const denied = await emitAck(client.socket, 'admin:staffList');
    expect(!denied.ok && denied.error.code).toBe('FORBIDDEN');
    client.close();
  });
});

describe('command roles', () => {
  it('every command refuses every role it is not for', async () => {
    const staffSession = await login(server.url, 'staff', server.credentials.staff.password);
    const citySession = await login(server.url, 'city', TEST_PASSWORDS.city);
    const clients = {
      kiosk: await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey }),
      display: await connectClient(server.url, { role: 'display', deviceKey: server.credentials.displayKey }),
      staff: await connectClient(server.url, { role: 'staff', sessionToken: staffSession.token }),
      // A city account may read reports and nothing else.
      city: {
        socket: await connectAccount(server.url, { role: 'staff', sessionToken: citySession.token }),
        close() {},
      },
    };
    for (const [event, roles] of Object.entries(COMMAND_ROLES) as [ClientEventName, readonly string[]][]) {
      for (const [role, client] of Object.entries(clients)) {
        if (roles.includes(role)) continue;
        const result = await emitAck(client.socket, event, {});
        expect(result.ok, `${role} → ${event}`).toBe(false);
        expect(!result.ok && result.error.code, `${role} → ${event}`).toBe('FORBIDDEN');
      }
    }
    Object.values(clients).forEach((c) => c.close());
    clients.city.socket.close();
  });
});

describe('sign-in', () => {
  it('refuses a wrong password in both languages and rate-limits guessing', async () => {
    const wrong = await postLogin('admin', 'not-the-password', '10.9.9.1');
    expect(wrong.status).toBe(401);
    expect(!wrong.body.ok && wrong.body.error).toMatchObject({
      code: 'BAD_CREDENTIALS',
      zh: '用户名或密码错误',
    });
    for (let i = 0; i < 4; i += 1) await postLogin('admin', `guess-${i}`, '10.9.9.1');
    const limited = await postLogin('admin', server.credentials.admin.password, '10.9.9.1');
    expect(limited.status).toBe(429);
    expect(!limited.body.ok && limited.body.error.code).toBe('RATE_LIMITED');
    now += 6 * 60_000;
    const later = await postLogin('admin', server.credentials.admin.password, '10.9.9.1');
    expect(later.body.ok).toBe(true);
  });

  it('limits guesses sent in parallel as well', async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => postLogin('staff', `parallel-guess-${i}`, '10.9.9.2')),
    );
    const limited = answers.filter((a) => a.status === 429).length;
    expect(limited).toBeGreaterThanOrEqual(7);
    expect(answers.filter((a) => a.status === 401).length).toBeLessThanOrEqual(5);
    now += 6 * 60_000;
  });

  it('refuses malformed sign-in bodies with a validation error', async () => {
    const response = await fetch(`${server.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username":',
    });
    expect(response.status).toBe(400);
    const missing = await postLogin('', '');
    expect(missing.status).toBe(400);
  });

  it('expires an idle session: the next command is refused and the socket is cut off', async () => {
    const session = await login(server.url, 'staff', server.credentials.staff.password);
    const client = await connectClient(server.url, { role: 'staff', sessionToken: session.token });
    expect((await emitAck(client.socket, 'counter:current')).ok).toBe(true);
    now += 11 * 60_000;
    const ended = nextEvent(client.socket, 'session:ended');
    const refused = await emitAck(client.socket, 'counter:current');
    expect(!refused.ok && refused.error.code).toBe('SESSION_EXPIRED');
    expect((await ended).code).toBe('SESSION_EXPIRED');
    expect(await refusal({ role: 'staff', sessionToken: session.token })).toBe('SESSION_EXPIRED');
  });

  it('signing out ends the session and disconnects its sockets', async () => {
    const session = await login(server.url, 'staff', server.credentials.staff.password);
    const client = await connectClient(server.url, { role: 'staff', sessionToken: session.token });
    const disconnected = new Promise((resolve) => client.socket.once('disconnect', resolve));
    const response = await fetch(`${server.url}/api/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.token}` },
    });
    expect(response.status).toBe(200);
    await disconnected;
    expect(await refusal({ role: 'staff', sessionToken: session.token })).toBe('SESSION_EXPIRED');
  });
});
