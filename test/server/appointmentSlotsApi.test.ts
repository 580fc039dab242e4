// GET /api/v1/appointments/slots over real HTTP (real server, SQLite file, API keys): the slots of a
// service on a day that can still be booked, each with its places left; none on a holiday or a day
// off for appointments, none of today's once over (none after the cut-off), a full slot listed with
// 0 left; refusals are a code with Chinese and English words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiKeyWithSecret } from '@hall/shared/contracts/admin';
import type { AppointmentSlot } from '@hall/shared/contracts/appointments';
import type { Result } from '@hall/shared/contracts/errors';
import { startTestServer, type TestServer } from '../support/testServer';
import { connectClient, emitAck, login, type ConnectedClient } from '../support/clients';
import { data } from '../support/personalData';
import { adultId, at, callApi, hallClock, TUESDAY, WEDNESDAY } from '../support/appointments';

type ListedSlot = AppointmentSlot & { left: number };
const THURSDAY = '2026-12-03';
const FRIDAY = '2026-12-04';
const clock = hallClock(at('08:00'));
let server: TestServer;
let admin: ConnectedClient;
let key: string;

async function createKey(scopes: string[]): Promise<string> {
  const created = data(
    await emitAck<ApiKeyWithSecret>(admin.socket, 'admin:apiKeyCreate', {
      name: `系统 ${scopes.join('+')}`,
      scopes,
    }),
  );
  return created.key;
}

const slotsAnswer = (query: string, withKey: string | null = key) =>
  callApi<ListedSlot[]>(server.url, 'GET', `/slots?${query}`, withKey);
const slotsOf = async (day: string, service = 'A') => {
  const answer = await slotsAnswer(`service=${service}&day=${day}`);
  expect(answer.status).toBe(200);
  return data(answer.result);
};
const startsOf = async (day: string) => (await slotsOf(day)).map((s) => s.starts);

function expectRefusal(answer: { status: number; result: Result<unknown> }, status: number, code: string) {
  expect(answer.status).toBe(status);
  expect(answer.result.ok).toBe(false);
  if (answer.result.ok) return;
  expect(answer.result.error.code).toBe(code);
  expect(answer.result.error.zh).toMatch(/[\u4e00-\u9fff]/);
  expect(answer.result.error.en).toMatch(/[A-Za-z]{3}/);
}

// The demo schedule books A 09:00–11:30 and 14:00–17:00 in 30-minute slots of 6 places.
const ALL_DAY = ['09:00', '09:30', '10:00', '10:30', '11:00', '14:00', '14:30', '15:00', '15:30', '16:00'];

beforeAll(async () => {
  server = await startTestServer({
    clock: clock.now,
    rules: { staffIdleMinutes: 480 },
    // Open 08:30–17:30 on weekdays, tickets until 16:30 (the cut-off); Wednesday a holiday.
    hours: { opens: '08:30', closes: '17:30' },
    schedule: {
      openWeekdays: [1, 2, 3, 4, 5],
      holidays: [{ from: WEDNESDAY, to: WEDNESDAY, name: '测试休息日' }],
      issueStopMinutes: 60,
    },
  });
  const session = await login(server.url, 'admin', server.credentials.admin.password);
  admin = await connectClient(server.url, { role: 'admin', sessionToken: session.token });
  key = await createKey(['appointments']);
});

afterAll(async () => {
  admin?.close();
  await server?.close();
});

