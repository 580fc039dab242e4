// `npm run bench:reports` (or `npm run bench -- --reports`): history at scale, then reports while
// the hall works. For each scenario — one hall × 180 days at 500 tickets a day, and 50 halls × 180
// days at 200 a day — it writes the history through the server's own repositories, starts the
// server as `npm start` runs it (the esbuild bundle, WAL, synchronous FULL) and, while a kiosk
// issues 20 tickets a second and /api/health is polled, measures: the first report (which builds
// every closed day's rollup), warm reports and the CSV, issue-ack and health latency with and
// without a report running, and server RSS. Finally it computes the same report straight from
// the events (today's computation) and counts the figures that differ.
// Options: --quick (30 days), --scenario hall|city, --check-days N (straight check over the last
// N days only, for the city), --reuse <data folder> (a history written before, see below).
import { SERVER_NODE_ARGS, serverEnv } from '../../server/scripts/serverRuntime.mjs';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { HallReport } from '@hall/shared/contracts/admin';
import type { Result } from '@hall/shared/contracts/errors';
import { businessDay } from '@hall/shared/hallTime';
import { openDatabase } from '../../server/src/core/db/database';
import { keyFileBeside } from '../../server/src/core/crypto/keyFile';
import { createRepositories } from '../../server/src/repositories';
import { computeReport } from '../../server/src/reports/computeReport';
import { loadReportInput } from '../../server/src/reports/loadReportInput';
import { compareReports, countFigures } from '../../server/src/reports/compareReports';
import {
  connectAccount,
  connectClient,
  emitAck,
  login,
  newRequestId,
  type TestSocket,
} from '../support/clients';
import { BENCH_PASSWORD, type History } from './reportHistory';
import { memoryMb } from './procStats';
import { REPO_ROOT, RESULTS_DIR } from './paths';
import { summarize, type LatencySummary } from './stats';

interface Scenario {
  name: 'hall' | 'city';
  halls: number;
  days: number;
  ticketsPerDay: number;
}

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args[args.indexOf('--scenario') + 1];
/** A data folder holding a history written before (`tsx test/load/reportHistory.ts`), with its
 * printed History saved beside the database as history.json: used in place and kept. */
const reuse = args.includes('--reuse') ? args[args.indexOf('--reuse') + 1]! : null;
const checkDaysArg = args.includes('--check-days') ? Number(args[args.indexOf('--check-days') + 1]) : null;
const DAYS = quick ? 30 : 180;
const SCENARIOS: Scenario[] = [
  { name: 'hall', halls: 1, days: DAYS, ticketsPerDay: 500 },
  { name: 'city', halls: 50, days: DAYS, ticketsPerDay: 200 },
].filter((s) => !args.includes('--scenario') || s.name === only) as Scenario[];
const ISSUE_EVERY_MS = 50;
const HEALTH_EVERY_MS = 100;
const WINDOW_MS = 8_000;

/** A report of half a year of 50 halls built from nothing can take minutes: wait for it. */
function emitWithin<T>(
  socket: TestSocket,
  timeoutMs: number,
  event: string,
  payload: unknown,
): Promise<Result<T>> {
  const raw = socket as unknown as { timeout(ms: number): { emit(e: string, ...a: unknown[]): void } };
  return new Promise((resolve, reject) => {
    raw.timeout(timeoutMs).emit(event, payload, (error: Error | null, result: Result<T>) => {
      if (error) reject(error);
      else resolve(result);
    });
  });
}

const ms = (since: number) => Math.round((performance.now() - since) * 10) / 10;
const log = (line: string) => process.stdout.write(`${line}\n`);

