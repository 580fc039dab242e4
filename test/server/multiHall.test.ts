// One server hosting two halls: each hall has its own numbering, rooms and broadcasts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedTicket } from '@hall/shared/contracts/entities';
import { startServer, type RunningServer } from '../../server/src/server';
import { createServerPrinter } from '../../server/src/printing/createServerPrinter';
import { REPO_ROOT, testHallConfig } from '../support/testServer';
import { addDays, businessDay } from '@hall/shared/hallTime';
import { weekdayOf } from '@hall/shared/appointments/slots';
import {
  connectClient,
  emitAck,
  newRequestId,
  nextDelta,
  onDeltas,
  type ConnectedClient,
  type KioskClient,
} from '../support/clients';

let server: RunningServer;
let dir: string;
const kiosks: KioskClient[] = [];
const displays: ConnectedClient[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hall-multi-'));
  const base = testHallConfig().halls[0]!;
  const second = {
    ...base,
    code: 'second',
    name: '第二办证大厅',
    staff: [{ username: 'staff2', name: '二号厅民警', role: 'staff' as const, password: 'staff2-pass' }],
  };
  server = await startServer({
    dbFile: path.join(dir, 'hall.sqlite'),
    webRoot: path.join(REPO_ROOT, 'dist', 'web'),
    port: 0,
    host: '127.0.0.1',
    hallConfig: { halls: [base, second] },
    printer: createServerPrinter(dir, { interface: 'virtual', widthColumns: 48 }),
    synchronous: 'NORMAL',
    keyFile: path.join(`${dir}-keys`, 'field-keys.json'),
  });
  for (const hallCode of ['demo', 'second']) {
    const key = (kind: string) =>
      server.credentials!.devices.find((d) => d.hallCode === hallCode && d.kind === kind)!.key;
    kiosks.push(await connectClient(server.url, { role: 'kiosk', deviceKey: key('kiosk') }));
    displays.push(await connectClient(server.url, { role: 'display', deviceKey: key('display') }));
  }
});
afterAll(async () => {
  [...kiosks, ...displays].forEach((c) => c.close());
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(`${dir}-keys`, { recursive: true, force: true });
});

describe('several halls on one server', () => {
  it('keeps numbering, snapshots and broadcasts apart', async () => {
    expect(kiosks[0]!.snapshot.hall.name).not.toBe(kiosks[1]!.snapshot.hall.name);
    const heard: string[][] = [[], []];
    displays.forEach((d, i) =>
      onDeltas(d.socket, (delta) => {
        if (delta.type === 'ticket:issued') heard[i]!.push(delta.ticket.number);
      }),
    );
    const issue = (i: number) =>
      emitAck<IssuedTicket>(kiosks[i]!.socket, 'ticket:issue', {
        requestId: newRequestId(),
        serviceId: kiosks[i]!.snapshot.services[0]!.id,
      });
    const a = await issue(0);
    const b = await issue(1);
    const c = await issue(1);
    expect(a.ok && a.data.ticket.number).toBe('A001');
    expect(b.ok && b.data.ticket.number).toBe('A001');
    expect(c.ok && c.data.ticket.number).toBe('A002');
    // A kiosk cannot use another hall's service.
    const foreign = await emitAck(kiosks[0]!.socket, 'ticket:issue', {
      requestId: newRequestId(),
      serviceId: kiosks[1]!.snapshot.services[0]!.id,
    });
    expect(!foreign.ok && foreign.error.code).toBe('SERVICE_NOT_FOUND');
    // Sentinels: a last ticket in each hall, awaited on its display; frames arrive in order, so by
    // then each display has heard everything its hall was sent before.
    const sentinels = [0, 1].map((i) =>
      nextDelta(displays[i]!.socket, 'ticket:issued', (d) => d.ticket.number === 'A00' + (i + 2)),
    );
    await issue(0);
    await issue(1);
    await Promise.all(sentinels);
    expect(heard).toEqual([
      ['A001', 'A002'],
      ['A001', 'A002', 'A003'],
    ]);
  });
});

describe('appointments of several halls', () => {
  it("an API key reads and cancels only its own hall's bookings", async () => {
    const [first, second] = kiosks.map((k) => k.snapshot.hall.id) as [number, number];
    // The next weekday from tomorrow: the demo schedule books exit-entry (A) on weekdays.
    let day = addDays(businessDay(Date.now(), 'Asia/Shanghai'), 1);
    while (weekdayOf(day) > 5) day = addDays(day, 1);
    const serviceA = kiosks[0]!.snapshot.services.find((s) => s.code === 'A')!.id;
    const booked = await server.app.services.appointments.bookings.book(
      { hallId: first, staffId: null, apiKeyId: null, source: 'console' },
      {
        personName: '周一',
        phone: '13500000000',
        idNumber: '11010519491231002X',
        serviceId: serviceA,
        day,
        starts: '09:00',
        externalRef: null,
      },
    );
    const otherHall = await server.app.services.apiKeys.create(
      { hallId: second, staffId: null },
      {
        name: '第二大厅的系统',
        scopes: ['appointments'],
      },
    );
    const own = await server.app.services.apiKeys.create(
      { hallId: first, staffId: null },
      {
        name: '第一大厅的系统',
        scopes: ['appointments'],
      },
    );
    const read = (key: string, method = 'GET') =>
      fetch(`${server.url}/api/v1/appointments/${booked.id}`, {
        method,
        headers: { authorization: `Bearer ${key}` },
      });
    expect((await read(otherHall.key)).status).toBe(404);
    expect((await read(otherHall.key, 'DELETE')).status).toBe(404);
    const list = await fetch(`${server.url}/api/v1/appointments/?day=${day}`, {
      headers: { authorization: `Bearer ${otherHall.key}` },
    });
    expect(((await list.json()) as { data: unknown[] }).data).toEqual([]);
    const mine = await read(own.key);
    expect(((await mine.json()) as { data: { status: string } }).data.status).toBe('booked');
  });
});
