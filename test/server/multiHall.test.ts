// One server hosting two halls: each hall has its own numbering, rooms and broadcasts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedTicket } from '@hall/shared/contracts/entities';
import { startServer, type RunningServer } from '../../server/src/server';
import { createServerPrinter } from '../../server/src/printing/createServerPrinter';
import { REPO_ROOT, testHallConfig } from '../support/testServer';
import { connectClient, emitAck, newRequestId, type ConnectedClient } from '../support/clients';

let server: RunningServer;
let dir: string;
const kiosks: ConnectedClient[] = [];
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
    displays.forEach((d, i) => d.socket.on('ticket:issued', (e) => heard[i]!.push(e.ticket.number)));
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
    // Sentinels instead of a pause: one more ticket in each hall, heard by its own display. A
    // broadcast that crossed halls (or came of the refused issue) would have arrived before them.
    const sentinels = displays.map(
      (d, i) =>
        new Promise<void>((resolve) =>
          d.socket.on('ticket:issued', (e) => {
            if (e.ticket.number === ['A002', 'A003'][i]) resolve();
          }),
        ),
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
