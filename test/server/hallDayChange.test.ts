// A new business day on the screens. At the hall's midnight ticket numbers restart at 001 and a
// snapshot holds the new day's queue and calls only, so a screen that connects after midnight
// shows none of yesterday's. A screen that stayed connected across midnight must show the same:
// never yesterday's A001 beside today's A001, never yesterday's leftover tickets as waiting.
import { afterEach, describe, expect, it } from 'vitest';
import type { HallSnapshot, IssuedTicket, TicketView } from '@hall/shared/contracts/entities';
import { openHallConnection, type HallConnection } from '@hall/shared/client/hallConnection';
import { followHall, type HallFollower } from '@hall/shared/client/followHall';
import { addDays, businessDay, startOfDay } from '@hall/shared/hallTime';
import { startTestServer, type TestServer } from '../support/testServer';
import {
  connectClient,
  emitAck,
  newRequestId,
  staffAtWindow,
  type ConnectedClient,
  type KioskClient,
} from '../support/clients';

const ZONE = 'Asia/Shanghai';
const DAY_ONE = '2026-03-02';
const DAY_TWO = addDays(DAY_ONE, 1);
const MIDNIGHT = startOfDay(DAY_TWO, ZONE);

/** What a wall display draws from a snapshot, by identity (a call's id, a ticket's id). */
const drawn = (s: HallSnapshot) => ({
  day: s.businessDay,
  calls: s.recentCalls.map((c) => `${c.number}@${c.windowNumber}#${c.id}`),
  tickets: s.activeTickets.map((t) => `${t.number}:${t.state}#${t.id}`).sort(),
});

interface Hall {
  server: TestServer;
  kiosk: KioskClient;
  staff: ConnectedClient;
  /** The followed screen: the client library every display and console uses. */
  link: HallConnection;
  screen: HallFollower;
  /** The calls the screen reported as new (to show and announce), by ticket id, in order. */
  announced: number[];
  /** Resolves once the followed screen shows what `ok` looks for. */
  screenShows(ok: (s: HallSnapshot) => boolean): Promise<HallSnapshot>;
  issue(): Promise<IssuedTicket>;
  callNext(): Promise<TicketView>;
  close(): Promise<void>;
}

let now = MIDNIGHT - 5 * 60_000;
let hall: Hall | null = null;

async function openHall(dayCheckMs: number | null): Promise<Hall> {
  now = MIDNIGHT - 5 * 60_000;
  const server = await startTestServer({ clock: () => now, dayCheckMs });
  const kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey });
  const staff = await staffAtWindow(
    server.url,
    'staff',
    server.credentials.staff.password,
    server.windowId(3),
  );
  const link = openHallConnection({
    url: server.url,
    auth: { role: 'display', deviceKey: server.credentials.displayKey },
  });
  const waiters = new Set<() => void>();
  const announced: number[] = [];
  const screen = followHall(link, { recentCallLimit: 12, announceMissedWithinMs: 120_000 }, (_s, outcome) => {
    announced.push(...outcome.newCalls.map((c) => c.ticketId));
    [...waiters].forEach((check) => check());
  });
  const serviceId = kiosk.snapshot.services.find((s) => s.code === 'A')!.id;
  return {
    server,
    kiosk,
    staff,
    link,
    screen,
    announced,
    screenShows: (ok) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const s = screen.snapshot;
          if (!s || !ok(s)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(s);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`the screen shows ${JSON.stringify(screen.snapshot && drawn(screen.snapshot))}`));
        }, 5000);
        waiters.add(check);
        check();
      }),
    async issue() {
      const r = await emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
        requestId: newRequestId(),
        serviceId,
        priorityClass: 'normal',
      });
      if (!r.ok) throw new Error(r.error.message);
      return r.data;
    },
    async callNext() {
      const r = await emitAck<TicketView>(staff.socket, 'counter:callNext');
      if (!r.ok) throw new Error(r.error.message);
      return r.data;
    },
    async close() {
      screen.stop();
      link.close();
      kiosk.close();
      staff.close();
      await server.close();
    },
  };
}

/** Yesterday, five minutes before midnight: A001 called at window 3 and left there, A002 waiting. */
async function lateEvening(h: Hall): Promise<TicketView> {
  await h.screenShows(() => true);
  await h.issue();
  await h.issue();
  const called = await h.callNext();
  await h.screenShows((s) => s.recentCalls[0]?.ticketId === called.id && s.activeTickets.length === 2);
  return called;
}

/** What a wall display connecting now is sent. */
async function freshScreen(server: TestServer): Promise<HallSnapshot> {
  const display = await connectClient(server.url, {
    role: 'display',
    deviceKey: server.credentials.displayKey,
  });
  display.close();
  return display.snapshot;
}

afterEach(async () => {
  await hall?.close();
  hall = null;
});

describe('a new business day on a screen that stayed connected', () => {
  it('the first change after midnight brings the new day, the same as a screen connecting then', async () => {
    hall = await openHall(null); // no midnight check: only the change itself can tell the screen
    const yesterday = await lateEvening(hall);

    now = MIDNIGHT + 60_000;
    expect(businessDay(now, ZONE)).toBe(DAY_TWO);
    const first = await hall.issue();
    expect(first.ticket.number).toBe(yesterday.number); // numbers restart: A001 again
    const today = await hall.callNext();
    expect(today.id).toBe(first.ticket.id);

    const live = await hall.screenShows((s) => s.recentCalls[0]?.ticketId === today.id);
    const fresh = await freshScreen(hall.server);
    expect(drawn(fresh)).toEqual({
      day: DAY_TWO,
      calls: [`A001@3#${fresh.recentCalls[0]!.id}`],
      tickets: [`A001:called#${today.id}`],
    });
    expect(drawn(live)).toEqual(drawn(fresh));
    // the first call of the day came in the new day's snapshot, and was still announced, once
    expect(hall.announced).toEqual([yesterday.id, today.id]);
  });

  it('at midnight, with nothing happening in the hall, the screen starts the new day by itself', async () => {
    hall = await openHall(20);
    await lateEvening(hall);

    now = MIDNIGHT + 1000;
    const live = await hall.screenShows((s) => s.businessDay === DAY_TWO);
    expect(drawn(live)).toEqual({ day: DAY_TWO, calls: [], tickets: [] });
    expect(drawn(live)).toEqual(drawn(await freshScreen(hall.server)));
  });
});
