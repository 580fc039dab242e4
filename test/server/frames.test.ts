// One committed change, one frame, to the screens it changes: each change reaches each room that
// draws it as exactly one frame; a kiosk gets counts and estimates, never a ticket; changes
// committed within one tick go out as one frame, in order, with their versions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedTicket, TicketView } from '@hall/shared/contracts/entities';
import type { HallFrame, KioskQueueFrame } from '@hall/shared/contracts/frames';
import { startTestServer, type TestServer } from '../support/testServer';
import {
  connectClient,
  emitAck,
  login,
  newRequestId,
  staffAtWindow,
  type ConnectedClient,
  type KioskClient,
  type TestSocket,
} from '../support/clients';

/** Everything a socket receives, by event name, in order. */
function recorder(socket: TestSocket) {
  const events: { event: string; payload: unknown }[] = [];
  socket.onAny((event: string, payload: unknown) => events.push({ event, payload }));
  return {
    events,
    frames: () => events.filter((e) => e.event === 'hall:changed').map((e) => e.payload as HallFrame),
    queues: () => events.filter((e) => e.event === 'kiosk:queue').map((e) => e.payload as KioskQueueFrame),
    /** Resolves once `count` events named `event` have arrived. */
    until: async (event: string, count: number, timeoutMs = 5000) => {
      const until = Date.now() + timeoutMs;
      while (events.filter((e) => e.event === event).length < count) {
        if (Date.now() > until)
          throw new Error(`only ${events.filter((e) => e.event === event).length} ${event}`);
        await new Promise((wake) => setTimeout(wake, 5));
      }
    },
  };
}

describe('frames per audience', () => {
  let server: TestServer;
  let kiosk: KioskClient;
  let watcher: KioskClient;
  let display: ConnectedClient;
  let admin: ConnectedClient;
  let staff: Awaited<ReturnType<typeof staffAtWindow>>;

  beforeAll(async () => {
    server = await startTestServer();
    staff = await staffAtWindow(server.url, 'staff', server.credentials.staff.password, server.windowId(3));
    kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey });
    watcher = await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey });
    display = await connectClient(server.url, { role: 'display', deviceKey: server.credentials.displayKey });
    const session = await login(server.url, 'admin', server.credentials.admin.password);
    admin = await connectClient(server.url, { role: 'admin', sessionToken: session.token });
  });
  afterAll(async () => {
    [kiosk, watcher, display, admin, staff].forEach((c) => c.close());
    await server.close();
  });

  it('one change reaches each room that draws it as exactly one frame; a kiosk only as counts', async () => {
    const serviceA = kiosk.snapshot.services.find((s) => s.code === 'A')!.id;
    const screens = {
      display: recorder(display.socket),
      admin: recorder(admin.socket),
      kiosk: recorder(watcher.socket),
    };

    const issued = await emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
      requestId: newRequestId(),
      serviceId: serviceA,
    });
    if (!issued.ok) throw new Error(issued.error.code);
    await Promise.all([
      screens.display.until('hall:changed', 1),
      screens.admin.until('hall:changed', 1),
      screens.kiosk.until('kiosk:queue', 1),
    ]);
    // A second change as the sentinel: frames arrive in order, so once its frame is in, every
    // frame of the first change has arrived too.
    const called = await emitAck<TicketView>(staff.socket, 'counter:callNext');
    if (!called.ok) throw new Error(called.error.code);
    await Promise.all([
      screens.display.until('hall:changed', 2),
      screens.admin.until('hall:changed', 2),
      screens.kiosk.until('kiosk:queue', 2),
    ]);

    for (const room of [screens.display, screens.admin]) {
      const [first, second] = room.frames();
      expect(first!.deltas).toEqual([
        { type: 'ticket:issued', version: first!.version, ticket: issued.data.ticket },
      ]);
      expect(second!.base).toBe(first!.version);
      expect(second!.deltas.some((d) => d.type === 'ticket:called' && d.ticket.id === called.data.id)).toBe(
        true,
      );
    }
    // The console also draws what the window holds; the display does not.
    expect(screens.admin.frames()[1]!.deltas.map((d) => d.type)).toEqual(['ticket:called', 'window:updated']);
    expect(screens.display.frames()[1]!.deltas.map((d) => d.type)).toEqual(['ticket:called']);

    // The kiosk: counts and estimates only, one frame per change that altered them.
    const [up, down] = screens.kiosk.queues();
    expect(up!.queue.find((q) => q.serviceId === serviceA)!.waiting).toBe(1);
    expect(down!.queue.find((q) => q.serviceId === serviceA)!.waiting).toBe(0);
    expect(screens.kiosk.events.map((e) => e.event)).toEqual(['kiosk:queue', 'kiosk:queue']);
    expect(JSON.stringify(screens.kiosk.events)).not.toContain(issued.data.ticket.number);
    // Nor does a kiosk's snapshot carry anyone's ticket.
    expect(JSON.stringify(watcher.snapshot)).not.toMatch(/activeTickets|recentCalls|"windows"/);
    const forbidden = await emitAck(watcher.socket, 'hall:sync');
    expect(!forbidden.ok && forbidden.error.code).toBe('FORBIDDEN');

    await emitAck(staff.socket, 'counter:noShow', { ticketId: called.data.id });
  });
});

