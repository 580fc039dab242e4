// The HTTP side: health, security headers on pages, single-page fallbacks, unknown API paths.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, startTestServer, type TestServer } from '../support/testServer';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('http', () => {
  it('reports health', async () => {
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      ok: true,
      data: { status: 'ok', commits: { transactions: expect.any(Number), changes: expect.any(Number) } },
    });
  });

  it('serves pages with a content security policy and no referrer, and falls back to the app index', async () => {
    const built = fs.existsSync(path.join(REPO_ROOT, 'dist/web/display/index.html'));
    const response = await fetch(`${server.url}/display/window/3`);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.status).toBe(built ? 200 : 503);
    if (built) expect(await response.text()).toContain('<div id="app"');
  });

  it('answers unknown API paths and bad status tokens with error codes', async () => {
    const unknown = await fetch(`${server.url}/api/nothing-here`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const bad = await fetch(`${server.url}/api/ticket-status/${'a'.repeat(22)}`);
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'TICKET_NOT_FOUND' } });
    const weird = await fetch(`${server.url}/api/ticket-status/%27%20OR%201=1`);
    expect(await weird.json()).toMatchObject({ ok: false, error: { code: 'TICKET_NOT_FOUND' } });
  });
});

describe('long-polling transport', () => {
  it('serves a polling-only Socket.IO client without crashing the server', async () => {
    const { io } = await import('socket.io-client');
    const socket = io(server.url, {
      auth: { role: 'display', deviceKey: server.credentials.displayKey },
      transports: ['polling'],
      reconnection: false,
      forceNew: true,
    });
    const snapshot = await new Promise<{ version: number }>((resolve, reject) => {
      socket.once('hall:snapshot', resolve);
      socket.once('connect_error', reject);
    });
    expect(snapshot.version).toBeGreaterThanOrEqual(0);
    const synced = await socket.timeout(5000).emitWithAck('hall:sync');
    expect(synced.ok).toBe(true);
    socket.close();
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});
