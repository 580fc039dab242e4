// Handshake authentication by role, command authorisation, sign-in rate limiting, session expiry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { COMMAND_ROLES, type ClientEventName } from '@hall/shared/contracts/events';
import type { SessionInfo } from '@hall/shared/contracts/entities';
import type { AuditEntry, SignInLockView } from '@hall/shared/contracts/admin';
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

describe('origin of the handshake (issue 13 item 9)', () => {
  const connectFrom = (origin: string) =>
    new Promise<string>((resolve) => {
      const socket = io(server.url, {
        auth: { role: 'kiosk', deviceKey: server.credentials.kioskKey },
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        extraHeaders: { origin },
      });
      socket.once('connect', () => {
        socket.close();
        resolve('connected');
      });
      socket.once('connect_error', () => {
        socket.close();
        resolve('refused');
      });
    });

  it('refuses pages of other sites, even with valid credentials', async () => {
    expect(await connectFrom('http://evil.example')).toBe('refused');
    expect(await connectFrom('null')).toBe('refused');
    expect(await connectFrom(`http://127.0.0.1:${server.port + 1}`)).toBe('refused');
  });

  it("accepts the server's own pages", async () => {
    expect(await connectFrom(server.url)).toBe('connected');
  });

  it("the pages' CSP lets them connect only to their own server", async () => {
    const response = await fetch(`${server.url}/console/`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("connect-src 'self';");
    expect(csp).not.toMatch(/\bwss?:/);
  });
});

describe('command roles', () => {
  it('every command refuses every role it is not for', async () => {
    const staffSession = await login(server.url, 'staff', server.credentials.staff.password);
    const citySession = await login(server.url, 'city', TEST_PASSWORDS.city);
    const adminSession = await login(server.url, 'admin', server.credentials.admin.password);
    const admin = await connectClient(server.url, { role: 'admin', sessionToken: adminSession.token });
    const pad = await emitAck<{ key: string }>(admin.socket, 'admin:deviceCreate', {
      kind: 'evaluator',
      name: '角色评价器',
      windowId: server.windowId(1),
    });
    admin.close();
    if (!pad.ok) throw new Error(pad.error.code);
    const clients = {
      kiosk: await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey }),
      display: await connectClient(server.url, { role: 'display', deviceKey: server.credentials.displayKey }),
      staff: await connectClient(server.url, { role: 'staff', sessionToken: staffSession.token }),
      // A window's evaluator pad may rate its visitors and nothing else; staff may never rate.
      evaluator: {
        socket: await connectAccount(server.url, { role: 'evaluator', deviceKey: pad.data.key }),
        close() {},
      },
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
    clients.evaluator.socket.close();
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

  it('counts parallel guesses with different usernames from one address atomically', async () => {
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) => postLogin(`sprayed-${i}`, 'guess', '10.9.9.3')),
    );
    // The address limit is 20 failures: exactly 20 reach the password check, 40 are refused.
    expect(answers.filter((a) => a.status === 401)).toHaveLength(20);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(40);
    now += 6 * 60_000;
  });

  it('a stranger guessing cannot lock the account for its owner at another address', async () => {
    for (let i = 0; i < 5; i += 1) await postLogin('admin', `stranger-${i}`, '10.9.9.66');
    expect((await postLogin('admin', server.credentials.admin.password, '10.9.9.66')).status).toBe(429);
    const owner = await postLogin('admin', server.credentials.admin.password, '10.9.9.10');
    expect(owner.status).toBe(200);
    now += 6 * 60_000;
  });

  it('an admin sees the lock in the console and lifts it; the lifting is audited', async () => {
    for (let i = 0; i < 5; i += 1) await postLogin('staff', `forgot-${i}`, '10.9.9.20');
    expect((await postLogin('staff', server.credentials.staff.password, '10.9.9.20')).status).toBe(429);
    const adminSession = await postLogin('admin', server.credentials.admin.password, '10.9.9.21');
    if (!adminSession.body.ok) throw new Error(adminSession.body.error.code);
    const admin = await connectClient(server.url, {
      role: 'admin',
      sessionToken: adminSession.body.data.token,
    });
    const locks = await emitAck<SignInLockView[]>(admin.socket, 'admin:signInLocks');
    if (!locks.ok) throw new Error(locks.error.code);
    const lock = locks.data.find((l) => l.username === 'staff' && l.address === '10.9.9.20');
    expect(lock).toMatchObject({ staffName: '窗口民警', locks: 1 });
    const lifted = await emitAck<{ lifted: number }>(admin.socket, 'admin:signInUnlock', {
      staffId: lock!.staffId,
    });
    expect(lifted.ok && lifted.data.lifted).toBe(1);
    expect((await postLogin('staff', server.credentials.staff.password, '10.9.9.20')).status).toBe(200);
    const audit = await emitAck<AuditEntry[]>(admin.socket, 'admin:audit');
    expect(audit.ok && audit.data[0]).toMatchObject({ action: 'signin.unlock', staffName: '值班主管' });
    // Neither both nor none: one target at a time.
    const both = await emitAck(admin.socket, 'admin:signInUnlock', { staffId: 1, address: '10.9.9.20' });
    expect(!both.ok && both.error.code).toBe('VALIDATION_FAILED');
    admin.close();
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