function run(command: string, argv: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { cwd: REPO_ROOT, stdio: 'inherit' });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited ${code}`))));
  });
}

function historyRun(dbFile: string, s: Scenario, maxHalls: number): Promise<History> {
  return new Promise((resolve, reject) => {
    const argv = [dbFile, s.halls, s.days, s.ticketsPerDay, maxHalls].map(String);
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/load/reportHistory.ts', ...argv], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
      // Without npm's own variables: under `npm run` the writer crashed (SIGSEGV) on long histories
      // on this machine, and never without them.
      env: Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('npm_'))),
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code, signal) => {
      if (code === 0) resolve(JSON.parse(output.trim().split('\n').pop()!) as History);
      else reject(new Error(`history writer exited with ${code ?? signal}`));
    });
  });
}

/**
 * Writes the history in child processes of their own, ten halls each: millions of rows stay out of
 * this process, and a writer that dies (this machine has seen the native driver crash once in a
 * few million rows) costs only its unfinished hall, which is written again (each hall is one
 * transaction, and its history depends on the hall alone).
 */
async function writeHistoryInChild(dbFile: string, s: Scenario): Promise<History> {
  const total: History = {
    credentials: null,
    hallsLeft: s.halls,
    tickets: 0,
    events: 0,
    firstDay: '',
    lastDay: '',
  };
  let failures = 0;
  while (total.hallsLeft > 0 || !total.credentials) {
    let run: History;
    try {
      run = await historyRun(dbFile, s, 10);
    } catch (error) {
      if (++failures > 5) throw error;
      log(`  (${error instanceof Error ? error.message : String(error)}; writing the rest again)`);
      continue;
    }
    total.credentials ??= run.credentials;
    total.hallsLeft = run.hallsLeft;
    total.tickets += run.tickets;
    total.events += run.events;
    if (run.firstDay && (!total.firstDay || run.firstDay < total.firstDay)) total.firstDay = run.firstDay;
    if (run.lastDay > total.lastDay) total.lastDay = run.lastDay;
    if (!total.credentials) throw new Error('the first history run must seed the halls');
  }
  return total;
}

async function startServer(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    // Run as `npm start` runs it (server/scripts/serverRuntime.mjs).
    [...SERVER_NODE_ARGS, path.join(REPO_ROOT, 'dist/server/main.js')],
    {
      cwd: REPO_ROOT,
      env: serverEnv({
        ...process.env,
        DATA_DIR: dataDir,
        // The key the history writer sealed the home visits with (beside the data folder).
        KEY_FILE: keyFileBeside(dataDir),
        HOST: '127.0.0.1',
        PORT: '0',
        DB_SYNCHRONOUS: 'FULL',
        LOG_LEVEL: 'warn',
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  process.once('exit', () => child.kill('SIGKILL'));
  child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(`[server] ${chunk.toString()}`));
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const found = /(http:\/\/127\.0\.0\.1:\d+)\/console\//.exec(output);
      if (found) resolve(found[1]!);
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${output}`)));
  });
  child.stdout!.resume();
  return { url, child };
}

interface Sample {
  sentAt: number;
  ms: number;
}

/** Samples sent while one of the reports was running. */
const during = (samples: Sample[], reports: [number, number][]): number[] =>
  samples.filter((x) => reports.some(([a, b]) => x.sentAt >= a && x.sentAt <= b)).map((x) => x.ms);

/** A kiosk issuing at a steady rate and a health poller; both record their latencies. */
function startLoad(url: string, kiosk: TestSocket, serviceId: number) {
  const acks: Sample[] = [];
  const health: Sample[] = [];
  const issue = setInterval(() => {
    const t = performance.now();
    void emitAck(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId }).then(() =>
      acks.push({ sentAt: t, ms: ms(t) }),
    );
  }, ISSUE_EVERY_MS);
  const poll = setInterval(() => {
    const t = performance.now();
    void fetch(`${url}/api/health`)
      .then((r) => r.arrayBuffer())
      .then(() => health.push({ sentAt: t, ms: ms(t) }));
  }, HEALTH_EVERY_MS);
  return {
    /** Latencies of the whole window, or only of the samples sent while a report ran. */
    async stop(
      reports: [number, number][] | null,
    ): Promise<{ acks: LatencySummary; health: LatencySummary }> {
      clearInterval(issue);
      clearInterval(poll);
      // Let the answers in flight arrive.
      await new Promise((r) => setTimeout(r, 500));
      const pick = (samples: Sample[]) => (reports ? during(samples, reports) : samples.map((x) => x.ms));
      return { acks: summarize(pick(acks)), health: summarize(pick(health)) };
    },
  };
}

function sampleRss(pid: number) {
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, memoryMb(pid).rss)), 50);
  return () => {
    clearInterval(timer);
    return Math.max(peak, memoryMb(pid).rss);
  };
}