describe('GET /api/v1/appointments/slots', () => {
  it("lists a day's slots with their times, capacity and places left", async () => {
    clock.set(at('08:00'));
    const slots = await slotsOf(THURSDAY);
    expect(slots.map((s) => s.starts)).toEqual(ALL_DAY);
    expect(slots[0]).toMatchObject({ starts: '09:00', ends: '09:30', capacity: 6, booked: 0, left: 6 });
    expect(slots.at(-1)).toMatchObject({ starts: '16:00', ends: '16:30', left: 6 });
    expect(slots[0]!.start).toBe(at('09:00', THURSDAY));
    // A service with no appointment schedule offers nothing.
    expect(await slotsOf(THURSDAY, 'B')).toEqual([]);
  });

  it('counts bookings: places left go down, and a full slot stays listed with 0 left', async () => {
    clock.set(at('08:00'));
    for (let i = 0; i < 6; i += 1) {
      const made = await callApi(server.url, 'POST', '', key, {
        personName: '刘晓东',
        phone: '13600001234',
        idNumber: adultId(),
        service: 'A',
        day: FRIDAY,
        starts: '09:30',
      });
      expect(made.status).toBe(201);
      if (i === 1) {
        const after2 = (await slotsOf(FRIDAY)).find((s) => s.starts === '09:30');
        expect(after2).toMatchObject({ capacity: 6, booked: 2, left: 4 });
      }
    }
    const friday = await slotsOf(FRIDAY);
    expect(friday.find((s) => s.starts === '09:30')).toMatchObject({ capacity: 6, booked: 6, left: 0 });
    expect(friday.find((s) => s.starts === '09:00')).toMatchObject({ booked: 0, left: 6 });
    expect(friday.map((s) => s.starts)).toEqual(ALL_DAY);
  });

  it("gives none on the hall's holiday, nor on a day off set for appointments", async () => {
    clock.set(at('08:00'));
    expect(await slotsOf(WEDNESDAY)).toEqual([]);
    // A Saturday the hall does not open.
    expect(await slotsOf('2026-12-05')).toEqual([]);
    const monday = '2026-12-07';
    expect(await startsOf(monday)).toEqual(ALL_DAY);
    data(await emitAck(admin.socket, 'appointment:dayOffSet', { day: monday, off: true, note: '培训' }));
    expect(await slotsOf(monday)).toEqual([]);
  });

  it("drops today's slots once over, and lists none of today's after the cut-off", async () => {
    clock.set(at('10:05'));
    // 10:00–10:30 is not over yet: it can still be booked, so it is listed.
    expect(await startsOf(TUESDAY)).toEqual(ALL_DAY.slice(2));
    clock.set(at('16:29'));
    expect(await startsOf(TUESDAY)).toEqual(['16:00']);
    clock.set(at('16:31'));
    expect(await slotsOf(TUESDAY)).toEqual([]);
    // Later days are untouched by today's clock.
    expect(await startsOf(THURSDAY)).toEqual(ALL_DAY);
    clock.set(at('08:00'));
  });

  it('refuses without a key (401) and with a key lacking the scope (403)', async () => {
    expectRefusal(await slotsAnswer(`service=A&day=${THURSDAY}`, null), 401, 'API_KEY_INVALID');
    expectRefusal(
      await slotsAnswer(`service=A&day=${THURSDAY}`, 'hq_notARealKey0123456789abcdef'),
      401,
      'API_KEY_INVALID',
    );
    const ratingsOnly = await createKey(['ratings']);
    expectRefusal(await slotsAnswer(`service=A&day=${THURSDAY}`, ratingsOnly), 403, 'API_KEY_SCOPE');
  });

  it('refuses a bad query with a code and words', async () => {
    expectRefusal(await slotsAnswer(`service=Q&day=${THURSDAY}`), 404, 'SERVICE_NOT_FOUND');
    expectRefusal(await slotsAnswer('service=A&day=tomorrow'), 400, 'VALIDATION_FAILED');
    expectRefusal(await slotsAnswer('service=A&day=2026-12-3'), 400, 'VALIDATION_FAILED');
    expectRefusal(await slotsAnswer(`day=${THURSDAY}`), 400, 'VALIDATION_FAILED');
    expectRefusal(await slotsAnswer(`service=AB&day=${THURSDAY}`), 400, 'VALIDATION_FAILED');
    expectRefusal(await slotsAnswer(`service=A&day=${THURSDAY}&extra=1`), 400, 'VALIDATION_FAILED');
  });
});
