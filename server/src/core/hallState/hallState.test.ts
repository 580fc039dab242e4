// The hall's hot state stands in for the database on every command: rebuilt from the database (as
// after a restart) it must hold exactly the day's live tickets, call-next and "people ahead" over
// it must equal the pure policy over the database's waiting tickets, and a change undone through
// its journal must leave it exactly as before.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pickNext, type QueueTicket, type QueueWindow } from '@hall/shared/queue/policy';
import { planCalls } from '@hall/shared/queue/callPlan';
import type { RequeueHold } from '@hall/shared/queue/requeueHold';
import { openDatabase } from '../db/database';
import { createRepositories, type Repositories } from '../../repositories';
import { seedHalls } from '../../hall/seed';
import { testHallConfig } from '../../../../test/support/testServer';
import { peopleAheadOf } from '../../hall/queueFigures';
import { loadHallState } from './hallStates';
import { Journal } from './journal';
import type { NewTicket } from '../../tickets/ticketRepository';

const DAY = '2026-11-28';
/** Noon in Shanghai on DAY: the state's business day. */
const NOON = Date.UTC(2026, 10, 28, 4);

/** The waiting tickets as the database holds them: the truth the memory must match. */
function waitingInDatabase(repos: Repositories): QueueTicket[] {
  return repos.db
    .prepare(
      "SELECT id, service_id, priority_class, issued_at, order_key, sequence, target_window_id, requeue_hold_json FROM tickets WHERE state = 'waiting' AND business_day = ?",
    )
    .all(DAY)
    .map((r) => {
      const row = r as Record<string, number | string | null>;
      return {
        id: row.id as number,
        serviceId: row.service_id as number,
        priorityClass: row.priority_class as string,
        issuedAt: row.issued_at as number,
        orderKey: row.order_key as number,
        sequence: row.sequence as number,
        targetWindowId: row.target_window_id as number | null,
        requeueHold: row.requeue_hold_json
          ? (JSON.parse(row.requeue_hold_json as string) as RequeueHold)
          : null,
      };
    });
}

/** The windows as the database holds them, in number order (the plans' turn order). */
function windowsInDatabase(repos: Repositories): (QueueWindow & { state: string })[] {
  return repos.windows.list(1).sort((a, b) => a.number - b.number);
}

const ticketArb = fc.record({
  service: fc.integer({ min: 1, max: 3 }),
  priority: fc.constantFrom('normal', 'normal', 'elderly', 'disabled'),
  issuedAt: fc.integer({ min: 0, max: 200 }),
  requeued: fc.option(fc.integer({ min: 0, max: 250 })),
  /** A returned no-show's hold: some earlier ticket ids, places left. */
  hold: fc.option(
    fc.record({
      before: fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { maxLength: 4 }),
      left: fc.nat({ max: 3 }),
    }),
  ),
  target: fc.option(fc.constantFrom(1, 2)),
  state: fc.constantFrom('waiting', 'waiting', 'waiting', 'done', 'called'),
});

type ArbTicket = typeof ticketArb extends fc.Arbitrary<infer T> ? T : never;

/** A waiting normal kiosk ticket of the test day, with the fields a test sets. */
function newTicket(
  fields: Pick<NewTicket, 'serviceId' | 'sequence' | 'statusToken'> & Partial<NewTicket>,
): NewTicket {
  return {
    hallId: 1,
    businessDay: DAY,
    number: `T${fields.sequence}`,
    priorityClass: 'normal',
    proxy: false,
    proxyRelation: null,
    source: 'kiosk',
    sourceDeviceId: null,
    state: 'waiting',
    issuedAt: NOON,
    orderKey: NOON,
    calledAt: null,
    servingAt: null,
    finishedAt: null,
    windowId: null,
    staffId: null,
    targetWindowId: null,
    callCount: 0,
    marks: null,
    transferredFromId: null,
    maskedIdNumber: null,
    requestId: null,
    requeueHold: null,
    ...fields,
  };
}