async function runScenario(s: Scenario) {
  log(`\n== ${s.name}: ${s.halls} hall(s) × ${s.days} days × ${s.ticketsPerDay} tickets/day ==`);
  const dataDir = reuse ?? fs.mkdtempSync(path.join(os.tmpdir(), 'hall-reports-bench-'));
  const dbFile = path.join(dataDir, 'hall.sqlite');
  try {
    const genStart = performance.now();
    // In a process of its own: millions of rows written in one go stay out of this one's heap.
    const history = reuse
      ? (JSON.parse(fs.readFileSync(path.join(dataDir, 'history.json'), 'utf8')) as History)
      : await writeHistoryInChild(dbFile, s);
    const genSeconds = Math.round(ms(genStart) / 100) / 10;
    const dbMb = Math.round(fs.statSync(dbFile).size / 2 ** 20);
    log(
      `history: ${history.tickets} tickets, ${history.events} events, ${history.firstDay}…${history.lastDay}, ${dbMb} MB, written in ${genSeconds} s`,
    );

    const kioskKey = history.credentials!.devices.find((d) => d.kind === 'kiosk')!.key;
    const reader = s.name === 'city' ? 'city' : 'h1admin';
    const today = businessDay(Date.now(), 'Asia/Shanghai');
    /** The server as `npm start` runs it, a kiosk and the reader's socket. */
    const boot = async () => {
      const { url, child } = await startServer(dataDir);
      const kiosk = await connectClient(url, { role: 'kiosk', deviceKey: kioskKey });
      const session = await login(url, reader, BENCH_PASSWORD);
      const socket = await connectAccount(url, { role: 'staff', sessionToken: session.token });
      return {
        url,
        pid: child.pid!,
        kiosk,
        socket,
        token: session.token,
        async stop() {
          kiosk.close();
          socket.close();
          child.kill('SIGTERM');
          await new Promise((r) => child.once('exit', r));
        },
      };
    };
    let server = await boot();
    const hallId = server.kiosk.snapshot.hall.id;
    const query = { from: history.firstDay, to: today, hallId: s.name === 'city' ? null : hallId };
    const intervals: [number, number][] = [];
    const report = async (): Promise<{ report: HallReport; ms: number }> => {
      const t = performance.now();
      const result = await emitWithin<HallReport>(server.socket, 15 * 60_000, 'admin:report', query);
      if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
      intervals.push([t, performance.now()]);
      return { report: result.data, ms: ms(t) };
    };
    /** Load for WINDOW_MS while `work` runs; latencies of the window, or of the reports' moments. */
    const window = async (work: () => Promise<void>, onlyDuringReports: boolean) => {
      intervals.length = 0;
      const load = startLoad(server.url, server.kiosk.socket, server.kiosk.snapshot.services[0]!.id);
      const started = performance.now();
      await work();
      while (performance.now() - started < WINDOW_MS) await new Promise((r) => setTimeout(r, 100));
      return load.stop(onlyDuringReports ? [...intervals] : null);
    };

    // The first report after an upgrade: every closed day is rolled up (once, in the worker).
    const idleCold = await window(async () => {}, false);
    const rssBeforeCold = memoryMb(server.pid).rss;
    const coldPeak = sampleRss(server.pid);
    let cold = 0;
    const duringCold = await window(async () => {
      cold = (await report()).ms;
    }, true);
    const coldRss = coldPeak();

    // Every day after: the rollups exist. A fresh server process, so its memory is measured afresh.
    await server.stop();
    server = await boot();
    const idle = await window(async () => {}, false);
    const rssBefore = memoryMb(server.pid).rss;
    const warmPeak = sampleRss(server.pid);
    const warm: number[] = [];
    let csvMs = 0;
    let csvBytes = 0;
    const duringWarm = await window(async () => {
      const started = performance.now();
      // A supervisor's pace, quickened: a report, a quarter of a second, the next one.
      while (performance.now() - started < WINDOW_MS - 1500) {
        warm.push((await report()).ms);
        await new Promise((r) => setTimeout(r, 250));
      }
      const t = performance.now();
      const hallParam = query.hallId ? `&hallId=${query.hallId}` : '';
      const response = await fetch(
        `${server.url}/api/admin/report.csv?from=${query.from}&to=${query.to}${hallParam}`,
        {
          headers: { Authorization: `Bearer ${server.token}` },
        },
      );
      csvBytes = (await response.arrayBuffer()).byteLength;
      csvMs = ms(t);
      intervals.push([t, performance.now()]);
    }, true);
    const warmRss = warmPeak();

    // The check: with the hall quiet, the report from rollups against the straight computation.
    const checkFrom =
      checkDaysArg !== null
        ? new Date(Date.parse(`${today}T00:00:00Z`) - checkDaysArg * 86_400_000).toISOString().slice(0, 10)
        : query.from;
    const checkQuery = { ...query, from: checkFrom };
    const viaRollups = await emitWithin<HallReport>(server.socket, 15 * 60_000, 'admin:report', checkQuery);
    if (!viaRollups.ok) throw new Error(viaRollups.error.message);
    const readDb = openDatabase(dbFile, { readonly: true });
    const straightStart = performance.now();
    const straight = computeReport(loadReportInput(createRepositories(readDb), checkQuery));
    const straightMs = ms(straightStart);
    readDb.close();
    const differences = compareReports(straight, viaRollups.data);
    await server.stop();

    const result = {
      scenario: s,
      history: { tickets: history.tickets, events: history.events, dbMb, genSeconds },
      reportMs: { cold, warm: summarize(warm), csv: csvMs, csvBytes, straightInBench: straightMs },
      rssMb: {
        before: rssBefore,
        peakWarm: warmRss,
        growthWarm: warmRss - rssBefore,
        beforeCold: rssBeforeCold,
        peakCold: coldRss,
        growthCold: coldRss - rssBeforeCold,
      },
      latency: { idle, duringWarm, idleCold, duringCold },
      check: {
        from: checkFrom,
        to: today,
        figures: countFigures(straight),
        differing: differences.length,
        sample: differences.slice(0, 10),
      },
      figures: {
        issued: viaRollups.data.issued,
        served: viaRollups.data.served,
        elderly: viaRollups.data.elderly.totalElderlyServices,
      },
    };
    printScenario(result);
    return result;
  } finally {
    if (!reuse) {
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(`${dataDir}-keys`, { recursive: true, force: true });
    }
  }
}

