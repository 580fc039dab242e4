// A plain log file a hall technician can open: one line per event, local ISO time, kept small by
// rotating once (kiosk.log -> kiosk.log.1). Writes are synchronous: they are rare, and a line
// written just before a crash is the one that matters.
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const LOG_FILE_NAME = 'kiosk.log';
export const MAX_LOG_BYTES = 5 * 1024 * 1024;

export interface FileLogger {
  (message: string): void;
  readonly path: string;
}

export function createFileLogger(
  logsDir: string,
  options: { now?: () => Date; echo?: (line: string) => void; maxBytes?: number } = {},
): FileLogger {
  const path = join(logsDir, LOG_FILE_NAME);
  const now = options.now ?? (() => new Date());
  const echo = options.echo ?? ((line: string) => console.log(line));
  const maxBytes = options.maxBytes ?? MAX_LOG_BYTES;

  const log = (message: string): void => {
    const line = `${now().toISOString()} ${message.replace(/\r?\n/g, ' | ')}`;
    echo(line);
    try {
      mkdirSync(logsDir, { recursive: true });
      try {
        if (statSync(path).size > maxBytes) renameSync(path, `${path}.1`);
      } catch {
        // No file yet.
      }
      appendFileSync(path, line + '\n', 'utf8');
    } catch (error) {
      // A full or read-only disk must not stop the kiosk; the console still has the line.
      echo(`(log file not writable: ${String(error)})`);
    }
  };
  return Object.assign(log, { path });
}
