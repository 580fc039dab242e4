// The SQL shortcuts in the ticket repository must agree with the pure policy they stand in for:
// pickNext over `candidates` equals pickNext over the whole queue, and countAhead equals peopleAhead.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pickNext, type QueueWindow } from '@hall/shared/queue/policy';
import { peopleAhead } from '@hall/shared/queue/estimate';
import { openDatabase } from '../core/db/database';
import { createRepositories } from '../repositories';
import { seedHalls } from '../hall/seed';
import { testHallConfig } from '../../../test/support/testServer';

const DAY = '2026-11-28';

const ticketArb = fc.record({
  service: fc.integer({ min: 1, max: 3 }),
  priority: fc.constantFrom('normal', 'normal', 'elderly', 'disabled'),
  issuedAt: fc.integer({ min: 0, max: 200 }),
  requeued: fc.option(fc.integer({ min: 0, max: 250 })),
  target: fc.option(fc.constantFrom(1, 2)),
  state: fc.constantFrom('waiting', 'waiting', 'waiting', 'done', 'called'),
});

type ArbTicket = typeof ticketArb extends fc.Arbitrary<infer T> ? T : never;

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
    repos.tickets.insert({
      hallId: 1,
      serviceId: t.service,
      businessDay: DAY,
      sequence,
      number: `X${sequence}`,
      priorityClass: t.priority,
      proxy: false,
      proxyRelation: null,
      source: 'kiosk',
      sourceDeviceId: null,
      state: t.state as 'waiting',
      issuedAt: t.issuedAt * 60_000,
      orderKey: (t.requeued ?? t.issuedAt) * 60_000,
      calledAt: null,
      servingAt: null,
      finishedAt: null,
      windowId: null,
      staffId: null,
      targetWindowId: t.target,
      callCount: 0,
      marks: null,
      transferredFromId: null,
      statusToken: `token${sequence}${t.service}`,
      maskedIdNumber: null,
      requestId: null,
    });
  }
  return repos;
}

describe('ticket repository queue shortcuts', () => {
  it('pickNext over the candidates equals pickNext over the whole queue', () => {
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
          const window: QueueWindow = { id: 1, serviceIds, elderlyDedicated, normalStreak: streak };
          const rules = { mixRatio: 2, maxWaitMinutes: 45, elderlyWindowTakesOthers: takesOthers };
          const now = nowMinutes * 60_000;
          const all = repos.tickets.queue(1, DAY);
          const fromAll = pickNext(window, all, rules, now);
          const candidates = repos.tickets.candidates(
            1,
            DAY,
            { id: 1, serviceIds, normalOnlyIfTargeted: elderlyDedicated && !takesOthers },
            now - rules.maxWaitMinutes * 60_000,
          );
          const fromCandidates = pickNext(window, candidates, rules, now);
          expect(fromCandidates?.ticket.id ?? null).toBe(fromAll?.ticket.id ?? null);
          expect(fromCandidates?.reason ?? null).toBe(fromAll?.reason ?? null);
          repos.db.close();
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('countAhead equals peopleAhead for every waiting ticket', () => {
    fc.assert(
      fc.property(fc.array(ticketArb, { maxLength: 30 }), (tickets) => {
        const repos = loadQueue(tickets);
        const queue = repos.tickets.queue(1, DAY);
        for (const t of queue) {
          const stored = repos.tickets.find(1, t.id)!;
          expect(repos.tickets.countAhead(stored)).toBe(peopleAhead(t, queue));
        }
        repos.db.close();
      }),
      { numRuns: 200 },
    );
  });
});
