// Property-based fuzz of every HTTP endpoint (sign-in, sign-out, ticket status, the /t/ short
// address, the report export, the booking API with a live key, the pages) with wrong methods and types, missing fields, huge
// strings, deep objects, broken percent-encoding and odd unicode, plus raw garbage on the TCP
// port. Every /api answer must be a Result with a known ErrorCode, no answer may be a 500 or show
// a stack trace, and the queue must be exactly as before.
import fc from 'fast-check';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '@hall/shared/contracts/errors';
import { REPO_ROOT, startTestServer, type TestServer } from '../support/testServer';
import { connectClient, emitAck, newRequestId } from '../support/clients';
import { createTally } from './support/tally';
import { BUDGET } from './support/mode';

const PAGES_BUILT = ['kiosk', 'display', 'console'].every((app) =>
  fs.existsSync(path.join(REPO_ROOT, 'dist', 'web', app, 'index.html')),
);

const tally = createTally('HTTP fuzz');
let server: TestServer;
/** A live key of scope `appointments`: the booking API is fuzzed past its door too. */
let appointmentsKey = '';

beforeAll(async () => {
  server = await startTestServer();
  const kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey });
  for (let i = 0; i < 5; i += 1) {
    await emitAck(kiosk.socket, 'ticket:issue', {
      requestId: newRequestId(),
      serviceId: kiosk.snapshot.services[0]!.id,
    });
  }
  const created = await server.app.services.apiKeys.create(
    { hallId: kiosk.snapshot.hall.id, staffId: null },
    { name: 'fuzz', scopes: ['appointments'] },
  );
  appointmentsKey = created.key;
  kiosk.close();
});
afterAll(async () => {
  await server.close();
});

/** Row counts that no HTTP request of this fuzz may change. */
function stateFingerprint(): string {
  const db = new Database(server.dbFile, { readonly: true, fileMustExist: true });
  try {
    const count = (table: string) =>
      (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    const version = db.prepare('SELECT version FROM halls').get() as { version: number };
    return JSON.stringify([
      count('tickets'),
      count('events'),
      count('sessions'),
      count('staff'),
      count('appointments'),
      version.version,
    ]);
  } finally {
    db.close();
  }
}

const printable = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 60,
});
const segment = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }).map(encodeURIComponent),
  fc
    .string({ unit: 'binary', maxLength: 30 })
    .map((s) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '?'))),
  fc.constantFrom('%', '%E0%A4%A', '%zz', '%00', '..%2f..%2fpackage.json', '%C0%AF', '%uD800', '..', '.env'),
  fc.constantFrom('x'.repeat(3000), 'A'.repeat(22), "'%20OR%201=1--", '%3Cscript%3Ealert(1)%3C%2Fscript%3E'),
  fc.base64String({ minLength: 16, maxLength: 64 }).map((s) => s.replace(/[+/=]/g, '_')),
);
const target = fc.oneof(
  fc.constantFrom(
    '/api/login',
    '/api/logout',
    '/api/health',
    '/',
    '/api/admin/report.csv',
    '/api/admin/ratings.csv',
    '/api/v1/ratings',
  ),
  segment.map((s) => `/api/ticket-status/${s}`),
  segment.map((s) => `/t/${s}`),
  segment.map((s) => `/api/${s}`),
  fc.constantFrom('/api/v1/appointments', '/api/v1/appointments/', '/api/v1/appointments/services'),
  segment.map((s) => `/api/v1/appointments/${s}`),
  fc
    .tuple(segment, printable)
    .map(([s, q]) => `/api/v1/appointments/slots?service=${s}&day=${encodeURIComponent(q)}`),
  fc.tuple(fc.constantFrom('kiosk', 'display', 'console'), segment).map(([app, s]) => `/${app}/${s}`),
  fc.tuple(segment, printable).map(([s, q]) => `/api/admin/report.csv?from=${s}&to=${encodeURIComponent(q)}`),
  fc
    .tuple(fc.constantFrom('/api/admin/ratings.csv', '/api/v1/ratings'), segment, printable)
    .map(([path, s, q]) => `${path}?from=${s}&to=${encodeURIComponent(q)}`),
  segment.map((s) => `/${s}`),
);
const nasty: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    0,
    -1,
    1e308,
    true,
    '',
    [],
    {},
    '\u0000',
    '\uFFFF',
    '𠀀𠀁',
    '\u202eRTL',
    "'; DROP TABLE staff; --",
  ),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer(),
  fc.constant('x'.repeat(9000)),
  fc.letrec((tie) => ({
    deep: fc.oneof({ depthSize: 'small' }, fc.constant(1), fc.array(tie('deep'), { maxLength: 3 })),
  })).deep,
);
const body = fc.oneof(
  fc
    .dictionary(fc.constantFrom('username', 'password', 'token', 'x', '__proto__', 'constructor'), nasty, {
      maxKeys: 4,
    })
    .map((o) => JSON.stringify(o)),
  nasty.map((v) => JSON.stringify(v) ?? 'null'),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.constantFrom(
    '{"username":',
    '[[[[[[[[',
    `${'['.repeat(6000)}${']'.repeat(6000)}`,
    `{"password":"${'p'.repeat(20_000)}"}`,
  ),
  fc.constant('{"__proto__":{"polluted":1},"username":"admin","password":"x"}'),
);
const request = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
  path: target,
  contentType: fc.constantFrom(
    null,
    'application/json',
    'application/json; charset=utf-16',
    'text/plain',
    'application/x-www-form-urlencoded',
    'application/json; charset=latin1',
  ),
  authorization: fc.oneof(
    fc.constant(null),
    printable,
    printable.map((s) => `Bearer ${s}`),
    // Resolved when the request is sent (the key exists only after beforeAll).
    fc.constant('APPOINTMENTS_KEY'),
  ),
  body,
});
type FuzzRequest = typeof request extends fc.Arbitrary<infer T> ? T : never;

