// A fresh PostgreSQL database per test server when the suite runs on PostgreSQL (`npm run test:pg`
// sets HALL_TEST_PG_URL to its throwaway cluster); dropped again when the test is done.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The throwaway cluster's maintenance database, or undefined when the suite runs on SQLite. */
export const TEST_PG_URL = process.env.HALL_TEST_PG_URL || undefined;

export interface TestPgDatabase {
  url: string;
  drop(): Promise<void>;
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

export async function createTestPgDatabase(maintenanceUrl: string): Promise<TestPgDatabase> {
  const name = `hall_test_${randomBytes(6).toString('hex')}`;
  await onMaintenance(maintenanceUrl, `CREATE DATABASE ${name}`);
  const url = new URL(maintenanceUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    // FORCE: a server process killed in the test may have left a connection PostgreSQL still counts.
    drop: () => onMaintenance(maintenanceUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
