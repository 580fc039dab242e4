// The server's optional TLS mode (TLS_CERT / TLS_KEY) with a real self-signed certificate: pages,
// the API and Socket.IO over https/wss for a client that trusts exactly that certificate, refused
// for a client that does not, and the fingerprint the start banner shows (the kiosk's pin) is the
// certificate's true SHA-256.
import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import type { HallSnapshot } from '@hall/shared/contracts/entities';
import { startTestServer, type TestServer } from '../support/testServer';
import { makeSelfSignedCert, type SelfSignedCert } from '../support/selfSignedCert';
import { describeStart } from '../../server/src/startBanner';

let cert: SelfSignedCert;
let server: TestServer;

beforeAll(async () => {
  cert = makeSelfSignedCert();
  server = await startTestServer({ tls: { cert: cert.cert, key: cert.key } });
});
afterAll(async () => {
  await server?.close();
});

function get(path: string, ca: string | undefined): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    https
      .get(`${server.url}${path}`, { ca }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

function connect(ca: string | undefined): Promise<HallSnapshot | Error> {
  const socket = io(server.url, {
    auth: { role: 'display', deviceKey: server.credentials.displayKey },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ca,
  });
  return new Promise((resolve) => {
    socket.once('hall:snapshot', (snapshot: HallSnapshot) => {
      socket.close();
      resolve(snapshot);
    });
    socket.once('connect_error', (error) => {
      socket.close();
      resolve(error);
    });
  });
}

describe('TLS mode', () => {
  it('serves https and wss to a client that trusts the hall certificate', async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const health = await get('/api/health', cert.cert);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ ok: true });
    const snapshot = await connect(cert.cert);
    expect(snapshot).not.toBeInstanceOf(Error);
    expect((snapshot as HallSnapshot).services.length).toBeGreaterThan(0);
  });

  it('refuses a client that does not trust the certificate', async () => {
    await expect(get('/api/health', undefined)).rejects.toThrow(/self[- ]signed/i);
    expect(await connect(undefined)).toBeInstanceOf(Error);
  });

  it('shows the certificate fingerprint for the kiosk config, equal to openssl’s', () => {
    expect(server.certificateSha256).toBe(cert.sha256);
    const banner = describeStart(
      { url: server.url, port: server.port, credentials: null, certificateSha256: server.certificateSha256 },
      { dbFile: server.dbFile, DATA_DIR: server.dataDir, HOST: '127.0.0.1' },
      {},
    );
    expect(banner).toContain(cert.sha256);
    expect(banner).toContain('serverCertificateSha256');
  });
});