describe('coalescing', () => {
  let server: TestServer;

  beforeAll(async () => {
    // A long tick, so the burst below certainly falls within one or two.
    server = await startTestServer({ frameTickMs: 400 });
  });
  afterAll(async () => {
    await server.close();
  });

  it('changes committed within one tick go to a room as one frame, in order, with contiguous versions', async () => {
    const kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey });
    const display = await connectClient(server.url, {
      role: 'display',
      deviceKey: server.credentials.displayKey,
    });
    const screen = recorder(display.socket);
    const serviceA = kiosk.snapshot.services.find((s) => s.code === 'A')!.id;
    const acks = await Promise.all(
      Array.from({ length: 20 }, () =>
        emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
          requestId: newRequestId(),
          serviceId: serviceA,
        }),
      ),
    );
    const numbers = acks.map((a) => (a.ok ? a.data.ticket.number : a.error.code));
    await screen.until('hall:changed', 1);
    // The rest of the burst (if a tick boundary fell inside it) follows in at most one more frame.
    const deadline = Date.now() + 3000;
    while (screen.frames().flatMap((f) => f.deltas).length < 20 && Date.now() < deadline) {
      await new Promise((wake) => setTimeout(wake, 10));
    }
    const frames = screen.frames();
    const deltas = frames.flatMap((f) => f.deltas);
    expect(deltas).toHaveLength(20);
    expect(frames.length).toBeLessThanOrEqual(2);
    // In commit order: versions contiguous from the snapshot, numbers in the order they were given.
    expect(deltas.map((d) => d.version)).toEqual(deltas.map((_, i) => display.snapshot.version + 1 + i));
    expect(deltas.map((d) => (d.type === 'ticket:issued' ? d.ticket.number : '?'))).toEqual(
      [...numbers].sort(),
    );
    expect(frames[0]!.base).toBe(display.snapshot.version);
    if (frames[1]) expect(frames[1].base).toBe(frames[0]!.version);
    kiosk.close();
    display.close();
  });
});

describe('pacing', () => {
  let server: TestServer;

  beforeAll(async () => {
    // A long interval: the changes below certainly fall inside it however slow the machine.
    server = await startTestServer({ frameTickMs: 5, frameIntervalMs: 3000 });
  });
  afterAll(async () => {
    await server.close();
  });

  it('the first change after a quiet spell goes out at the next tick; the next ones wait for the interval and go as one frame', async () => {
    const kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey });
    const display = await connectClient(server.url, {
      role: 'display',
      deviceKey: server.credentials.displayKey,
    });
    const session = await login(server.url, 'admin', server.credentials.admin.password);
    const admin = await connectClient(server.url, { role: 'admin', sessionToken: session.token });
    const screens = { display: recorder(display.socket), admin: recorder(admin.socket) };
    const serviceA = kiosk.snapshot.services.find((s) => s.code === 'A')!.id;
    const issue = async () => {
      const ack = await emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
        requestId: newRequestId(),
        serviceId: serviceA,
      });
      if (!ack.ok) throw new Error(ack.error.code);
      return ack.data.ticket.number;
    };

    const first = await issue();
    await Promise.all([screens.display.until('hall:changed', 1), screens.admin.until('hall:changed', 1)]);
    // Two more changes, each answered at once, while both rooms are inside their interval…
    const second = await issue();
    const third = await issue();
    // …reach each room together once it is over, with nothing lost and versions contiguous.
    await Promise.all([
      screens.display.until('hall:changed', 2, 10_000),
      screens.admin.until('hall:changed', 2, 10_000),
    ]);

    const numbers = (frame: HallFrame) =>
      frame.deltas.map((d) => (d.type === 'ticket:issued' ? d.ticket.number : d.type));
    for (const room of [screens.display, screens.admin]) {
      const [one, two] = room.frames();
      expect(numbers(one!)).toEqual([first]);
      expect(numbers(two!)).toEqual([second, third]);
      expect(two!.base).toBe(one!.version);
      expect(two!.version).toBe(one!.version + 2);
    }
    kiosk.close();
    display.close();
    admin.close();
  });
});

describe('kiosk counts under a storm of changes', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('are read at most twice a second, and the last reading always arrives', async () => {
    const kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey });
    const watcher = await connectClient(server.url, {
      role: 'kiosk',
      deviceKey: server.credentials.kioskKey,
    });
    const screen = recorder(watcher.socket);
    const serviceA = kiosk.snapshot.services.find((s) => s.code === 'A')!.id;
    const waitingA = () => screen.queues().map((q) => q.queue.find((s) => s.serviceId === serviceA)!.waiting);
    const before = watcher.snapshot.queue.find((s) => s.serviceId === serviceA)!.waiting;
    for (let n = 0; n < 20; n += 1) {
      const ack = await emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
        requestId: newRequestId(),
        serviceId: serviceA,
      });
      if (!ack.ok) throw new Error(ack.error.code);
    }
    // The sentinel: the count after the twentieth ticket.
    const deadline = Date.now() + 10_000;
    while (waitingA().at(-1) !== before + 20 && Date.now() < deadline) {
      await new Promise((wake) => setTimeout(wake, 10));
    }
    expect(waitingA().at(-1)).toBe(before + 20);
    // Twenty changes, far fewer readings (one at once, then one per half second at most).
    expect(waitingA().length).toBeLessThan(20);
    expect(waitingA()).toEqual([...waitingA()].sort((a, b) => a - b));
    kiosk.close();
    watcher.close();
  });
});