type ScenarioResult = Awaited<ReturnType<typeof runScenario>>;

function printScenario(r: ScenarioResult): void {
  const l = r.latency;
  const lat = (x: LatencySummary) => `${x.p50} / ${x.p99} / ${x.max} ms (${x.count})`;
  const row = (name: string, value: string, target = '') =>
    log(`  ${name.padEnd(52)} ${value.padEnd(34)} ${target}`);
  row(
    `report, rollups stored: median / max of ${r.reportMs.warm.count}`,
    `${r.reportMs.warm.p50} / ${r.reportMs.warm.max} ms`,
    r.scenario.name === 'city' ? 'target < 5000 ms' : 'target < 1000 ms',
  );
  row('CSV download, rollups stored', `${r.reportMs.csv} ms (${r.reportMs.csvBytes} bytes)`);
  row(
    'server RSS before → peak, rollups stored',
    `${r.rssMb.before} → ${r.rssMb.peakWarm} MB (+${r.rssMb.growthWarm})`,
    'growth < 100 MB',
  );
  row('issue ack p50 / p99 / max (n), no report', lat(l.idle.acks));
  row('issue ack p50 / p99 / max (n), during reports', lat(l.duringWarm.acks), 'p99 < no report + 50 ms');
  row('health p50 / p99 / max (n), no report', lat(l.idle.health));
  row('health p50 / p99 / max (n), during reports', lat(l.duringWarm.health));
  row('first report after upgrade (rolls up every day)', `${r.reportMs.cold} ms`);
  row(
    '  server RSS before → peak',
    `${r.rssMb.beforeCold} → ${r.rssMb.peakCold} MB (+${r.rssMb.growthCold})`,
  );
  row('  issue ack, no report / during it', `${lat(l.idleCold.acks)} / ${lat(l.duringCold.acks)}`);
  row('straight computation, in the bench process', `${r.reportMs.straightInBench} ms`);
  row(
    'figures differing from the straight computation',
    `${r.check.differing} of ${r.check.figures} (${r.check.from}…${r.check.to})`,
    'target 0',
  );
  for (const d of r.check.sample)
    log(`    ${d.path}: rollups ${JSON.stringify(d.actual)} ≠ events ${JSON.stringify(d.expected)}`);
}

async function main(): Promise<void> {
  log('building the server bundle (as npm start does)…');
  await run(process.execPath, ['server/build.mjs']);
  const results: ScenarioResult[] = [];
  for (const s of SCENARIOS) results.push(await runScenario(s));
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `reports-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify(
      { at: new Date().toISOString(), node: process.version, cpus: os.cpus().length, quick, results },
      null,
      2,
    ),
  );
  log(`\nresults: ${path.relative(REPO_ROOT, file)}`);
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
