// Reports from per-day rollups on the real server (worker thread, real SQLite file, controlled
// clock): closed days are built once and then read from the rollup table; a later change to a
// closed day's ticket invalidates that day; the rebuild command starts over from the event log; and
// every report equals the straight computation from the events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HallReport } from '@hall/shared/contracts/admin';
import type { IssuedTicket, TicketView } from '@hall/shared/contracts/entities';
import type { Result } from '@hall/shared/contracts/errors';
import { computeReport } from '../../server/src/reports/computeReport';
import { loadReportInput } from '../../server/src/reports/loadReportInput';
import { rebuildRollups } from '../../server/src/reports/rollupMaintenance';
import { startTestServer, type TestServer } from '../support/testServer';
import {
  connectClient,
  emitAck,
  login,
  newRequestId,
  staffAtWindow,
  type ConnectedClient,
  type KioskClient,
} from '../support/clients';

/** Local hall time (Asia/Shanghai, UTC+8) on 2026-05-(day). */
const local = (day: number, hh: number, mm: number) => Date.UTC(2026, 4, day, hh - 8, mm);
let now = local(4, 8, 0);

let server: TestServer;
let kiosk: KioskClient;
let admin: ConnectedClient;
let window1: Awaited<ReturnType<typeof staffAtWindow>>;
let lateTicket: TicketView;
const QUERY = { from: '2026-05-04', to: '2026-05-06' };

function data<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

async function at<T>(
  time: number,
  client: Pick<ConnectedClient, 'socket'>,
  event: string,
  payload?: unknown,
): Promise<T> {
  now = time;
  return data(
    await (payload === undefined
      ? emitAck<T>(client.socket, event)
      : emitAck<T>(client.socket, event, payload)),
  );
}

async function issue(time: number, priorityClass = 'normal'): Promise<TicketView> {
  const serviceId = kiosk.snapshot.services.find((s) => s.code === 'A')!.id;
  const issued = await at<IssuedTicket>(time, kiosk, 'ticket:issue', {
    requestId: newRequestId(),
    serviceId,
    priorityClass,
  });
  return issued.ticket;
}

async function serve(day: number, hour: number, marks: Record<string, unknown>): Promise<void> {
  const called = await at<TicketView>(local(day, hour, 10), window1, 'counter:callNext');
  await at(local(day, hour, 12), window1, 'counter:start', { ticketId: called.id });
  await at(local(day, hour, 19), window1, 'counter:finish', {
    ticketId: called.id,
    marks: {
      proxy: false,
      proxyRelation: null,
      assistedPayment: false,
      formHelp: false,
      note: null,
      ...marks,
    },
  });
}

function straight(): HallReport {
  return computeReport(loadReportInput(server.app.repos, { ...QUERY, hallId: hallId() }));
}
const hallId = () => kiosk.snapshot.hall.id;
const viaWorker = () =>
  server.app.reportPool.run({ kind: 'report', ...QUERY, hallIds: [hallId()], hallId: hallId(), now });

beforeAll(async () => {
  server = await startTestServer({ clock: () => now, rules: { staffIdleMinutes: 10_000 } });
  kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey });
  const session = await login(server.url, 'admin', server.credentials.admin.password);
  admin = await connectClient(server.url, { role: 'admin', sessionToken: session.token });
  const w1 = admin.snapshot.windows.find((w) => w.number === 1)!.id;
  window1 = await staffAtWindow(server.url, 'staff', server.credentials.staff.password, w1);

  // 4 May: two visitors served, one by a relative, one with the fee paid by staff.
  await issue(local(4, 9, 0));
  await issue(local(4, 9, 1), 'elderly');
  await serve(4, 9, { proxy: true, proxyRelation: '子女' });
  await serve(4, 10, { assistedPayment: true });
  // 5 May: one served; one called at closing time and still at the window when the day ends.
  await issue(local(5, 9, 0));
  lateTicket = await issue(local(5, 16, 50));
  await serve(5, 9, {});
  await at(local(5, 17, 0), window1, 'counter:callNext');
  now = local(6, 9, 0);
});

afterAll(async () => {
  for (const c of [kiosk, admin, window1]) c?.close();
  await server?.close();
});

describe('reports from per-day rollups', () => {
  it('builds the closed days once, then reads them from the rollups; figures equal the events', async () => {
    const first = data(
      await emitAck<HallReport>(admin.socket, 'admin:report', { ...QUERY, hallId: hallId() }),
    );
    expect(first).toEqual(straight());
    expect(first).toMatchObject({ issued: 4, served: 3, withProxy: 1, withAssistedPayment: 1 });

    const again = await viaWorker();
    expect(again.stats).toMatchObject({ builtDays: 0, storedDays: 2 });
    expect(again.report).toEqual(first);
  });

  it('a change to a closed day’s ticket rebuilds that day only', async () => {
    // The visitor called at closing time yesterday never came: marked today.
    await at(local(6, 9, 5), window1, 'counter:noShow', { ticketId: lateTicket.id });
    const after = await viaWorker();
    expect(after.stats).toMatchObject({ invalidatedDays: 1, builtDays: 1, storedDays: 1 });
    expect(after.report!.noShows).toBe(1);
    expect(after.report).toEqual(straight());
  });

  it('today counts live, without being stored', async () => {
    await issue(local(6, 10, 0));
    const live = await viaWorker();
    expect(live.stats.builtDays).toBe(0);
    expect(live.report!.issued).toBe(5);
    expect(live.report).toEqual(straight());
  });

  it('the rebuild command builds every closed day again from the event log', async () => {
    const rebuilt = rebuildRollups(server.app.repos.db, now);
    expect(rebuilt.builtDays).toBe(2);
    const after = await viaWorker();
    expect(after.stats).toMatchObject({ builtDays: 0, storedDays: 2 });
    expect(after.report).toEqual(straight());
  });
});
