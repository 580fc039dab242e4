// Where the bench's server runs: one process on its SQLite file (a hall PC, as `npm start`), or the
// city deployment — `processes` server processes on one PostgreSQL database, in a throwaway cluster
// started from the installed binaries (test/pg/cluster.mjs) with durable commits (fsync on, as
// SQLite's synchronous FULL). The first process seeds the database and prints the device keys.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startCluster, type TestCluster } from '../pg/cluster.mjs';
import type { Profile } from './profiles';
import { childPids } from './procStats';
import { startServerChild, type DeviceKey, type ServerChild } from './serverProcess';

export type Backend = 'sqlite' | 'postgres';

export interface Deployment {
  backend: Backend;
  servers: ServerChild[];
  urls: string[];
  devices: DeviceKey[];
  /** The SQLite file or the postgres:// URL the servers use. */
  database: string;
  /** PostgreSQL's own processes (the postmaster and its backends) for CPU accounting; [] on SQLite. */
  databasePids(): number[];
  /** A fresh database in the same cluster for the direct-limit measurement (null on SQLite). */
  scratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> | null;
  /** Stops the server processes (the database stays readable for the checks). */
  stop(): Promise<void>;
  /** Removes everything: data folders, key files, the PostgreSQL cluster. */
  dispose(): void;
}

function removeData(servers: ServerChild[]): void {
  for (const s of servers) {
    fs.rmSync(s.dataDir, { recursive: true, force: true });
    fs.rmSync(`${s.dataDir}-keys`, { recursive: true, force: true });
  }
}

export interface DeploymentOptions {
  backend: Backend;
  processes: number;
  cpuProfileDir: string | null;
  bundle: string;
}

async function onMaintenance(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function startDeployment(profile: Profile, options: DeploymentOptions): Promise<Deployment> {
  const serverOptions = {
    config: profile.config,
    cpuProfileDir: options.cpuProfileDir,
    bundle: options.bundle,
  };
  if (options.backend === 'sqlite') {
    const server = await startServerChild(serverOptions);
    return {
      backend: 'sqlite',
      servers: [server],
      urls: [server.url],
      devices: server.devices,
      database: server.dbFile,
      databasePids: () => [],
      scratchDatabase: () => null,
      stop: () => server.stop(),
      dispose: () => removeData([server]),
    };
  }

  const cluster: TestCluster = await startCluster({
    // Durable like the hall's SQLite (synchronous FULL); enough connections for 3+ processes.
    settings: { fsync: 'on', full_page_writes: 'on', synchronous_commit: 'on', max_connections: 200 },
  });
  const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hall-bench-city-keys-'));
  const servers: ServerChild[] = [];
  try {
    await onMaintenance(cluster.url, 'CREATE DATABASE hall_bench');
    const database = withDatabase(cluster.url, 'hall_bench');
    const env = { DATABASE_URL: database, KEY_FILE: path.join(keyDir, 'field-keys.json') };
    for (let i = 0; i < options.processes; i += 1) {
      servers.push(
        await startServerChild({ ...serverOptions, env, expectedDevices: i === 0 ? undefined : 0 }),
      );
    }
    const postmaster = Number(
      fs.readFileSync(path.join(cluster.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0],
    );
    let scratch = 0;
    return {
      backend: 'postgres',
      servers,
      urls: servers.map((s) => s.url),
      devices: servers[0]!.devices,
      database,
      databasePids: () => [postmaster, ...childPids(postmaster)],
      scratchDatabase: async () => {
        const name = `hall_limit_${(scratch += 1)}`;
        await onMaintenance(cluster.url, `CREATE DATABASE ${name}`);
        return {
          url: withDatabase(cluster.url, name),
          drop: () => onMaintenance(cluster.url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
        };
      },
      async stop() {
        await Promise.all(servers.map((s) => s.stop()));
      },
      dispose() {
        cluster.stop();
        removeData(servers);
        fs.rmSync(keyDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await Promise.all(servers.map((s) => s.stop()));
    cluster.stop();
    removeData(servers);
    fs.rmSync(keyDir, { recursive: true, force: true });
    throw error;
  }
}
