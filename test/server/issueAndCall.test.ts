// Issue → broadcast → call, through a real server on port 0 with real Socket.IO clients.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedTicket, TicketView } from '@hall/shared/contracts/entities';
import { startTestServer, type TestServer } from '../support/testServer';
import {
  connectClient,
  emitAck,
  newRequestId,
  nextDelta,
  staffAtWindow,
  type ConnectedClient,
  type KioskClient,
} from '../support/clients';

let server: TestServer;
let kiosk: KioskClient;
let display: ConnectedClient;

beforeAll(async () => {
  server = await startTestServer();
  kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey });
  display = await connectClient(server.url, { role: 'display', deviceKey: server.credentials.displayKey });
});
afterAll(async () => {
  kiosk.close();
  display.close();
  await server.close();
});

const serviceId = (code: string) => kiosk.snapshot.services.find((s) => s.code === code)!.id;
const windowId = (n: number) => server.windowId(n);

describe('issue and call', () => {
  it('issues a ticket, acknowledges the figures, and the display receives the broadcast', async () => {
    const broadcast = nextDelta(display.socket, 'ticket:issued');
    const result = await emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
      requestId: newRequestId(),
      serviceId: serviceId('A'),
      priorityClass: 'normal',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.ticket.number).toBe('A001');
    expect(result.data.peopleAhead).toBe(0);
    expect(result.data.statusPath).toMatch(/^\/t\/[A-Za-z0-9_-]{20,}$/);
    const seen = await broadcast;
    expect(seen.ticket.id).toBe(result.data.ticket.id);
    expect(seen.version).toBe(kiosk.snapshot.version + 1);
    expect(seen.ticket).not.toHaveProperty('statusToken');
  });

  it('numbers priority tickets visibly and counts people ahead', async () => {
    const elderly = await emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
      requestId: newRequestId(),
      serviceId: serviceId('A'),
      priorityClass: 'elderly',
      proxy: true,
      proxyRelation: '子女',
    });
    expect(elderly.ok && elderly.data.ticket.number).toBe('A-L002');
    expect(elderly.ok && elderly.data.peopleAhead).toBe(0);
    expect(elderly.ok && elderly.data.windowsToWatch).toEqual([1, 2]);
    const normal = await emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
      requestId: newRequestId(),
      serviceId: serviceId('A'),
    });
    expect(normal.ok && normal.data.ticket.number).toBe('A003');
    expect(normal.ok && normal.data.peopleAhead).toBe(2);
  });

  it('a retried request id returns the same ticket, never a second one', async () => {
    const requestId = newRequestId();
    const first = await emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
      requestId,
      serviceId: serviceId('B'),
    });
    const again = await emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
      requestId,
      serviceId: serviceId('B'),
    });
    expect(first.ok && again.ok).toBe(true);
    if (!first.ok || !again.ok) return;
    expect(again.data.ticket.id).toBe(first.data.ticket.id);
    const next = await emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
      requestId: newRequestId(),
      serviceId: serviceId('B'),
    });
    expect(next.ok && next.data.ticket.sequence).toBe(2);
  });

  it('the elderly window calls the priority ticket first and the display sees the call', async () => {
    const staff = await staffAtWindow(server.url, 'staff', server.credentials.staff.password, windowId(1));
    const called = nextDelta(display.socket, 'ticket:called');
    const result = await emitAck<TicketView>(staff.socket, 'counter:callNext');
    expect(result.ok && result.data.number).toBe('A-L002');
    const seen = await called;
    expect(seen.call.windowNumber).toBe(1);
    expect(seen.call.elderlyWindow).toBe(true);
    // A window with a ticket still open cannot call the next one.
    const busy = await emitAck(staff.socket, 'counter:callNext');
    expect(!busy.ok && busy.error.code).toBe('WINDOW_BUSY');
    expect(!busy.ok && busy.error.zh).toContain('A-L002');
    staff.close();
  });

  it('refuses a kiosk sending staff commands, and bad payloads, with codes', async () => {
    const forbidden = await emitAck(kiosk.socket, 'counter:callNext');
    expect(!forbidden.ok && forbidden.error.code).toBe('FORBIDDEN');
    const bad = await emitAck(kiosk.socket, 'ticket:issue', { requestId: 'x', serviceId: 'A' });
    expect(!bad.ok && bad.error.code).toBe('VALIDATION_FAILED');
    const unknown = await emitAck(kiosk.socket, 'no:such', {});
    expect(!unknown.ok && unknown.error.code).toBe('FORBIDDEN');
  });
});
