// Admin-issued API keys for external systems: issued by an admin only, shown once, stored hashed,
// audited, scoped, revocable at once; the /api/v1 door refuses everything else with a code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiKey, ApiKeyWithSecret, AuditEntry } from '@hall/shared/contracts/admin';
import { connectClient, emitAck, login, type ConnectedClient } from '../support/clients';
import { startTestServer, type TestServer } from '../support/testServer';
import { requireApiKey } from '../../server/src/apiKeys/requireApiKey';

let server: TestServer;
let admin: ConnectedClient;
let staff: ConnectedClient;

beforeAll(async () => {
  server = await startTestServer();
  const adminSession = await login(server.url, 'admin', server.credentials.admin.password);
  admin = await connectClient(server.url, { role: 'admin', sessionToken: adminSession.token });
  const staffSession = await login(server.url, 'staff', server.credentials.staff.password);
  staff = await connectClient(server.url, { role: 'staff', sessionToken: staffSession.token });
  // A test-only route behind the 'appointments' scope, the way a domain mounts its external API.
  server.app.externalApi.get(
    '/test-appointments',
    requireApiKey(server.app.services.apiKeys, 'appointments'),
    (_req, res) => res.json({ ok: true, data: 'in' }),
  );
});

afterAll(async () => {
  admin.close();
  staff.close();
  await server.close();
});

const call = (path: string, key?: string) =>
  fetch(`${server.url}/api/v1${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });

async function createKey(name: string, scopes: string[]): Promise<ApiKeyWithSecret> {
  const result = await emitAck<ApiKeyWithSecret>(admin.socket, 'admin:apiKeyCreate', { name, scopes });
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

describe('API keys', () => {
  it('an admin issues a key that is shown once and stored only as a hash, and the change is audited', async () => {
    const created = await createKey('省预约平台', ['appointments']);
    expect(created.key).toMatch(/^hq_[A-Za-z0-9_-]{40,}$/);
    expect(created.apiKey).toMatchObject({ name: '省预约平台', scopes: ['appointments'], revokedAt: null });
    expect(created.key.startsWith(created.apiKey.prefix)).toBe(true);

    const listed = await emitAck<ApiKey[]>(admin.socket, 'admin:apiKeyList');
    expect(listed.ok && listed.data.map((k) => k.id)).toContain(created.apiKey.id);
    expect(JSON.stringify(listed)).not.toContain(created.key);

    const db = server.openDb();
    const raw = JSON.stringify(db.prepare('SELECT * FROM api_keys').all());
    db.close();
    expect(raw).not.toContain(created.key);

    const audit = await emitAck<AuditEntry[]>(admin.socket, 'admin:audit');
    expect(audit.ok && audit.data.some((e) => e.action === 'apiKey.create')).toBe(true);
    expect(JSON.stringify(audit)).not.toContain(created.key);
  });

  it('staff cannot list, issue or revoke keys', async () => {
    for (const [event, payload] of [
      ['admin:apiKeyList', undefined],
      ['admin:apiKeyCreate', { name: 'x', scopes: ['ratings'] }],
      ['admin:apiKeyRevoke', { id: 1 }],
    ] as const) {
      const result =
        payload === undefined
          ? await emitAck(staff.socket, event)
          : await emitAck(staff.socket, event, payload);
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('refuses bad input with a code', async () => {
    const noScope = await emitAck(admin.socket, 'admin:apiKeyCreate', { name: 'x', scopes: [] });
    expect(noScope).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const unknownScope = await emitAck(admin.socket, 'admin:apiKeyCreate', { name: 'x', scopes: ['root'] });
    expect(unknownScope).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const missing = await emitAck(admin.socket, 'admin:apiKeyRevoke', { id: 999_999 });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('lets a live key in to its own scope only, names its hall, and shuts it out at once when revoked', async () => {
    const { key, apiKey } = await createKey('预约系统', ['appointments']);
    const ratingsOnly = await createKey('评价平台', ['ratings']);

    const whoami = await call('/whoami', key);
    expect(whoami.status).toBe(200);
    expect(await whoami.json()).toMatchObject({
      ok: true,
      data: { hall: { id: 1 }, key: { name: '预约系统' } },
    });

    expect((await call('/test-appointments', key)).status).toBe(200);
    const wrongScope = await call('/test-appointments', ratingsOnly.key);
    expect(wrongScope.status).toBe(403);
    expect(await wrongScope.json()).toMatchObject({ ok: false, error: { code: 'API_KEY_SCOPE' } });

    for (const bad of [undefined, 'hq_not-a-real-key-at-all-000000', 'Basic abc']) {
      const response =
        bad === 'Basic abc'
          ? await fetch(`${server.url}/api/v1/whoami`, { headers: { authorization: bad } })
          : await call('/whoami', bad);
      expect(response.status).toBe(401);
      const body = (await response.json()) as { error: { code: string; zh: string; en: string } };
      expect(body.error.code).toBe('API_KEY_INVALID');
      expect(body.error.zh).toContain('接口密钥');
      expect(body.error.en).toContain('API key');
    }

    const revoked = await emitAck<ApiKey>(admin.socket, 'admin:apiKeyRevoke', { id: apiKey.id });
    expect(revoked.ok && revoked.data.revokedAt).toBeTypeOf('number');
    expect((await call('/test-appointments', key)).status).toBe(401);
    expect((await call('/whoami', key)).status).toBe(401);
  });
});
