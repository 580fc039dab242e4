// The server's structured log (pino): one JSON line per event, with levels. Secrets and personal
// data never reach it: the paths below are censored wherever they appear in a logged object, and
// callers log ids and codes, not payloads.
import pino, { type DestinationStream, type Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Keys whose values must never be written, at any depth we log. */
const REDACTED_KEYS = [
  'password',
  'passwordHash',
  'deviceKey',
  'key',
  'token',
  'sessionToken',
  'statusToken',
  'authorization',
  'idNumber',
  'maskedIdNumber',
  'phone',
  'address',
  'name',
];

const redactPaths = REDACTED_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);

export function createLogger(options: { level?: LogLevel; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { app: 'hall-server' },
      redact: { paths: redactPaths, censor: '[redacted]' },
      serializers: { err: pino.stdSerializers.err },
    },
    options.destination ?? pino.destination(1),
  );
}
