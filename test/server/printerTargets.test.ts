// Issue 13 item 1: an admin could make the server overwrite any file ('/dev/../<path>' as a
// printer, then a browser kiosk's print writes ticket bytes there) and point a printer at any
// host and port. Now: file paths and escapes are refused when set and again at print time, the
// server's own addresses need PRINTER_ALLOW_LOOPBACK, service ports are refused, and every
// printer change is in the audit log with who made it.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '@hall/shared/contracts/admin';
import type { Device, IssuedTicket } from '@hall/shared/contracts/entities';
import { startTestServer, type TestServer } from '../support/testServer';
import { connectClient, emitAck, login, newRequestId, type ConnectedClient } from '../support/clients';

let server: TestServer;
let admin: ConnectedClient;
let kiosk: ConnectedClient;
let kioskDevice: Device;

beforeAll(async () => {
  server = await startTestServer({ allowLoopbackPrinters: false });
  const session = await login(server.url, 'admin', server.credentials.admin.password);
  admin = await connectClient(server.url, { role: 'admin', sessionToken: session.token });
  kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey });
  const list = await emitAck<Device[]>(admin.socket, 'admin:deviceList');
  if (!list.ok) throw new Error(list.error.code);
  kioskDevice = list.data.find((d) => d.kind === 'kiosk')!;
});
afterAll(async () => {
  admin?.close();
  kiosk?.close();
  await server?.close();
});

const setPrinter = (printerInterface: string) =>
  emitAck<Device>(admin.socket, 'admin:deviceUpdate', {
    id: kioskDevice.id,
    printer: { interface: printerInterface, widthColumns: 48 },
  });

describe('printer targets set by an admin', () => {
  it('refuses file paths, /dev/ escapes, service ports and this server, each with a reason', async () => {
    const victim = path.join(server.dataDir, 'victim.txt');
    const refusals: Array<[string, string]> = [
      [`/dev/..${victim}`, 'must not contain . or ..'],
      [victim, 'must be under /dev/'],
      ['/dev/./shm/x', 'must not contain . or ..'],
      ['C:\\hall\\data\\hall.sqlite', 'not recognised'],
      ['tcp://10.0.0.5:5432', 'database'],
      ['tcp://10.0.0.5:22', 'below 1024'],
      ['tcp://169.254.169.254:9100', 'link-local'],
      [`tcp://127.0.0.1:${server.port}`, 'PRINTER_ALLOW_LOOPBACK'],
      ['tcp://localhost:9100', 'PRINTER_ALLOW_LOOPBACK'],
    ];
    for (const [target, why] of refusals) {
      const result = await setPrinter(target);
      expect(result.ok, target).toBe(false);
      if (!result.ok) {
        expect(result.error.code, target).toBe('VALIDATION_FAILED');
        expect(result.error.en, target).toContain(why);
      }
    }
  });

  it('accepts a LAN printer and records who set which host and port', async () => {
    const result = await setPrinter('tcp://192.168.1.50:9100');
    expect(result.ok).toBe(true);
    const audit = await emitAck<AuditEntry[]>(admin.socket, 'admin:audit');
    if (!audit.ok) throw new Error(audit.error.code);
    const entry = audit.data.find((e) => e.action === 'device.update');
    expect(entry).toMatchObject({ staffName: '值班主管' });
    expect(entry!.detail.target.id).toBe(kioskDevice.id);
    expect(entry!.detail.changes).toContainEqual(
      expect.objectContaining({
        field: 'printer',
        to: expect.objectContaining({ interface: 'tcp://192.168.1.50:9100' }),
      }),
    );
  });
});

describe('printing for a browser kiosk', () => {
  it('never writes ticket bytes over a file, even when a bad target is already stored', async () => {
    const victim = path.join(server.dataDir, 'victim.txt');
    fs.writeFileSync(victim, 'precious');
    // A row written before these checks existed (or straight into the database).
    server.app.repos.devices.update({
      ...kioskDevice,
      printer: { interface: `/dev/..${victim}`, widthColumns: 48 },
    });
    const issued = await emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
      requestId: newRequestId(),
      serviceId: kiosk.snapshot.services[0]!.id,
    });
    if (!issued.ok) throw new Error(issued.error.code);
    const printed = await emitAck(kiosk.socket, 'ticket:print', { ticketId: issued.data.ticket.id });
    expect(!printed.ok && printed.error.code).toBe('PRINTER_FAULT');
    expect(fs.readFileSync(victim, 'utf8')).toBe('precious');
  });
});
