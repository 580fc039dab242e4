// Window staff: sign in over HTTP, claim and open their window, then work the queue — call next,
// start, finish — with the calls paced to a fixed hall-wide (or city-wide) rate.
import { epochNow } from './clock';
import {
  callNext,
  claimWindow,
  connect,
  connectMany,
  finishServing,
  login,
  openWindow,
  startServing,
  type BenchSocket,
  type Outcome,
} from './benchSocket';
import type { CallRun, CallSent, Connected, ErrorCounts, StaffLogin } from './protocol';
import { runSchedule } from './schedule';

interface Seat {
  socket: BenchSocket;
  hallId: number;
}

function required<T>(outcome: Outcome<T>, what: string): T {
  if (!outcome.ok) throw new Error(`${what}: ${outcome.code}`);
  return outcome.data;
}

async function sitDown(url: string, staff: StaffLogin): Promise<Seat> {
  const session = await login(url, staff.username, staff.password);
  const { socket, snapshot } = await connect(url, { role: 'staff', sessionToken: session.token });
  const window = snapshot.windows.find((w) => w.number === staff.windowNumber);
  if (!window) throw new Error(`${staff.hallCode} has no window ${staff.windowNumber}`);
  required(await claimWindow(socket, window.id), `claim window ${staff.windowNumber}`);
  required(await openWindow(socket), `open window ${staff.windowNumber}`);
  return { socket, hallId: snapshot.hall.id };
}

export function createStaffLoad() {
  let seats: Seat[] = [];
  let disconnects = 0;

  return {
    async connect(url: string, staff: StaffLogin[]): Promise<Connected> {
      // Sign-ins verify scrypt hashes on the server: a few at a time, as staff arriving in the morning.
      seats = await connectMany(staff.length, (i) => sitDown(url, staff[i]!), 4);
      for (const seat of seats) seat.socket.on('disconnect', () => disconnects++);
      return { sockets: seats.length, hallIds: seats.map((s) => s.hallId) };
    },

    async callLoop(ratePerSec: number, durationMs: number): Promise<CallRun> {
      const calls: CallSent[] = [];
      const callAckMs: number[] = [];
      const errors: ErrorCounts = {};
      const count = (code: string) => (errors[code] = (errors[code] ?? 0) + 1);
      const idle = [...seats];
      const pending: Promise<void>[] = [];
      let missedSlots = 0;
      let emptyQueue = 0;

      const serveOne = async (seat: Seat): Promise<void> => {
        const sentAt = epochNow();
        const called = await callNext(seat.socket);
        callAckMs.push(epochNow() - sentAt);
        if (called.ok) {
          calls.push({ ticketId: called.data.id, hallId: seat.hallId, sentAt });
          const started = await startServing(seat.socket, called.data.id);
          if (!started.ok) count(`start:${started.code}`);
          const finished = await finishServing(seat.socket, called.data.id);
          if (!finished.ok) count(`finish:${finished.code}`);
        } else if (called.code === 'QUEUE_EMPTY') {
          emptyQueue++;
        } else {
          count(`callNext:${called.code}`);
        }
        idle.push(seat);
      };

      const t0 = epochNow();
      await runSchedule(ratePerSec, durationMs, () => {
        const seat = idle.shift();
        if (seat) pending.push(serveOne(seat));
        else missedSlots++;
      });
      await Promise.all(pending);
      if (disconnects > 0) errors.DISCONNECTED = disconnects;
      disconnects = 0;
      return { calls, callAckMs, errors, missedSlots, emptyQueue, elapsedMs: epochNow() - t0 };
    },

    close(): void {
      for (const seat of seats) seat.socket.close();
      seats = [];
    },
  };
}
