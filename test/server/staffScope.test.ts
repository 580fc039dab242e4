// Issue 13 item 8: window staff stay within their window's services and their own no-shows. Staff
// at window 3 (service A only) may not cancel or transfer a waiting B ticket, nor requeue window
// 5's no-show; window 5's own staff may, and so may an admin (who supervises the whole hall).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedTicket, TicketView } from '@hall/shared/contracts/entities';
import { startTestServer, type TestServer } from '../support/testServer';
import {
  connectClient,
  emitAck,
  newRequestId,
  staffAtWindow,
  type ConnectedClient,
} from '../support/clients';

let server: TestServer;
let kiosk: ConnectedClient;
let windowA: ConnectedClient; // window 3: A
let windowBC: ConnectedClient; // window 5: B, C
let admin: ConnectedClient; // window 4: A, D

const service = (code: string) => kiosk.snapshot.services.find((s) => s.code === code)!.id;
const windowId = (n: number) => kiosk.snapshot.windows.find((w) => w.number === n)!.id;

async function issue(code: string): Promise<TicketView> {
  const r = await emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
    requestId: newRequestId(),
    serviceId: service(code),
  });
  if (!r.ok) throw new Error(r.error.code);
  return r.data.ticket;
}

async function stateOf(ticketId: number): Promise<string> {
  const sync = await emitAck<{ activeTickets: TicketView[] }>(kiosk.socket, 'hall:sync');
  if (!sync.ok) throw new Error(sync.error.code);
  return sync.data.activeTickets.find((t) => t.id === ticketId)?.state ?? 'closed';
}

beforeAll(async () => {
  server = await startTestServer({ extraStaff: ['clerk'] });
  kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey });
  windowA = await staffAtWindow(server.url, 'staff', server.credentials.staff.password, windowId(3));
  windowBC = await staffAtWindow(server.url, 'clerk', 'clerk-pass', windowId(5));
  admin = await staffAtWindow(server.url, 'admin', server.credentials.admin.password, windowId(4));
});
afterAll(async () => {
  for (const c of [kiosk, windowA, windowBC, admin]) c?.close();
  await server?.close();
});

describe('staff scope', () => {
  it('refuses cancelling or transferring a ticket of a service the window does not serve', async () => {
    const b = await issue('B');
    const cancel = await emitAck(windowA.socket, 'counter:cancel', { ticketId: b.id });
    expect(!cancel.ok && cancel.error).toMatchObject({
      code: 'TICKET_OF_OTHER_SERVICE',
      zh: '该号的业务不由本窗口办理，请由管理员处理',
    });
    const transfer = await emitAck(windowA.socket, 'counter:transfer', {
      ticketId: b.id,
      toServiceId: service('A'),
    });
    expect(!transfer.ok && transfer.error.code).toBe('TICKET_OF_OTHER_SERVICE');
    expect(await stateOf(b.id)).toBe('waiting');
    // The window that serves B may; so may an admin at a window that does not.
    expect((await emitAck(windowBC.socket, 'counter:cancel', { ticketId: b.id })).ok).toBe(true);
    const c = await issue('C');
    expect((await emitAck(admin.socket, 'counter:cancel', { ticketId: c.id })).ok).toBe(true);
    // A ticket of the window's own service is still the window's to cancel.
    const a = await issue('A');
    expect((await emitAck(windowA.socket, 'counter:cancel', { ticketId: a.id })).ok).toBe(true);
  });

  it("refuses requeueing another window's no-show; its own window and an admin may", async () => {
    const b = await issue('B');
    const called = await emitAck<TicketView>(windowBC.socket, 'counter:callNext');
    expect(called.ok && called.data.id).toBe(b.id);
    expect((await emitAck(windowBC.socket, 'counter:noShow', { ticketId: b.id })).ok).toBe(true);
    const stranger = await emitAck(windowA.socket, 'counter:requeue', { ticketId: b.id });
    expect(!stranger.ok && stranger.error).toMatchObject({
      code: 'NO_SHOW_OF_OTHER_WINDOW',
      en: "Only this window's own no-shows can be requeued here; ask an admin",
    });
    expect(await stateOf(b.id)).toBe('no_show');
    expect((await emitAck(windowBC.socket, 'counter:requeue', { ticketId: b.id })).ok).toBe(true);
    expect(await stateOf(b.id)).toBe('waiting');

    const again = await emitAck<TicketView>(windowBC.socket, 'counter:callNext');
    if (!again.ok) throw new Error(again.error.code);
    expect((await emitAck(windowBC.socket, 'counter:noShow', { ticketId: again.data.id })).ok).toBe(true);
    expect((await emitAck(admin.socket, 'counter:requeue', { ticketId: again.data.id })).ok).toBe(true);
  });
});
