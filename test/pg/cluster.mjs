// A throwaway PostgreSQL cluster from the installed binaries (Debian: /usr/lib/postgresql/<v>/bin),
// in a temporary folder the postgres user can write, on a free port of 127.0.0.1. As root the
// binaries run as the postgres user (PostgreSQL refuses root). Used by `npm run test:pg` and the
// PostgreSQL benchmark; removed again by stop().
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export function findPgBin() {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(
      'PostgreSQL binaries not found (apt-get install postgresql, or set PG_BIN to the folder holding initdb and pg_ctl)',
    );
  }
  return path.join(root, versions[0], 'bin');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a cluster; returns its URL and how to restart or stop it. `settings` are extra `-c` options.
 * fsync is off (a killed server process, or PostgreSQL stopped with -m immediate, still loses
 * nothing: the writes are in the operating system's cache; only a machine crash would).
 */
export async function startCluster({ settings = {} } = {}) {
  const bin = findPgBin();
  const asRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hall-pg-'));
  const data = path.join(dir, 'data');
  const sockets = path.join(dir, 'sockets');
  fs.mkdirSync(sockets);
  if (asRoot) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  const run = (tool, args) => {
    const file = path.join(bin, tool);
    const [command, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
    return execFileSync(command, argv, { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir }).toString();
  };
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale', 'C']);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${sockets}`,
    '-c listen_addresses=127.0.0.1',
    '-c fsync=off',
    '-c full_page_writes=off',
    '-c max_connections=400',
    ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`),
  ].join(' ');
  const log = path.join(dir, 'postgres.log');
  const ctl = (...args) => run('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', ...args]);
  ctl('-o', options, 'start');
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    dir,
    /** How a test restarts the cluster (see test/pg/README.md): the same binary, data and options. */
    env: {
      HALL_TEST_PG_URL: url,
      HALL_TEST_PG_CTL: JSON.stringify({ bin, data, log, options, asRoot }),
    },
    /** Stops PostgreSQL (fast: open sessions are cut off), keeping the data, to start it again. */
    halt() {
      ctl('-m', 'fast', 'stop');
    },
    /** Starts it again on the same port after halt(). */
    resume() {
      ctl('-o', options, 'start');
    },
    stop() {
      try {
        ctl('-m', 'immediate', 'stop');
      } catch {
        // Already stopped.
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
