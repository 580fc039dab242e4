// Window staff: sign in over HTTP, claim and open their window, then work the queue — call next,
// start, finish — with the calls paced to a fixed hall-wide (or city-wide) rate. Beside them, each
// window's evaluator pad (hall profile) answers every question at once, as a visitor would.
import { epochNow } from './clock';
import {
  callNext,
  claimWindow,
  connect,
  connectEvaluator,
  rateAtPad,
  connectMany,
  finishServing,
  login,
  openWindow,
  startServing,
  type BenchSocket,
  type Outcome,
} from './benchSocket';
import type { CallRun, CallSent, Connected, ErrorCounts, EvaluatorRun, StaffLogin } from './protocol';
import { runSchedule } from './schedule';

const sumErrors = (errors: ErrorCounts): number => Object.values(errors).reduce((a, b) => a + b, 0);

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

function emptyEvaluatorRun(pads: number): EvaluatorRun {
  return { pads, prompts: 0, rated: 0, rateAckMs: [], errors: {} };
}

export function createStaffLoad() {
  let seats: Seat[] = [];
  let pads: BenchSocket[] = [];
  let disconnects = 0;
  let ratings = emptyEvaluatorRun(0);

  /** A pad answers each question at once: 非常满意, and every tenth 不满意 (等候太久). */
  function answer(pad: BenchSocket, ticketId: number): void {
    ratings.prompts++;
    const bad = ratings.prompts % 10 === 0;
    const sentAt = epochNow();
    void rateAtPad(pad, {
      ticketId,
      level: bad ? 'dissatisfied' : 'very_satisfied',
      reasons: bad ? ['waiting'] : [],
    }).then((outcome) => {
      ratings.rateAckMs.push(epochNow() - sentAt);
      if (outcome.ok) ratings.rated++;
      else ratings.errors[outcome.code] = (ratings.errors[outcome.code] ?? 0) + 1;
    });
  }

  return {
    async connect(url: string, staff: StaffLogin[], evaluatorKeys: string[]): Promise<Connected> {
      // Sign-ins verify scrypt hashes on the server: a few at a time, as staff arriving in the morning.
      seats = await connectMany(staff.length, (i) => sitDown(url, staff[i]!), 4);
      for (const seat of seats) seat.socket.on('disconnect', () => disconnects++);
      pads = (await connectMany(evaluatorKeys.length, (i) => connectEvaluator(url, evaluatorKeys[i]!))).map(
        (c) => c.socket,
      );
      for (const pad of pads) {
        pad.on('evaluator:prompt', (p) => answer(pad, p.ticketId));
        pad.on('disconnect', () => disconnects++);
      }
      return { sockets: seats.length + pads.length, hallIds: seats.map((s) => s.hallId) };
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

      ratings = emptyEvaluatorRun(pads.length);
      const t0 = epochNow();
      await runSchedule(ratePerSec, durationMs, () => {
        const seat = idle.shift();
        if (seat) pending.push(serveOne(seat));
        else missedSlots++;
      });
      await Promise.all(pending);
      if (disconnects > 0) errors.DISCONNECTED = disconnects;
      disconnects = 0;
      const elapsedMs = epochNow() - t0;
      // The last visitors' ratings are still on their way: wait for their answers (bounded).
      for (let i = 0; i < 100 && ratings.rated + sumErrors(ratings.errors) < ratings.prompts; i++)
        await new Promise((r) => setTimeout(r, 20));
      return { calls, callAckMs, errors, missedSlots, emptyQueue, elapsedMs, evaluators: ratings };
    },

    close(): void {
      for (const seat of seats) seat.socket.close();
      for (const pad of pads) pad.close();
      seats = [];
      pads = [];
    },
  };
}
