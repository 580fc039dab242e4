// The external booking API (/api/v1/appointments) over real HTTP: only a live key with the
// `appointments` scope gets in, and only to its own hall; booking, reading and cancelling; every
// refusal is a code with Chinese and English words, and a refused request leaves nothing behind.
import { sqlDialect } from '../../server/src/core/db/sqlDatabase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiKeyWithSecret } from '@hall/shared/contracts/admin';
import type { Appointment, AppointmentSlot } from '@hall/shared/contracts/appointments';
import type { Result } from '@hall/shared/contracts/errors';
import { startTestServer, type TestServer } from '../support/testServer';
import { connectClient, emitAck, login, type ConnectedClient } from '../support/clients';
import { data } from '../support/personalData';
import { adultId, at, callApi, hallClock, TUESDAY } from '../support/appointments';

const clock = hallClock(at('08:00'));
let server: TestServer;
let admin: ConnectedClient;
let key: string;
let keyId: number;

async function createKey(scopes: string[]): Promise<ApiKeyWithSecret> {
  return data(
    await emitAck<ApiKeyWithSecret>(admin.socket, 'admin:apiKeyCreate', {
      name: `系统 ${scopes.join('+')}`,
      scopes,
    }),
  );
}

const booking = (fields: Record<string, unknown> = {}) => ({
  personName: '刘晓东',
  phone: '13600001234',
  idNumber: adultId(),
  service: 'A',
  day: TUESDAY,
  starts: '09:00',
  ...fields,
});

