// `npm run bench [-- --profile hall|city|all] [--quick] [--cpu-prof] [--no-evaluators]`
// `npm run bench -- --backend postgres --processes 3 [--quick]`: the city profile twice, side by
// side — one process on SQLite, and N processes on one PostgreSQL database (a throwaway cluster).
// Measures the real server (its own process, run from its bundle as `npm start` runs it, production
// database settings) driven by real Socket.IO clients in other processes on 127.0.0.1, against two
// limits of this machine measured in the same run — the durable SQLite write and a bare Socket.IO
// fan-out — and writes bench-results/bench-<timestamp>.json plus a table with each target as a
// ratio and a verdict.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { RESULTS_DIR, REPO_ROOT } from './paths';
import { buildProfile, type ProfileName } from './profiles';
import { evaluate, renderTable } from './report';
import type { BenchResult, ProfileResult } from './results';
import { runProfile, type PhasePlan } from './scenario';

const FULL: PhasePlan = {
  warmupMs: 2000,
  issueRatePerSec: 200,
  issueRateMs: 8000,
  closedLoopMs: 6000,
  burstCount: 500,
  callsPerSec: 50,
  callsMs: 12_000,
  limitMs: 2000,
  baselineMs: 4000,
};
const QUICK: PhasePlan = {
  ...FULL,
  warmupMs: 500,
  issueRateMs: 2000,
  closedLoopMs: 1500,
  burstCount: 300,
  callsMs: 3000,
  limitMs: 700,
  baselineMs: 2000,
};

function options(): BenchResult['options'] {
  const { values } = parseArgs({
    options: {
      profile: { type: 'string', default: 'all' },
      quick: { type: 'boolean', default: false },
      'cpu-prof': { type: 'boolean', default: false },
      // The hall without its window evaluator pads: the same run as before issue 16, to compare.
      'no-evaluators': { type: 'boolean', default: false },
      backend: { type: 'string', default: 'sqlite' },
      processes: { type: 'string', default: '3' },
    },
  });
  const backend = values.backend;
  if (backend !== 'sqlite' && backend !== 'postgres') {
    throw new Error(`--backend must be sqlite or postgres (got ${backend})`);
  }
  const processes = Number(values.processes);
  if (!Number.isInteger(processes) || processes < 1 || processes > 6) {
    throw new Error(`--processes must be 1 to 6 (got ${values.processes})`);
  }
  if (backend === 'postgres') {
    // The city deployment's profile, on both backends (the issue's side-by-side comparison).
    return {
      profiles: ['city'],
      quick: values.quick,
      cpuProfile: values['cpu-prof'],
      evaluators: !values['no-evaluators'],
      backend,
      processes,
    };
  }
  const profile = values.profile;
  if (profile !== 'hall' && profile !== 'city' && profile !== 'all') {
    throw new Error(`--profile must be hall, city or all (got ${profile})`);
  }
  const profiles: ProfileName[] = profile === 'all' ? ['hall', 'city'] : [profile];
  return {
    profiles,
    quick: values.quick,
    cpuProfile: values['cpu-prof'],
    evaluators: !values['no-evaluators'],
  };
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const opts = options();
  const started = new Date();
  const stamp = started.toISOString().replace(/[:.]/g, '-');
  const plan = opts.quick ? QUICK : FULL;
  const log = (line: string) => console.log(line);
  fs.mkdirSync(RESULTS_DIR, { recursive: true });

  const loadAverages = os.loadavg().map((n) => Math.round(n * 100) / 100) as [number, number, number];
  log(
    `bench: ${opts.profiles.join(' + ')}${opts.quick ? ' (quick)' : ''}; load average ${loadAverages.join(' / ')}`,
  );
  // The server runs as `npm start` runs it: the esbuild bundle, rebuilt when its sources changed.
  execFileSync(process.execPath, ['server/build.mjs'], { cwd: REPO_ROOT, stdio: 'inherit' });
  const bundle = path.join(REPO_ROOT, 'dist', 'server', 'main.js');
  const profiles: ProfileResult[] = [];
  const runs = opts.profiles.flatMap((name) => [
    { name, backend: 'sqlite' as const, processes: 1 },
    ...(opts.backend === 'postgres'
      ? [{ name, backend: 'postgres' as const, processes: opts.processes ?? 3 }]
      : []),
  ]);
  for (const { name, backend, processes } of runs) {
    log(`profile ${name}${backend === 'postgres' ? ` on PostgreSQL, ${processes} server processes` : ''}:`);
    const cpuDir = opts.cpuProfile ? path.join(RESULTS_DIR, `profile-${stamp}`, `${name}-${backend}`) : null;
    profiles.push(
      await runProfile(
        buildProfile(name, opts.quick, opts.evaluators),
        plan,
        { cpuProfileDir: cpuDir, bundle, backend, processes },
        log,
      ),
    );
    if (cpuDir) log(`  server CPU profile: ${cpuDir}`);
  }

  const cpus = os.cpus();
  const partial = {
    startedAt: started.toISOString(),
    commit: git(['rev-parse', '--short', 'HEAD']),
    dirtyTree: git(['status', '--porcelain']).length > 0,
    machine: {
      cores: cpus.length,
      cpuModel: cpus[0]?.model.trim() ?? 'unknown',
      nodeVersion: process.version,
      platform: `${os.platform()} ${os.release()}`,
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
    },
    options: opts,
    loadAverages,
    profiles,
    durationSeconds: Math.round((Date.now() - started.getTime()) / 1000),
  };
  const result: BenchResult = { ...partial, targets: evaluate(partial) };
  const file = path.join(RESULTS_DIR, `bench-${stamp}.json`);
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);

  log('');
  log(renderTable(result));
  const missed = result.targets.filter((t) => !t.met);
  log('');
  log(
    missed.length === 0
      ? 'All targets met.'
      : `Targets not met: ${missed.map((t) => `${t.profile}: ${t.target} (${t.measured})`).join('; ')}`,
  );
  log(`Result: ${path.relative(process.cwd(), file)} (${result.durationSeconds} s)`);
}

// Exit through process.exit so the server child is killed on the way out (see serverProcess.ts).
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

if (process.argv.includes('--reports')) {
  // `npm run bench -- --reports`: the reports benchmark instead (test/load/reportsBench.ts runs itself).
  await import('./reportsBench');
} else {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  });
}
