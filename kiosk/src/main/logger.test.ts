// electron-log's Node flavour writes exactly as its main-process flavour does, so the kiosk's log
// set-up is tested with it: a real file in a temp folder.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import electronLog from 'electron-log/node';
import { configureKioskLog, LOG_FILE_NAME, MAX_LOG_BYTES } from './logger';

describe('configureKioskLog', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one line per message to logs/kiosk.log, folding newlines, with level and time', () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-log-'));
    const logger = electronLog.create({ logId: `kiosk-test-${Date.now()}` });
    logger.transports.console.level = false;
    const log = configureKioskLog(logger, join(dir, 'logs'));
    log('started');
    log('配置文件有误\nline two');
    expect(log.path).toBe(join(dir, 'logs', LOG_FILE_NAME));
    expect(existsSync(log.path)).toBe(true);
    const lines = readFileSync(log.path, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}.\d{3}.* \[info\]\s+started$/);
    expect(lines[1]).toMatch(/\[info\]\s+配置文件有误 \| line two$/);
  });

  it('rotates the file at 5 MB', () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-log-'));
    const logger = electronLog.create({ logId: `kiosk-test-rotate-${Date.now()}` });
    configureKioskLog(logger, dir);
    expect(logger.transports.file.maxSize).toBe(MAX_LOG_BYTES);
  });
});
