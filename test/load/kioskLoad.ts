// Kiosks issuing tickets: at a fixed offered rate, closed-loop (each kiosk waits for its ticket
// before the next visitor presses the button), or all at once in a burst.
import { epochNow } from './clock';
import { connectKiosk, connectMany, issueTicket, type BenchSocket } from './benchSocket';
import type { Connected, DeviceSockets, ErrorCounts, IssueRun } from './protocol';
import { runSchedule } from './schedule';

interface Kiosk {
  socket: BenchSocket;
  hallId: number;
  serviceIds: number[];
  issued: number;
}

export function createKioskLoad(tag: string) {
  let kiosks: Kiosk[] = [];
  let disconnects = 0;
  let requestCounter = 0;

  function newRun() {
    const run = { latenciesMs: [] as number[], errors: {} as ErrorCounts, ticketIds: [] as number[] };
    const t0 = epochNow();
    const issue = async (kiosk: Kiosk): Promise<void> => {
      // One visitor in five is elderly, as in the halls the design is modelled on.
      const priorityClass = kiosk.issued % 5 === 4 ? 'elderly' : 'normal';
      const serviceId = kiosk.serviceIds[kiosk.issued % kiosk.serviceIds.length]!;
      kiosk.issued++;
      const requestId = `bench-${tag}-${(requestCounter++).toString(36)}`;
      const sentAt = epochNow();
      const outcome = await issueTicket(kiosk.socket, { requestId, serviceId, priorityClass });
      if (outcome.ok) {
        run.latenciesMs.push(epochNow() - sentAt);
        run.ticketIds.push(outcome.data.ticket.id);
      } else {
        run.errors[outcome.code] = (run.errors[outcome.code] ?? 0) + 1;
      }
    };
    const finish = (maxSendLagMs: number): IssueRun => {
      if (disconnects > 0) run.errors.DISCONNECTED = disconnects;
      disconnects = 0;
      return { ...run, elapsedMs: epochNow() - t0, maxSendLagMs };
    };
    return { issue, finish };
  }

  return {
    async connect(url: string, devices: DeviceSockets[]): Promise<Connected> {
      const plan = devices.flatMap((d) => Array.from({ length: d.count }, () => d.key));
      const opened = await connectMany(plan.length, (i) => connectKiosk(url, plan[i]!));
      kiosks = opened.map(({ socket, snapshot }) => {
        socket.on('disconnect', () => disconnects++);
        return {
          socket,
          hallId: snapshot.hall.id,
          serviceIds: snapshot.services.filter((s) => s.enabled).map((s) => s.id),
          issued: 0,
        };
      });
      return { sockets: kiosks.length, hallIds: kiosks.map((k) => k.hallId) };
    },

    async openLoop(ratePerSec: number, durationMs: number): Promise<IssueRun> {
      const run = newRun();
      const pending: Promise<void>[] = [];
      let next = 0;
      const { maxLagMs } = await runSchedule(ratePerSec, durationMs, () => {
        pending.push(run.issue(kiosks[next++ % kiosks.length]!));
      });
      await Promise.all(pending);
      return run.finish(maxLagMs);
    },

    /** Each of the first `sockets` kiosks issues again as soon as its ticket is acknowledged. */
    async closedLoop(durationMs: number, sockets: number): Promise<IssueRun> {
      const run = newRun();
      const end = epochNow() + durationMs;
      await Promise.all(
        kiosks.slice(0, sockets).map(async (kiosk) => {
          while (epochNow() < end) await run.issue(kiosk);
        }),
      );
      return run.finish(0);
    },

    async burst(count: number): Promise<IssueRun> {
      const run = newRun();
      const pending: Promise<void>[] = [];
      for (let i = 0; i < count; i++) pending.push(run.issue(kiosks[i % kiosks.length]!));
      await Promise.all(pending);
      return run.finish(0);
    },

    close(): void {
      for (const k of kiosks) k.socket.close();
      kiosks = [];
    },
  };
}