function loadQueue(tickets: ArbTicket[]) {
  const db = openDatabase(':memory:');
  const repos = createRepositories(db);
  // No accounts or devices: their scrypt hashing would dominate hundreds of runs.
  const hall = testHallConfig().halls[0]!;
  seedHalls(repos, { halls: [{ ...hall, staff: [], devices: [] }] });
  const sequences = new Map<number, number>();
  for (const t of tickets) {
    const sequence = (sequences.get(t.service) ?? 0) + 1;
    sequences.set(t.service, sequence);
    repos.tickets.insert(
      newTicket({
        serviceId: t.service,
        sequence,
        number: `X${sequence}`,
        priorityClass: t.priority,
        state: t.state as 'waiting',
        issuedAt: t.issuedAt * 60_000,
        orderKey: (t.requeued ?? t.issuedAt) * 60_000,
        targetWindowId: t.target,
        statusToken: `token${sequence}${t.service}`,
        requeueHold: t.hold ? { before: [...t.hold.before].sort((a, b) => a - b), left: t.hold.left } : null,
      }),
    );
  }
  return repos;
}

describe('hall hot state', () => {
  it('rebuilt from the database, holds exactly the live tickets of the day', () => {
    fc.assert(
      fc.property(fc.array(ticketArb, { maxLength: 40 }), (tickets) => {
        const repos = loadQueue(tickets);
        const state = loadHallState(repos, 1, NOON);
        const live = repos.db
          .prepare(
            "SELECT id FROM tickets WHERE business_day = ? AND state IN ('waiting','called','serving','no_show') ORDER BY id",
          )
          .pluck()
          .all(DAY);
        expect(state.liveTickets().map((t) => t.id)).toEqual(live);
        expect(
          state
            .waitingTickets()
            .map((t) => t.id)
            .sort((a, b) => a - b),
        ).toEqual(
          waitingInDatabase(repos)
            .map((t) => t.id)
            .sort((a, b) => a - b),
        );
        repos.db.close();
      }),
      { numRuns: 200 },
    );
  });

  it('call-next over memory equals pickNext over the database’s waiting tickets', () => {
    fc.assert(
      fc.property(
        fc.array(ticketArb, { maxLength: 40 }),
        fc.subarray([1, 2, 3], { minLength: 1 }),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 100, max: 400 }),
        (tickets, serviceIds, elderlyDedicated, takesOthers, streak, nowMinutes) => {
          const repos = loadQueue(tickets);
          const state = loadHallState(repos, 1, NOON);
          const window: QueueWindow = { id: 1, serviceIds, elderlyDedicated, normalStreak: streak };
          const rules = { mixRatio: 2, maxWaitMinutes: 45, elderlyWindowTakesOthers: takesOthers };
          const now = nowMinutes * 60_000;
          const fromDatabase = pickNext(window, waitingInDatabase(repos), rules, now);
          const fromMemory = pickNext(window, state.waitingTickets(), rules, now);
          expect(fromMemory?.ticket.id ?? null).toBe(fromDatabase?.ticket.id ?? null);
          expect(fromMemory?.reason ?? null).toBe(fromDatabase?.reason ?? null);
          repos.db.close();
        },
      ),
      { numRuns: 500 },
    );
  });

  it('people ahead from memory equals the call plan over the database for every waiting ticket', () => {
    fc.assert(
      fc.property(
        fc.array(ticketArb, { maxLength: 30 }),
        fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
        (tickets, open) => {
          const repos = loadQueue(tickets);
          for (const w of repos.windows.list(1)) {
            if (open[w.number - 1]) repos.windows.save({ ...w, state: 'open' });
          }
          const state = loadHallState(repos, 1, NOON);
          const truth = waitingInDatabase(repos);
          const windows = windowsInDatabase(repos);
          const rules = repos.halls.rules(1);
          const openPlan = planCalls(
            windows.filter((w) => w.state === 'open'),
            truth,
            rules,
            NOON,
          );
          const allPlan = planCalls(windows, truth, rules, NOON);
          for (const t of truth) {
            const expected = openPlan.peopleAhead(t) ?? allPlan.peopleAhead(t) ?? 0;
            expect(peopleAheadOf(state, state.liveTicket(t.id)!, NOON)).toBe(expected);
          }
          repos.db.close();
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps its plans current through a burst of new tickets, and drops them when the burst is undone', () => {
    fc.assert(
      fc.property(
        fc.array(ticketArb, { maxLength: 20 }),
        fc.array(fc.record({ service: fc.integer({ min: 1, max: 3 }), elderly: fc.boolean() }), {
          minLength: 1,
          maxLength: 12,
        }),
        (tickets, arrivals) => {
          const repos = loadQueue(tickets);
          for (const w of repos.windows.list(1)) repos.windows.save({ ...w, state: 'open' });
          const state = loadHallState(repos, 1, NOON);
          state.queuePlans(NOON);
          const journal = new Journal();
          state.attach(journal);
          const before = state.waitingTickets().map((t) => [t.id, peopleAheadOf(state, t, NOON)]);
          arrivals.forEach((a, n) => {
            const template = state.liveTickets()[0];
            if (!template) return;
            state.putTicket({
              ...template,
              id: 1000 + n,
              serviceId: a.service,
              priorityClass: a.elderly ? 'elderly' : 'normal',
              state: 'waiting',
              issuedAt: NOON,
              orderKey: NOON,
              sequence: 1000 + n,
              targetWindowId: null,
              requeueHold: null,
            });
            const windows = windowsInDatabase(repos).map((w) => ({ ...w, state: 'open' }));
            const fresh = planCalls(windows, state.waitingTickets(), repos.halls.rules(1), NOON);
            for (const t of state.waitingTickets())
              expect(peopleAheadOf(state, t, NOON)).toBe(fresh.peopleAhead(t) ?? 0);
          });
          journal.undo();
          state.detach();
          expect(state.waitingTickets().map((t) => [t.id, peopleAheadOf(state, t, NOON)])).toEqual(before);
          repos.db.close();
        },
      ),
      { numRuns: 150 },
    );
  });

  it("finds a transferred visitor's newest live ticket by the token both tickets carry", () => {
    const repos = loadQueue([]);
    const state = loadHallState(repos, 1, NOON);
    const journal = new Journal();
    state.attach(journal);
    const ticket = (sequence: number, serviceId: number, statusToken: string) =>
      repos.tickets.insert(newTicket({ serviceId, sequence, statusToken }));
    const first = ticket(1, 1, 'visitor');
    const other = ticket(2, 1, 'someone-else');
    state.putTicket(first);
    state.putTicket(other);
    expect(state.liveTicketByToken('visitor')?.id).toBe(first.id);
    // The transfer: a second live ticket with the visitor's token, the first one being served.
    const second = ticket(3, 2, 'visitor');
    state.putTicket({ ...first, state: 'serving' });
    state.putTicket(second);
    expect(state.liveTicketByToken('visitor')?.id).toBe(second.id);
    state.putTicket({ ...first, state: 'done' });
    expect(state.liveTicketByToken('visitor')?.id).toBe(second.id);
    state.putTicket({ ...second, state: 'done' });
    expect(state.liveTicketByToken('visitor')).toBeNull();
    expect(state.liveTicketByToken('someone-else')?.id).toBe(other.id);
    journal.undo();
    expect(state.liveTicketByToken('visitor')).toBeNull();
    state.detach();
    repos.db.close();
  });

  it('undoes a change exactly: tickets, windows, version, service times', () => {
    const repos = loadQueue([
      {
        service: 1,
        priority: 'normal',
        issuedAt: 10,
        requeued: null,
        hold: null,
        target: null,
        state: 'waiting',
      },
      {
        service: 1,
        priority: 'elderly',
        issuedAt: 11,
        requeued: null,
        hold: null,
        target: null,
        state: 'called',
      },
    ]);
    const state = loadHallState(repos, 1, NOON);
    const picture = () =>
      JSON.stringify({
        live: state.liveTickets(),
        windows: state.windows(),
        version: state.version,
        average: state.averageMinutes(1),
        // The indexes commands read move with the tickets.
        waiting: [...state.waitingOf(1)].map((t) => t.id),
        waitingCount: state.waitingCount(1),
        byToken: state.liveTickets().map((t) => state.liveTicketByToken(t.statusToken)?.id),
      });
    const before = picture();
    const journal = new Journal();
    state.attach(journal);
    const [waiting, called] = state.liveTickets();
    state.putTicket({ ...waiting!, state: 'called' });
    state.putTicket({ ...called!, state: 'done' });
    state.putWindow({ ...state.windows()[0]!, state: 'open' });
    for (let i = 0; i < 5; i += 1) state.recordServiceMinutes(1, 42);
    state.nextVersion();
    expect(state.liveTickets()).toHaveLength(1);
    expect(state.waitingCount(1)).toBe(0);
    expect(state.averageMinutes(1)).toBe(42);
    journal.undo();
    state.detach();
    expect(picture()).toBe(before);
    // Outside a change the state refuses to change: memory moves only with the database.
    expect(() => state.nextVersion()).toThrow(/outside a change/);
    repos.db.close();
  });
});
