// Logs carry no personal data: the server's pino log, captured through the logger's destination at
// its most verbose level, during a full scenario that stores, reveals, exports, copies, refuses and
// erases personal data, holds no name, phone, address or ID number.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HomeVisit } from '@hall/shared/contracts/admin';
import type { IssuedTicket, TicketView } from '@hall/shared/contracts/entities';
import { createLogger } from '../../server/src/core/logger';
import { startTestServer, type TestServer } from '../support/testServer';
import {
  connectClient,
  emitAck,
  newRequestId,
  staffAtWindow,
  type ConnectedClient,
} from '../support/clients';
import { connectAdmin, data, PEOPLE, registerVisit, secretsOf } from '../support/personalData';

const lines: string[] = [];
let server: TestServer;
let admin: ConnectedClient;
let token: string;

beforeAll(async () => {
  const logger = createLogger({ level: 'trace', destination: { write: (line: string) => lines.push(line) } });
  server = await startTestServer({ logger });
  ({ client: admin, token } = await connectAdmin(server));
});

afterAll(async () => {
  admin?.close();
  await server?.close();
});

describe('the server log during a full personal-data scenario', () => {
  it('has no name, phone, address or ID number in it', async () => {
    const visits: HomeVisit[] = [];
    for (const person of PEOPLE) visits.push(await registerVisit(admin, person));
    const officers = data(await emitAck<{ id: number }[]>(admin.socket, 'admin:staffList'));
    data(
      await emitAck(admin.socket, 'homeVisit:schedule', {
        id: visits[0]!.id,
        scheduledDate: '2026-05-07',
        officerId: officers[0]!.id,
        notes: PEOPLE[0]!.notes,
      }),
    );
    data(await emitAck(admin.socket, 'homeVisit:complete', { id: visits[0]!.id, documentDelivered: true }));
    data(
      await emitAck(admin.socket, 'homeVisit:cancel', {
        id: visits[1]!.id,
        reason: `${PEOPLE[1]!.name}住院`,
      }),
    );
    for (const v of visits) {
      data(
        await emitAck(admin.socket, 'privacy:reveal', {
          kind: 'home_visit',
          id: v.id,
          reason: 'verify_record',
        }),
      );
    }
    // Refusals that carry personal data in their payload.
    const badId = await emitAck(admin.socket, 'homeVisit:create', {
      personName: PEOPLE[2]!.name,
      idNumber: `${PEOPLE[2]!.idNumber.slice(0, 17)}${PEOPLE[2]!.idNumber.endsWith('1') ? '2' : '1'}`,
      phone: PEOPLE[2]!.phone,
      address: PEOPLE[2]!.address,
      serviceId: admin.snapshot.services[0]!.id,
      reason: 'elderly',
      requestedDate: '2026-05-06',
    });
    expect(!badId.ok && badId.error.code).toBe('ID_NUMBER_INVALID');
    const badPhone = await emitAck(admin.socket, 'homeVisit:create', {
      personName: PEOPLE[2]!.name,
      phone: `${PEOPLE[2]!.address}`,
      address: PEOPLE[2]!.address,
      serviceId: 1,
      reason: 'elderly',
      requestedDate: '2026-05-06',
    });
    expect(!badPhone.ok && badPhone.error.code).toBe('VALIDATION_FAILED');
    // Exports, plain and personal, and a refused one.
    for (const query of ['', '?personal=1&reason=arrange_visit', `?personal=1&reason=${PEOPLE[0]!.phone}`]) {
      await fetch(`${server.url}/api/admin/home-visits.csv${query}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
    }
    // A person's copy and erasure, by ID number and by phone.
    data(await emitAck(admin.socket, 'privacy:subjectFind', { idNumber: PEOPLE[0]!.idNumber }));
    data(await emitAck(admin.socket, 'privacy:subjectFind', { phone: PEOPLE[1]!.phone }));
    await emitAck(admin.socket, 'privacy:subjectFind', { idNumber: PEOPLE[2]!.idNumber.replace(/.$/, '0') });
    data(await emitAck(admin.socket, 'privacy:subjectErase', { phone: PEOPLE[2]!.phone, confirm: true }));
    // A kiosk ticket with a masked ID, served with a proxy relation.
    const kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey });
    const issued = data(
      await emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
        requestId: newRequestId(),
        serviceId: kiosk.snapshot.services[0]!.id,
        maskedIdNumber: `${PEOPLE[0]!.idNumber.slice(0, 4)}**********${PEOPLE[0]!.idNumber.slice(-4)}`,
        proxy: true,
        proxyRelation: '配偶',
      }),
    );
    const w = await staffAtWindow(
      server.url,
      'staff',
      server.credentials.staff.password,
      kiosk.snapshot.windows[0]!.id,
    );
    const called = data(await emitAck<TicketView>(w.socket, 'counter:callNext'));
    expect(called.id).toBe(issued.ticket.id);
    data(await emitAck(w.socket, 'counter:start', { ticketId: called.id }));
    data(await emitAck(w.socket, 'counter:finish', { ticketId: called.id }));
    data(await emitAck(admin.socket, 'privacy:purgeNow'));
    w.close();
    kiosk.close();
    await server.restart();

    const log = lines.join('');
    // The capture works and is verbose: one line per command, the purge, the restart.
    expect(log).toContain('"cmd":"privacy:reveal"');
    expect(log).toContain('"cmd":"privacy:subjectErase"');
    expect(log).toContain('personal data purge');
    expect(lines.length).toBeGreaterThan(20);
    const leaks = PEOPLE.flatMap(secretsOf).filter((secret) => log.includes(secret));
    expect(leaks).toEqual([]);
    const masked = `${PEOPLE[0]!.idNumber.slice(0, 4)}**********`;
    expect(log).not.toContain(masked);
  });
});