function count(table: string): number {
  const db = server.openDb();
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** The refusal carries its code, with words in Chinese and in English. */
function expectRefusal(answer: { status: number; result: Result<unknown> }, status: number, code: string) {
  expect(answer.status).toBe(status);
  expect(answer.result.ok).toBe(false);
  if (answer.result.ok) return;
  expect(answer.result.error.code).toBe(code);
  expect(answer.result.error.zh).toMatch(/[\u4e00-\u9fff]/);
  expect(answer.result.error.en).toMatch(/[A-Za-z]/);
}

beforeAll(async () => {
  server = await startTestServer({ clock: clock.now });
  const session = await login(server.url, 'admin', server.credentials.admin.password);
  admin = await connectClient(server.url, { role: 'admin', sessionToken: session.token });
  const created = await createKey(['appointments']);
  key = created.key;
  keyId = created.apiKey.id;
});

afterAll(async () => {
  admin?.close();
  await server?.close();
});

describe('who may call', () => {
  it('refuses no key, a wrong key, a revoked key and a key without the scope; nothing is booked', async () => {
    const before = count('appointments');
    expectRefusal(await callApi(server.url, 'POST', '', null, booking()), 401, 'API_KEY_INVALID');
    expectRefusal(
      await callApi(server.url, 'POST', '', 'hq_notARealKeyAtAll0123456789abcdef', booking()),
      401,
      'API_KEY_INVALID',
    );
    const ratingsOnly = await createKey(['ratings']);
    expectRefusal(await callApi(server.url, 'POST', '', ratingsOnly.key, booking()), 403, 'API_KEY_SCOPE');
    expectRefusal(
      await callApi(server.url, 'GET', `/slots?service=A&day=${TUESDAY}`, ratingsOnly.key),
      403,
      'API_KEY_SCOPE',
    );

    const spare = await createKey(['appointments']);
    expect((await callApi(server.url, 'GET', '/services', spare.key)).status).toBe(200);
    data(await emitAck(admin.socket, 'admin:apiKeyRevoke', { id: spare.apiKey.id }));
    expectRefusal(await callApi(server.url, 'POST', '', spare.key, booking()), 401, 'API_KEY_INVALID');
    expect(count('appointments')).toBe(before);
  });
});

describe('booking, reading and cancelling', () => {
  it('lists the services and slots with the places left', async () => {
    const services = await callApi<{ code: string; nameZh: string }[]>(server.url, 'GET', '/services', key);
    expect(services.status).toBe(200);
    expect(data(services.result).map((s) => s.code)).toEqual(['A']);
    const slots = data(
      (
        await callApi<(AppointmentSlot & { left: number })[]>(
          server.url,
          'GET',
          `/slots?service=A&day=${TUESDAY}`,
          key,
        )
      ).result,
    );
    expect(slots[0]).toMatchObject({ starts: '09:00', ends: '09:30', capacity: 6, booked: 0, left: 6 });
  });

  it('books (201, masked, with a code), reads it back, and cancels it', async () => {
    const answer = await callApi<Appointment>(
      server.url,
      'POST',
      '',
      key,
      booking({ starts: '10:00', externalRef: 'WX-0001' }),
    );
    expect(answer.status).toBe(201);
    const booked = data(answer.result);
    expect(booked).toMatchObject({
      status: 'booked',
      source: 'api',
      maskedName: '刘**',
      externalRef: 'WX-0001',
    });
    expect(booked.code).toMatch(/^\d{6}$/);
    expect(JSON.stringify(answer.result)).not.toContain('13600001234');

    const read = await callApi<Appointment>(server.url, 'GET', `/${booked.id}`, key);
    expect(data(read.result)).toEqual(booked);
    const day = data((await callApi<Appointment[]>(server.url, 'GET', `/?day=${TUESDAY}`, key)).result);
    expect(day.map((a) => a.id)).toContain(booked.id);

    // A retry with the same reference (its answer was lost) books nothing more.
    const before = count('appointments');
    const retry = await callApi<Appointment>(
      server.url,
      'POST',
      '',
      key,
      booking({ starts: '10:00', externalRef: 'WX-0001' }),
    );
    expect(data(retry.result).id).toBe(booked.id);
    expect(count('appointments')).toBe(before);

    const cancelled = await callApi<Appointment>(server.url, 'DELETE', `/${booked.id}`, key);
    expect(cancelled.status).toBe(200);
    expect(data(cancelled.result)).toMatchObject({ id: booked.id, status: 'cancelled' });
    expect(data((await callApi<Appointment>(server.url, 'GET', `/${booked.id}`, key)).result).status).toBe(
      'cancelled',
    );
    expectRefusal(await callApi(server.url, 'DELETE', '/999999', key), 404, 'NOT_FOUND');

    // The steps are in the event log with the key that made them.
    const db = server.openDb();
    const steps = db
      .prepare(
        `SELECT ${sqlDialect(db).jsonText('payload_json', 'step')} AS step, ${sqlDialect(db).jsonNumber('payload_json', 'apiKeyId')} AS key
           FROM events WHERE type = 'appointment' AND ${sqlDialect(db).jsonNumber('payload_json', 'appointmentId')} = ?`,
      )
      .all(booked.id);
    db.close();
    expect(steps).toEqual([
      { step: 'booked', key: keyId },
      { step: 'cancelled', key: keyId },
    ]);
  });
});

describe('refusals leave nothing behind', () => {
  it('a bad ID number, a full slot, a double booking, a slot that is not offered, bad input', async () => {
    const before = count('appointments');
    expectRefusal(
      await callApi(server.url, 'POST', '', key, booking({ idNumber: '440502199103151234' })),
      400,
      'ID_NUMBER_INVALID',
    );
    expectRefusal(
      await callApi(server.url, 'POST', '', key, booking({ idNumber: '12345' })),
      400,
      'ID_NUMBER_INVALID',
    );
    expectRefusal(
      await callApi(server.url, 'POST', '', key, booking({ starts: '12:00' })),
      422,
      'APPOINTMENT_NO_SUCH_SLOT',
    );
    expectRefusal(
      await callApi(server.url, 'POST', '', key, booking({ service: 'B' })),
      422,
      'APPOINTMENT_NO_SUCH_SLOT',
    );
    expectRefusal(
      await callApi(server.url, 'POST', '', key, booking({ service: 'Q' })),
      404,
      'SERVICE_NOT_FOUND',
    );
    expectRefusal(
      await callApi(server.url, 'POST', '', key, booking({ phone: 'call me' })),
      400,
      'VALIDATION_FAILED',
    );
    expectRefusal(await callApi(server.url, 'POST', '', key, '{"personName": '), 400, 'VALIDATION_FAILED');
    expectRefusal(
      await callApi(server.url, 'POST', '', key, booking({ extra: 1 })),
      400,
      'VALIDATION_FAILED',
    );
    expectRefusal(
      await callApi(server.url, 'GET', '/slots?service=A&day=tomorrow', key),
      400,
      'VALIDATION_FAILED',
    );
    expect(count('appointments')).toBe(before);

    // Six places at 11:00: the seventh is refused, and so is a second booking of one person.
    const person = adultId();
    for (let i = 0; i < 6; i += 1) {
      const made = await callApi(
        server.url,
        'POST',
        '',
        key,
        booking({ starts: '11:00', idNumber: i === 0 ? person : adultId() }),
      );
      expect(made.status).toBe(201);
    }
    const full = await callApi(server.url, 'POST', '', key, booking({ starts: '11:00' }));
    expectRefusal(full, 409, 'APPOINTMENT_SLOT_FULL');
    expectRefusal(
      await callApi(server.url, 'POST', '', key, booking({ starts: '14:00', idNumber: person })),
      409,
      'APPOINTMENT_DUPLICATE',
    );
    clock.set(at('10:00'));
    expectRefusal(
      await callApi(server.url, 'POST', '', key, booking({ starts: '09:30' })),
      422,
      'APPOINTMENT_SLOT_PAST',
    );
    clock.set(at('08:00'));
    expect(count('appointments')).toBe(before + 6);
    const slot = data(
      (
        await callApi<(AppointmentSlot & { left: number })[]>(
          server.url,
          'GET',
          `/slots?service=A&day=${TUESDAY}`,
          key,
        )
      ).result,
    ).find((s) => s.starts === '11:00');
    expect(slot).toMatchObject({ booked: 6, left: 0 });
  });

  it('an id that is not a number, or no booking, is refused in words', async () => {
    expectRefusal(await callApi(server.url, 'GET', '/2147483647', key), 404, 'NOT_FOUND');
    expectRefusal(await callApi(server.url, 'GET', '/abc', key), 400, 'VALIDATION_FAILED');
  });
});
