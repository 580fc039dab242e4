// The kiosk's log, kept by electron-log: one line per event with the local time, in
// <logs>/kiosk.log (rotated at 5 MB into kiosk.old.log) and on the console. A hall technician
// opens the file; the main process passes `Log` (one string per event) to the modules it starts.
// The electron-log instance is passed in, so this module needs no Electron to be tested.
import { join } from 'node:path';
import type { NodeLogger } from 'electron-log';

export const LOG_FILE_NAME = 'kiosk.log';
export const MAX_LOG_BYTES = 5 * 1024 * 1024;

export interface KioskLog {
  (message: string): void;
  readonly path: string;
}

type ConfigurableLogger = Pick<NodeLogger, 'info' | 'transports'>;

export function configureKioskLog(logger: ConfigurableLogger, logsDir: string): KioskLog {
  const path = join(logsDir, LOG_FILE_NAME);
  logger.transports.file.resolvePathFn = () => path;
  logger.transports.file.maxSize = MAX_LOG_BYTES;
  logger.transports.file.format = '{iso} [{level}] {text}';
  logger.transports.console.format = '{iso} {text}';
  // Multi-line messages (config errors) stay one line in the file, as a technician greps it.
  const log = (message: string): void => logger.info(message.replace(/\r?\n/g, ' | '));
  return Object.assign(log, { path });
}
