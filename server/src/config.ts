// The server's own settings, from the environment, validated once at start.
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { LOG_LEVELS } from './core/logger';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('data'),
  /** A hall configuration JSON file; without one the demo hall is created on first start. */
  HALL_CONFIG: z.string().optional(),
  /** Origin in QR codes on tickets, e.g. http://192.168.1.10:8080; derived from requests when unset. */
  PUBLIC_URL: z.url().optional(),
  /** Printer for kiosks that have none configured: 'virtual' or tcp://host:9100. */
  DEFAULT_PRINTER: z.string().default('virtual'),
  /**
   * Web origins, besides the server's own address, whose pages may open a socket: comma-separated,
   * e.g. 'https://hall.example.cn' when a reverse proxy serves the pages under another name.
   */
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((text) =>
      text
        .split(',')
        .map((o) => o.trim())
        .filter((o) => o !== ''),
    )
    .pipe(z.array(z.url({ protocol: /^https?$/ }))),
  /** '1': printers may be on this machine's own addresses (127.x, localhost); refused otherwise. */
  PRINTER_ALLOW_LOOPBACK: z.enum(['0', '1']).default('0'),
  DB_SYNCHRONOUS: z.enum(['FULL', 'NORMAL']).default('FULL'),
  /** PEM certificate and key files: the server speaks https:// (kiosks pin the certificate). */
  TLS_CERT: z.string().min(1).optional(),
  TLS_KEY: z.string().min(1).optional(),
  /** pino level: info logs start, stop and failures; debug adds one line per command. */
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** Changes committed within this many milliseconds reach each screen as one frame. */
  FRAME_TICK_MS: z.coerce.number().int().min(0).max(1000).default(10),
  /** Least time between two frames to one room of a hall (changes close together go as one). */
  FRAME_INTERVAL_MS: z.coerce.number().int().min(0).max(1000).default(40),
  /** Commands one socket may have unanswered at once; more are refused with RATE_LIMITED. */
  COMMAND_BUDGET: z.coerce.number().int().min(1).max(10_000).default(64),
  /** Ticket-status pages (public) that may watch one ticket, and that one address may open. */
  STATUS_PAGES_PER_TICKET: z.coerce.number().int().min(1).max(10_000).default(10),
  STATUS_PAGES_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(200),
  /** The key file for personal fields; outside DATA_DIR. Default: see defaultKeyFile. */
  KEY_FILE: z.string().min(1).optional(),
  /**
   * Tests only (refused unless NODE_ENV=test): milliseconds added to the server's clock, so the
   * multi-process tests run their processes on one clock at 10:00 of the hall's day and never meet
   * its midnight (test/support/hallDayClock.ts does the same for in-process test servers).
   */
  TEST_CLOCK_OFFSET_MS: z.coerce.number().int().optional(),
  /** postgres://user:password@host:5432/db: the city's PostgreSQL instead of the SQLite file. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'a postgres:// or postgresql:// URL')
    .optional(),
});

export type ServerConfig = Omit<z.output<typeof envSchema>, 'KEY_FILE'> & {
  dbFile: string;
  webRoot: string;
  keyFile: string;
};

/**
 * The key file lives in the server account's own configuration folder (~/.config/hall-queue, or
 * %APPDATA%\hall-queue on Windows), not in the program or data folder: copying the data folder,
 * its backups or the whole installation then never carries the key with the data.
 */
export function defaultKeyFile(env: NodeJS.ProcessEnv): string {
  const base =
    process.platform === 'win32'
      ? (env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'))
      : (env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'));
  return path.join(base, 'hall-queue', 'field-keys.json');
}

export function loadServerConfig(env: NodeJS.ProcessEnv, repoRoot: string): ServerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`);
    throw new Error(`环境变量有误 / Invalid environment settings:\n${lines.join('\n')}`);
  }
  if ((parsed.data.TLS_CERT === undefined) !== (parsed.data.TLS_KEY === undefined)) {
    throw new Error(
      '环境变量有误 / Invalid environment settings:\n  - TLS_CERT, TLS_KEY: 需同时设置 / set both or neither',
    );
  }
  if (parsed.data.TEST_CLOCK_OFFSET_MS !== undefined && env.NODE_ENV !== 'test') {
    throw new Error(
      '环境变量有误 / Invalid environment settings:\n  - TEST_CLOCK_OFFSET_MS: 仅用于测试 / for tests only ' +
        '(NODE_ENV=test); a hall server keeps the real time',
    );
  }
  const dataDir = path.resolve(repoRoot, parsed.data.DATA_DIR);
  const { KEY_FILE, ...settings } = parsed.data;
  return {
    ...settings,
    keyFile: KEY_FILE ? path.resolve(repoRoot, KEY_FILE) : defaultKeyFile(env),
    DATA_DIR: dataDir,
    dbFile: path.join(dataDir, 'hall.sqlite'),
    webRoot: path.join(repoRoot, 'dist', 'web'),
  };
}
