import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileLogger } from './logger';

describe('createFileLogger', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('appends one timestamped line per message, folding newlines', () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-log-'));
    const echoed: string[] = [];
    const log = createFileLogger(join(dir, 'logs'), {
      now: () => new Date('2026-11-28T08:00:00.000Z'),
      echo: (line) => echoed.push(line),
    });
    log('started');
    log('配置文件有误\nline two');
    expect(readFileSync(log.path, 'utf8')).toBe(
      '2026-11-28T08:00:00.000Z started\n2026-11-28T08:00:00.000Z 配置文件有误 | line two\n',
    );
    expect(echoed).toHaveLength(2);
  });

  it('rotates a file that grew too big', () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-log-'));
    const log = createFileLogger(dir, { echo: () => undefined, maxBytes: 10 });
    log('first line that is long enough');
    log('second');
    expect(readFileSync(`${log.path}.1`, 'utf8')).toContain('first line');
    expect(readFileSync(log.path, 'utf8')).toContain('second');
    expect(readFileSync(log.path, 'utf8')).not.toContain('first line');
  });

  it('keeps going when the log folder cannot be written', () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-log-'));
    const echoed: string[] = [];
    // kiosk.log is a file, so a folder inside it cannot be created.
    createFileLogger(dir, { echo: () => undefined })('make the file');
    const log = createFileLogger(join(dir, 'kiosk.log', 'sub'), { echo: (line) => echoed.push(line) });
    expect(() => log('still running')).not.toThrow();
    expect(echoed.some((line) => line.includes('not writable'))).toBe(true);
    expect(existsSync(join(dir, 'kiosk.log', 'sub'))).toBe(false);
  });
});