const STACK = /node_modules|\bat [^\n]*\(\/|server\/src\//;

/** What is wrong with the answer to `req`, or null when it is a proper refusal or page. */
async function judge(req: FuzzRequest): Promise<string | null> {
  const headers: Record<string, string> = {};
  if (req.contentType) headers['content-type'] = req.contentType;
  if (req.authorization)
    headers.authorization =
      req.authorization === 'APPOINTMENTS_KEY' ? `Bearer ${appointmentsKey}` : req.authorization;
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  let response: Response;
  try {
    response = await fetch(`${server.url}${req.path}`, {
      method: req.method,
      headers,
      body: hasBody ? req.body : undefined,
      redirect: 'manual',
    });
  } catch (error) {
    tally.add({ crashes: 1 });
    return `no answer: ${(error as Error).message}`;
  }
  const text = await response.text();
  // Before `npm run build:web` the pages answer 503 "page not built" on purpose (HEAD: no body).
  const notBuilt =
    response.status === 503 &&
    (text.includes('npm run build:web') || (req.method === 'HEAD' && !PAGES_BUILT));
  if (response.status >= 500 && !notBuilt) {
    tally.add({ crashes: 1 });
    return `${response.status}: ${text.slice(0, 120)}`;
  }
  if (STACK.test(text)) return `stack trace shown (${response.status}): ${text.slice(0, 160)}`;
  // fetch normalises dot segments (/api/.. is /), so judge by the address actually requested.
  const requested = new URL(`${server.url}${req.path}`).pathname;
  const csv = requested === '/api/admin/report.csv' || requested === '/api/admin/ratings.csv';
  const isApi = requested.startsWith('/api/') && !(csv && response.ok);
  // HEAD has no body; OPTIONS is answered by Express with the allowed methods (harmless).
  if (!isApi || req.method === 'HEAD' || req.method === 'OPTIONS') return null;
  let result: { ok?: unknown; error?: { code?: unknown } };
  try {
    result = JSON.parse(text) as typeof result;
  } catch {
    return `not JSON (${response.status}): ${text.slice(0, 80)}`;
  }
  if (typeof result.ok !== 'boolean') return `not a Result: ${text.slice(0, 80)}`;
  if (!result.ok && !ERROR_CODES.includes(result.error?.code as (typeof ERROR_CODES)[number]))
    return `unknown code ${String(result.error?.code)}`;
  if (!result.ok && response.status < 400) return `refusal with status ${response.status}`;
  return null;
}

describe('HTTP fuzz', () => {
  it(
    'answers every malformed request with an error code, no 500, no stack trace, no change',
    async () => {
      const before = stateFingerprint();
      const problems: string[] = [];
      await fc.assert(
        fc.asyncProperty(request, async (req) => {
          tally.add({ inputsTried: 1, fuzzInputs: 1 });
          const problem = await judge(req);
          if (problem && problems.length < 2000)
            problems.push(`${req.method} ${req.path.slice(0, 80)} → ${problem}`);
        }),
        { numRuns: BUDGET.httpFuzzRuns },
      );
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(stateFingerprint()).toBe(before);
      // Distinct kinds of problem, so one bug does not hide another.
      const kinds = [
        ...new Set(problems.map((p) => p.replace(/^\S+ (\/[a-z-]*\/?[a-z-]*).*?→/, '$1 →').slice(0, 140))),
      ];
      expect(kinds).toEqual([]);
    },
    60_000 + BUDGET.httpFuzzRuns * 20,
  );

  it('a broken percent-encoding in the ticket-status address is a 4xx Result, not INTERNAL', async () => {
    const response = await fetch(`${server.url}/api/ticket-status/%E0%A4%A`);
    const result = (await response.json()) as { ok: boolean; error?: { code: string } };
    expect(result.ok).toBe(false);
    expect(response.status).toBeLessThan(500);
    expect(result.error?.code).not.toBe('INTERNAL');
  });

  it('a broken percent-encoding in a page address shows no stack trace', async () => {
    for (const path of ['/t/%E0%A4%A', '/display/%E0%A4%A', '/console/%']) {
      const response = await fetch(`${server.url}${path}`, { redirect: 'manual' });
      const text = await response.text();
      expect(response.status).toBe(400);
      expect(text).not.toMatch(STACK);
    }
  });

  it('raw garbage on the TCP port is refused and the server stays up', async () => {
    const garbage = fc.sample(
      fc.oneof(
        fc.uint8Array({ minLength: 1, maxLength: 400 }).map((b) => Buffer.from(b)),
        fc
          .constantFrom(
            'GET / HTTP/9.9\r\n\r\n',
            'GET /api/health HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n',
            `GET /${'a'.repeat(70_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
            'POST /api/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n',
            `GET / HTTP/1.1\r\n${'X-A: b\r\n'.repeat(3000)}\r\n`,
          )
          .map((s) => Buffer.from(s)),
      ),
      60,
    );
    for (const bytes of garbage) {
      tally.add({ inputsTried: 1, fuzzInputs: 1 });
      await new Promise<void>((resolve) => {
        const socket = net.connect(server.port, '127.0.0.1', () => socket.end(bytes));
        socket.on('data', () => undefined);
        socket.on('error', () => resolve());
        socket.on('close', () => resolve());
        socket.setTimeout(2000, () => socket.destroy());
      });
    }
    const health = await fetch(`${server.url}/api/health`);
    if (health.status !== 200) tally.add({ crashes: 1 });
    expect(health.status).toBe(200);
  });
});
