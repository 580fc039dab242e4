// Group commit on a real SQLite file: the changes of one event-loop turn commit in one transaction,
// a refused change undoes only itself (in the database and in memory), nothing is answered or
// published before COMMIT, and a storage failure leaves neither the database nor memory changed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '@hall/shared/contracts/errors';
import { issueTicketSchema } from '@hall/shared/contracts/schemas';
import { openDatabase, type Db } from './db/database';
import { createRepositories, type Repositories } from '../repositories';
import { seedHalls } from '../hall/seed';
import { testHallConfig } from '../../../test/support/testServer';
import { createLogger } from './logger';
import { createHallStates, type HallStates } from './hallState/hallStates';
import { createHallQueries } from '../hall/hallQueries';
import { createIssueService } from '../tickets/issueService';
import { createGroupCommit, type CommittedChange, type GroupCommit } from './groupCommit';

let dir: string;
let db: Db;
let repos: Repositories;
let states: HallStates;
let published: CommittedChange[][];
let groupCommit: GroupCommit;
let issue: ReturnType<typeof createIssueService>['issue'];
const actor = { hallId: 1, staffId: null, deviceId: 1 };

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hall-group-commit-'));
  db = openDatabase(path.join(dir, 'hall.sqlite'), { synchronous: 'NORMAL' });
  repos = createRepositories(db);
  const hall = testHallConfig().halls[0]!;
  seedHalls(repos, { halls: [{ ...hall, staff: [] }] });
  states = createHallStates(repos, Date.now);
  published = [];
  groupCommit = createGroupCommit({
    db,
    repos,
    states,
    sink: {
      committed: (changes) => {
        // Published only after COMMIT: the rows are already visible to a second connection.
        expect(db.inTransaction).toBe(false);
        published.push([...changes]);
      },
    },
    clock: Date.now,
    logger: createLogger({ level: 'silent' }),
  });
  issue = createIssueService(repos, groupCommit.run, createHallQueries(repos, states, Date.now)).issue;
});

afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const serviceA = () => repos.services.list(1).find((s) => s.code === 'A')!.id;
/** A kiosk's issue command, with the defaults the schema fills in. */
const command = (n: number, serviceId: number, priorityClass = 'normal') =>
  issueTicketSchema.parse({ requestId: `group-commit-test-${n}`, serviceId, priorityClass });
const ticketCount = () => db.prepare('SELECT COUNT(*) FROM tickets').pluck().get() as number;
const storedVersion = () => db.prepare('SELECT version FROM halls WHERE id = 1').pluck().get() as number;

describe('group commit', () => {
  it('commits the changes of one turn in one transaction; a refused one undoes only itself', async () => {
    const versionBefore = states.get(1).version;
    // Three commands in the same turn, the middle one refused (no such service).
    const outcomes = await Promise.allSettled([
      issue(actor, command(1, serviceA())),
      issue(actor, command(2, 999)),
      issue(actor, command(3, serviceA())),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const refused = outcomes[1] as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(DomainError);
    expect((refused.reason as DomainError).code).toBe('SERVICE_NOT_FOUND');
    expect(groupCommit.stats()).toEqual({ batches: 1, changes: 3 });

    // The database, the memory and the published deltas agree: two tickets, versions +1 each.
    expect(ticketCount()).toBe(2);
    expect(states.get(1).waitingTickets()).toHaveLength(2);
    expect(storedVersion()).toBe(versionBefore + 2);
    expect(states.get(1).version).toBe(versionBefore + 2);
    expect(published).toHaveLength(1);
    const versions = published[0]!.flatMap((c) => c.deltas.map((d) => d.delta.version));
    expect(versions).toEqual([versionBefore + 1, versionBefore + 2]);
    const numbers = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value.ticket.number] : []));
    expect(numbers).toEqual(['A001', 'A002']);
    // Each answer describes the queue as committed: the second ticket has the first ahead of it.
    expect(outcomes[0]!.status === 'fulfilled' && outcomes[0]!.value.peopleAhead).toBe(0);
    expect(outcomes[2]!.status === 'fulfilled' && outcomes[2]!.value.peopleAhead).toBe(1);
  });

  it('answers an issue from the queue as committed: an elderly ticket taken with it that goes first counts', async () => {
    for (let n = 10; n < 14; n += 1) await issue(actor, command(n, serviceA()));
    const alone = await issue(actor, command(14, serviceA()));
    // Four normal tickets ahead: every window that serves A (the two elderly windows take others
    // while no elderly visitor waits) calls one before it.
    expect(alone.peopleAhead).toBe(5 - 1);
    const [normal, elderly] = await Promise.all([
      issue(actor, command(15, serviceA())),
      issue(actor, command(16, serviceA(), 'elderly')),
    ]);
    // The elderly ticket, taken in the same group commit after it, goes first at an elderly window
    // and pushes one more call ahead of the normal ticket: its answer says so.
    expect(elderly.peopleAhead).toBe(0);
    expect(normal.peopleAhead).toBe(alone.peopleAhead + 2);
    const state = states.get(1);
    const stored = state.liveTicket(normal.ticket.id)!;
    expect(normal.peopleAhead).toBe(state.queuePlans(Date.now()).all().peopleAhead(stored));
  });

  it('changes of later turns are later transactions', async () => {
    await issue(actor, command(4, serviceA()));
    await issue(actor, command(5, serviceA()));
    expect(groupCommit.stats()).toEqual({ batches: 2, changes: 2 });
  });

  it('a change that fails with an unexpected error leaves the others committed', async () => {
    const outcomes = await Promise.allSettled([
      issue(actor, command(6, serviceA())),
      groupCommit.run(1, (ctx) => {
        ctx.emit({ type: 'ticket:issued', ticket: { ...states.get(1).waitingTickets()[0]!, id: 0 } });
        throw new Error('a bug in one command');
      }),
      issue(actor, command(7, serviceA())),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(ticketCount()).toBe(2);
    // The failed change's delta (and the version it took) are gone with it.
    const versions = published.flat().flatMap((c) => c.deltas.map((d) => d.delta.version));
    expect(versions).toEqual([versions[0], versions[0]! + 1]);
    expect(storedVersion()).toBe(versions[1]);
  });

  it('a write the disk refuses leaves the database and the memory as they were', async () => {
    await issue(actor, command(8, serviceA()));
    const before = JSON.stringify({
      tickets: ticketCount(),
      version: storedVersion(),
      live: states.get(1).liveTickets(),
    });
    db.pragma('query_only = 1');
    const outcomes = await Promise.allSettled([
      issue(actor, command(9, serviceA())),
      issue(actor, command(10, serviceA())),
    ]);
    db.pragma('query_only = 0');
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect((outcomes[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'SQLITE_READONLY' });
    expect(
      JSON.stringify({ tickets: ticketCount(), version: storedVersion(), live: states.get(1).liveTickets() }),
    ).toBe(before);
    // And the next write carries on with the numbering.
    const next = await issue(actor, command(11, serviceA()));
    expect(next.ticket.number).toBe('A002');
  });
});
