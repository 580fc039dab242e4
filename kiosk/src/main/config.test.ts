import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig, resolveConfigPath } from './config';

const GOOD = {
  serverUrl: 'http://192.168.1.10:3000',
  allowInsecureHttp: true,
  deviceKey: 'kiosk-key-0123456789',
  role: 'kiosk',
  printer: { interface: 'virtual' },
};

function problemsOf(input: unknown): ConfigError {
  try {
    parseConfig(input, '/etc/kiosk.json', '/data');
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('accepts a minimal kiosk config and fills defaults', () => {
    const config = parseConfig(GOOD, '/etc/kiosk.json', '/data/printed');
    expect(config).toEqual({
      serverUrl: 'http://192.168.1.10:3000',
      serverCertificateSha256: null,
      allowInsecureHttp: true,
      deviceKey: 'kiosk-key-0123456789',
      displayDeviceKey: null,
      role: 'kiosk',
      displayMonitor: 'secondary',
      printer: { interface: 'virtual', widthColumns: 48 },
      language: 'zh-CN',
      idleSeconds: 90,
      printTimeoutMs: 8000,
      dataDir: '/data/printed',
      cardReader: null,
    });
  });

  it('plain http needs allowInsecureHttp: true, said in Chinese and English', () => {
    const { allowInsecureHttp: _flag, ...withoutFlag } = GOOD;
    const error = problemsOf(withoutFlag);
    expect(error.problems.map((p) => p.field)).toEqual(['allowInsecureHttp']);
    expect(error.problems[0]!.zh).toContain('"allowInsecureHttp": true');
    expect(error.problems[0]!.en).toContain('https://');
    expect(problemsOf({ ...GOOD, allowInsecureHttp: false }).problems[0]!.field).toBe('allowInsecureHttp');
  });

  it('https with a pinned certificate: the fingerprint is normalised, and refused for http', () => {
    const hex = 'ab'.repeat(32);
    const config = parseConfig(
      {
        ...GOOD,
        allowInsecureHttp: undefined,
        serverUrl: 'https://192.168.1.10:8443',
        serverCertificateSha256: hex,
      },
      'p',
      'd',
    );
    expect(config.serverCertificateSha256).toBe(Array(32).fill('AB').join(':'));
    expect(config.allowInsecureHttp).toBe(false);
    expect(problemsOf({ ...GOOD, serverCertificateSha256: hex }).problems[0]!.field).toBe(
      'serverCertificateSha256',
    );
    expect(
      problemsOf({ ...GOOD, serverUrl: 'https://h', serverCertificateSha256: 'AB:CD' }).problems[0]!.field,
    ).toBe('serverCertificateSha256');
  });

  it('normalises the server URL to its origin', () => {
    expect(parseConfig({ ...GOOD, serverUrl: 'https://hall.example/' }, 'p', 'd').serverUrl).toBe(
      'https://hall.example',
    );
  });

  it('names a missing field in Chinese and English', () => {
    const error = problemsOf({ ...GOOD, deviceKey: undefined });
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatchObject({ field: 'deviceKey' });
    expect(error.problems[0]!.zh).toContain('缺少此项');
    expect(error.problems[0]!.en).toContain('is missing');
    expect(error.message).toContain('deviceKey');
    expect(error.message).toContain('配置文件有误');
    expect(error.message).toContain('/etc/kiosk.json');
  });

  it.each([
    ['ftp://hall.example'],
    ['hall.example:3000'],
    ['http://user:pw@hall.example'],
    ['http://hall.example/kiosk/'],
    ['http://hall.example/?x=1'],
    [''],
  ])('rejects the server URL %j naming serverUrl', (serverUrl) => {
    const error = problemsOf({ ...GOOD, serverUrl });
    expect(error.problems.map((p) => p.field)).toEqual(['serverUrl']);
    expect(error.message).toMatch(/serverUrl: .*http:\/\//);
  });

  it('rejects a device key shorter than the server accepts', () => {
    const error = problemsOf({ ...GOOD, deviceKey: 'short' });
    expect(error.problems.map((p) => p.field)).toEqual(['deviceKey']);
    expect(error.problems[0]!.en).toContain('16 to 128 characters');
  });

  it('rejects idleSeconds under 60 and says why', () => {
    const error = problemsOf({ ...GOOD, idleSeconds: 30 });
    expect(error.problems.map((p) => p.field)).toEqual(['idleSeconds']);
    expect(error.problems[0]!.zh).toContain('60');
    expect(error.problems[0]!.en).toContain('at least 60');
  });

  it('requires a printer for a kiosk but not for a display', () => {
    expect(problemsOf({ ...GOOD, printer: undefined }).problems.map((p) => p.field)).toEqual(['printer']);
    const display = parseConfig({ ...GOOD, role: 'display', printer: undefined }, 'p', 'd');
    expect(display.printer).toBeNull();
  });

  it('requires the display key when one PC runs both roles', () => {
    expect(problemsOf({ ...GOOD, role: 'both' }).problems.map((p) => p.field)).toEqual(['displayDeviceKey']);
    expect(
      parseConfig({ ...GOOD, role: 'both', displayDeviceKey: 'display-key-0123456789' }, 'p', 'd').role,
    ).toBe('both');
  });

  it('names nested printer fields and lists every problem at once', () => {
    const error = problemsOf({
      ...GOOD,
      printer: { interface: 'smb://printer' },
      language: 'fr',
      displayMonitor: -1,
      role: 'wall',
    });
    expect(error.problems.map((p) => p.field).sort()).toEqual(
      ['displayMonitor', 'language', 'printer.interface', 'role'].sort(),
    );
  });

  it('flags misspelt settings instead of ignoring them', () => {
    const error = problemsOf({ ...GOOD, idleSecond: 120 });
    expect(error.problems[0]).toMatchObject({ field: 'idleSecond' });
    expect(error.problems[0]!.en).toContain('unknown setting');
  });

  it('accepts a monitor index and the virtual printer', () => {
    const config = parseConfig({ ...GOOD, role: 'display', displayMonitor: 2 }, 'p', 'd');
    expect(config.displayMonitor).toBe(2);
  });
});

describe('resolveConfigPath', () => {
  it('prefers --config=, then the environment, then userData', () => {
    const env = { HALL_KIOSK_CONFIG: '/env/kiosk.json' };
    expect(resolveConfigPath(['electron', '.', '--config=/arg/kiosk.json'], env, '/ud')).toBe(
      '/arg/kiosk.json',
    );
    expect(resolveConfigPath(['electron', '.'], env, '/ud')).toBe('/env/kiosk.json');
    expect(resolveConfigPath(['electron', '.'], {}, '/ud')).toBe(join('/ud', 'kiosk-config.json'));
  });
});

describe('loadConfig', () => {
  let dir = '';
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reads a real file, tolerating a UTF-8 BOM', () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-config-'));
    writeFileSync(join(dir, 'kiosk-config.json'), '\uFEFF' + JSON.stringify(GOOD));
    const { config, path } = loadConfig({ argv: [], env: {}, userDataDir: dir });
    expect(path).toBe(join(dir, 'kiosk-config.json'));
    expect(config.dataDir).toBe(join(dir, 'printed'));
  });

  it('explains a missing file with an example to copy', () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-config-'));
    expect(() => loadConfig({ argv: [], env: {}, userDataDir: dir })).toThrow(
      /找不到配置文件[\s\S]*serverUrl/,
    );
  });

  it('explains broken JSON', () => {
    expect(() =>
      loadConfig({
        argv: ['--config=/x.json'],
        env: {},
        userDataDir: '/ud',
        readFile: () => '{ "serverUrl": ',
      }),
    ).toThrow(/不是有效的 JSON[\s\S]*not valid JSON/);
  });
});
