// CPU time and memory of another process, read from /proc (Linux). The server child is measured
// from outside so the bench adds no code to the server.
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';

let ticksPerSecond: number | null = null;

function clockTicks(): number {
  if (ticksPerSecond === null) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** User + system CPU seconds the process has used so far. */
export function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at field 3 (state).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return (utime + stime) / clockTicks();
}

export interface MemoryMb {
  rss: number;
  /** Peak resident set size since the process started (VmHWM). */
  peakRss: number;
}

export function memoryMb(pid: number): MemoryMb {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: Math.round(kb('VmRSS') / 1024), peakRss: Math.round(kb('VmHWM') / 1024) };
}

export interface CpuWindow {
  /** CPU used over the window as a share of one core, in per cent (200 % = both cores of two). */
  percentOfOneCore: number;
  cpuSeconds: number;
  wallSeconds: number;
}

/** Starts measuring; call the returned function to end the window. */
export function startCpuWindow(pid: number): () => CpuWindow {
  const cpu0 = cpuSeconds(pid);
  const t0 = Date.now();
  return () => {
    const used = cpuSeconds(pid) - cpu0;
    const wall = (Date.now() - t0) / 1000;
    return {
      percentOfOneCore: Math.round((used / wall) * 1000) / 10,
      cpuSeconds: Math.round(used * 100) / 100,
      wallSeconds: Math.round(wall * 100) / 100,
    };
  };
}

/** CPU seconds the whole machine has been busy (all cores; everything but idle and I/O wait). */
export function machineBusySeconds(): number {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  // cpu  user nice system idle iowait irq softirq steal …
  const f = line.trim().split(/\s+/).slice(1).map(Number);
  const busy = [0, 1, 2, 5, 6, 7].reduce((sum, i) => sum + (f[i] ?? 0), 0);
  return busy / clockTicks();
}

/**
 * Measures how much CPU processes other than ours used during a window: other work on the machine
 * competes with the server and makes every figure worse, so the result says how much there was.
 */
export function startForeignLoadWindow(ourPids: () => number[]): () => number {
  const ours = () => ourPids().reduce((sum, pid) => sum + safeCpuSeconds(pid), 0) + ownCpuSeconds();
  const busy0 = machineBusySeconds();
  const ours0 = ours();
  const t0 = Date.now();
  return () => {
    const foreign = machineBusySeconds() - busy0 - (ours() - ours0);
    return Math.max(0, Math.round((foreign / ((Date.now() - t0) / 1000)) * 1000) / 10);
  };
}

function safeCpuSeconds(pid: number): number {
  try {
    return cpuSeconds(pid);
  } catch {
    return 0;
  }
}

function ownCpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

export interface ThreadStates {
  /** Running or waiting for a CPU (state R), in % of samples. */
  runnable: number;
  /** Blocked in the kernel on I/O — for this server, the fsync of each commit (state D). */
  diskWait: number;
  /** Waiting for events (state S): the server had nothing to do. */
  idle: number;
  samples: number;
}

/**
 * Samples the state of the process's main thread (where all JavaScript and every synchronous
 * SQLite call run) every couple of milliseconds. CPU time alone hides the time the thread spends
 * blocked in fsync, or runnable while other processes hold both cores.
 */
export function startStateSampler(pid: number, everyMs = 2): () => ThreadStates {
  const counts = { R: 0, D: 0, S: 0 };
  let samples = 0;
  const timer = setInterval(() => {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const state = stat[stat.lastIndexOf(')') + 2];
      samples++;
      if (state === 'R' || state === 'D' || state === 'S') counts[state]++;
    } catch {
      // The process is gone; the window ends with what was sampled.
    }
  }, everyMs);
  return () => {
    clearInterval(timer);
    const pct = (n: number) => (samples ? Math.round((n / samples) * 1000) / 10 : NaN);
    return { runnable: pct(counts.R), diskWait: pct(counts.D), idle: pct(counts.S), samples };
  };
}

/** The processes whose parent is `pid` (PostgreSQL's backends under its postmaster). */
export function childPids(pid: number): number[] {
  const children: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Field 4 (ppid) comes after the command name, which may hold spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return children;
}

/** CPU of several processes together over a window; a process that ended counts what it used until then. */
export function startCpuWindowOf(pids: () => number[]): () => CpuWindow {
  const start = new Map(pids().map((pid) => [pid, safeCpuSeconds(pid)]));
  const t0 = Date.now();
  return () => {
    let used = 0;
    for (const pid of new Set([...start.keys(), ...pids()])) {
      const now = safeCpuSeconds(pid);
      used += Math.max(0, now - (start.get(pid) ?? 0));
    }
    const wall = (Date.now() - t0) / 1000;
    return {
      percentOfOneCore: Math.round((used / wall) * 1000) / 10,
      cpuSeconds: Math.round(used * 100) / 100,
      wallSeconds: Math.round(wall * 100) / 100,
    };
  };
}
