// `npm start`: the server on its embedded default — a SQLite file under ./data, the demo hall (or
// HALL_CONFIG), and the virtual printer — printing the addresses of every page.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadServerConfig } from './config';
import { DEMO_HALL_CONFIG } from './hall/demoHall';
import { ConfigError, parseHallConfig, type HallConfig } from './hall/hallConfig';
import { createServerPrinter } from './printing/createServerPrinter';
import { printerTargetProblem } from './printing/printerPolicy';
import { startServer } from './server';
import { printerSettingsSchema } from '@hall/shared/contracts/schemas';
import { describeStart } from './startBanner';
import { createLogger } from './core/logger';
import { keepProcessClockIn } from './processClock';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function readHallConfig(file: string | undefined): HallConfig {
  if (!file) return DEMO_HALL_CONFIG;
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(path.resolve(file), 'utf8'));
  } catch (error) {
    throw new ConfigError([`${file}: ${(error as Error).message}`]);
  }
  return parseHallConfig(raw);
}

/** The real clock, or (tests only: config.ts refuses it outside NODE_ENV=test) a shifted one. */
function testClock(offsetMs: number | undefined): (() => number) | undefined {
  if (offsetMs === undefined) return undefined;
  return () => Date.now() + offsetMs;
}

async function main(): Promise<void> {
  const config = loadServerConfig(process.env, repoRoot);
  const hallConfig = readHallConfig(config.HALL_CONFIG);
  keepProcessClockIn(hallConfig.halls.map((h) => h.timezone));
  const logger = createLogger({ level: config.LOG_LEVEL });
  const allowLoopbackPrinters = config.PRINTER_ALLOW_LOOPBACK === '1';
  const fallbackPrinter = printerSettingsSchema.parse({ interface: config.DEFAULT_PRINTER });
  const printerProblem = printerTargetProblem(fallbackPrinter.interface, allowLoopbackPrinters);
  if (printerProblem) throw new Error(`DEFAULT_PRINTER: ${printerProblem}`);
  const tls =
    config.TLS_CERT && config.TLS_KEY
      ? { cert: fs.readFileSync(config.TLS_CERT), key: fs.readFileSync(config.TLS_KEY) }
      : undefined;
  const server = await startServer({
    dbFile: config.dbFile,
    databaseUrl: config.DATABASE_URL ?? null,
    webRoot: config.webRoot,
    port: config.PORT,
    host: config.HOST,
    hallConfig,
    printer: createServerPrinter(config.DATA_DIR, fallbackPrinter, { allowLoopback: allowLoopbackPrinters }),
    allowLoopbackPrinters,
    tls,
    allowedOrigins: [...config.ALLOWED_ORIGINS, ...(config.PUBLIC_URL ? [config.PUBLIC_URL] : [])],
    publicUrl: config.PUBLIC_URL ?? null,
    synchronous: config.DB_SYNCHRONOUS,
    version: process.env.npm_package_version,
    logger,
    frameTickMs: config.FRAME_TICK_MS,
    frameIntervalMs: config.FRAME_INTERVAL_MS,
    commandBudget: config.COMMAND_BUDGET,
    statusPageLimits: {
      perTicket: config.STATUS_PAGES_PER_TICKET,
      perAddress: config.STATUS_PAGES_PER_ADDRESS,
    },
    keyFile: config.keyFile,
    clock: testClock(config.TEST_CLOCK_OFFSET_MS),
  });
  logger.info({ url: server.url, dataDir: config.DATA_DIR }, 'server started');
  console.log(describeStart(server, config, os.networkInterfaces()));

  const stop = async (signal: string) => {
    console.log(`\n${signal}: 正在停止 / stopping…`);
    logger.info({ signal }, 'server stopping');
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
