// A call has one identity and one time from the moment it is made, so a wall display never
// announces a call it has shown again: not after its connection is cut and comes back, not after
// a resync, not after a server restart. Each step ends with a new call as a sentinel — the voice
// announces in order, so once the sentinel is heard, anything repeated would have been heard first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { IssuedTicket, TicketView } from '@hall/shared/contracts/entities';
import type { HallFrame } from '@hall/shared/contracts/frames';
import type { Result } from '@hall/shared/contracts/errors';
import { startTestServer, type TestServer } from '../support/testServer';
import {
  connectClient,
  emitAck,
  newRequestId,
  staffAtWindow,
  type ConnectedClient,
  type KioskClient,
} from '../support/clients';
import { launchBrowser } from './support/browser';
import { clipSequence as callClips } from '@hall/shared/voice/callClips';

/** A call's clips as the display logs them, from the Mandarin pack (the hall's only language here). */
const clipSequence = (number: string, windowNumber: number): string[] =>
  callClips(number, windowNumber).map((clip) => `cmn/${clip}`);

declare global {
  interface Window {
    __voiceLog?: string[];
  }
}

let server: TestServer;
let browser: Browser;
let hall: Page;
let kiosk: KioskClient;
let staff: ConnectedClient;
/** Every hall:sync a display asked for, counted on the server. */
let syncs = 0;
/** Every display connection the server accepted. */
let displayConnections = 0;

function data<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

function watchDisplays(): void {
  server.app.io.on('connection', (socket) => {
    if (socket.data.role !== 'display') return;
    displayConnections += 1;
    socket.onAny((event: string) => {
      if (event === 'hall:sync') syncs += 1;
    });
  });
}

async function connectStaff(): Promise<void> {
  kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey });
  staff = await staffAtWindow(server.url, 'staff', server.credentials.staff.password, server.windowId(3));
}

/** Issues a ticket and calls it at window 3, then frees the window for the next call. */
async function callOne(): Promise<TicketView> {
  const serviceA = kiosk.snapshot.services.find((s) => s.code === 'A')!.id;
  data(
    await emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
      requestId: newRequestId(),
      serviceId: serviceA,
    }),
  );
  const called = data(await emitAck<TicketView>(staff.socket, 'counter:callNext'));
  data(await emitAck(staff.socket, 'counter:noShow', { ticketId: called.id }));
  return called;
}

const voiceLog = (): Promise<string[]> => hall.evaluate(() => [...(window.__voiceLog ?? [])]);

/** Waits until the display has spoken `clips` more clips than `before`; returns what it spoke since. */
async function spokenSince(before: number, clips: number): Promise<string[]> {
  await hall.waitForFunction((n) => (window.__voiceLog?.length ?? 0) >= n, before + clips, {
    timeout: 60_000,
  });
  return (await voiceLog()).slice(before);
}

/** A call is spoken `callRepeat` (2) times. */
const announced = (call: TicketView) => [...clipSequence(call.number, 3), ...clipSequence(call.number, 3)];

async function online(): Promise<void> {
  await hall.getByTestId('window-board').waitFor();
  await hall.getByTestId('connection-banner').waitFor({ state: 'detached', timeout: 30_000 });
}

beforeAll(async () => {
  server = await startTestServer();
  watchDisplays();
  await connectStaff();
  browser = await launchBrowser();
  hall = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await hall.goto(
    `${server.url}/display/?key=${encodeURIComponent(server.credentials.displayKey)}&voicelog=1`,
  );
  await online();
});

afterAll(async () => {
  kiosk?.close();
  staff?.close();
  await browser?.close();
  await server?.close();
});

describe('a display announces each call once', () => {
  let heard = 0;
  const calls: TicketView[] = [];

  it('announces live calls once each', async () => {
    for (let i = 0; i < 2; i += 1) calls.push(await callOne());
    const expected = calls.flatMap(announced);
    expect(await spokenSince(heard, expected.length)).toEqual(expected);
    heard += expected.length;
  });

  it('does not announce them again after its connection is cut and comes back', async () => {
    const connectionsBefore = displayConnections;
    // The transport under the display's socket is closed, as by a network cut.
    server.app.io.in('displays:1').disconnectSockets(true);
    await expect.poll(() => displayConnections, { timeout: 30_000 }).toBeGreaterThan(connectionsBefore);
    await online();
    const sentinel = await callOne();
    calls.push(sentinel);
    expect(await spokenSince(heard, announced(sentinel).length)).toEqual(announced(sentinel));
    heard += announced(sentinel).length;
  });

  it('does not announce them again after a resync', async () => {
    // A call, then its start: displays are not sent a start (they draw nothing new), so the
    // hall is one version ahead of what the display has.
    const serviceA = kiosk.snapshot.services.find((s) => s.code === 'A')!.id;
    data(
      await emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
        requestId: newRequestId(),
        serviceId: serviceA,
      }),
    );
    const serving = data(await emitAck<TicketView>(staff.socket, 'counter:callNext'));
    calls.push(serving);
    data(await emitAck(staff.socket, 'counter:start', { ticketId: serving.id }));
    expect(await spokenSince(heard, announced(serving).length)).toEqual(announced(serving));
    heard += announced(serving).length;
    // A frame that builds on that version, as if the display had lost one: it asks for a snapshot.
    const syncsBefore = syncs;
    const version = server.app.states.get(1).version;
    const next: HallFrame = { base: version, version, deltas: [] };
    server.app.io.to('displays:1').emit('hall:changed', next);
    await expect.poll(() => syncs, { timeout: 30_000 }).toBeGreaterThan(syncsBefore);
    data(await emitAck(staff.socket, 'counter:finish', { ticketId: serving.id, marks: {} }));
    const sentinel = await callOne();
    calls.push(sentinel);
    expect(await spokenSince(heard, announced(sentinel).length)).toEqual(announced(sentinel));
    heard += announced(sentinel).length;
  });

  it('does not announce them again after the server restarts', async () => {
    kiosk.close();
    staff.close();
    await server.restart();
    watchDisplays();
    await connectStaff();
    await online();
    // The restarted server's snapshot lists the earlier calls again, with the same identities.
    const snapshot = data(
      await emitAck<{ recentCalls: { id: number; ticketId: number }[] }>(staff.socket, 'hall:sync'),
    );
    expect(snapshot.recentCalls.map((c) => c.ticketId)).toEqual(
      expect.arrayContaining(calls.map((c) => c.id)),
    );
    const sentinel = await callOne();
    calls.push(sentinel);
    expect(await spokenSince(heard, announced(sentinel).length)).toEqual(announced(sentinel));
    heard += announced(sentinel).length;
    // In all: every call spoken exactly twice (callRepeat), none more.
    expect(await voiceLog()).toEqual(calls.flatMap(announced));
  });
});
