// Builds the main process and preload with kiosk/build-main.mjs into a temp folder and checks what
// the packaged app will actually run.
import { execFile } from 'node:child_process';
import { builtinModules } from 'node:module';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildKiosk } from '../../build-main.mjs';

const run = promisify(execFile);
let outdir = '';

function requiredModules(file: string): string[] {
  const code = readFileSync(file, 'utf8');
  return [...new Set([...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]!))].sort();
}

beforeAll(async () => {
  outdir = mkdtempSync(join(tmpdir(), 'kiosk-build-'));
  await buildKiosk({ outdir, logLevel: 'silent' });
}, 60_000);

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('build-main.mjs', () => {
  it('writes main, preload and the offline page where the main process looks for them', () => {
    expect(existsSync(join(outdir, 'main', 'index.cjs'))).toBe(true);
    expect(existsSync(join(outdir, 'preload', 'index.cjs'))).toBe(true);
    const offline = readFileSync(join(outdir, 'main', 'offline.html'), 'utf8');
    expect(offline).toContain('暂停取号，');
    expect(offline).toContain('请到服务台');
    expect(offline).toContain('Ticketing paused, please go to the service desk');
  });

  it('bundles the preload into one file that requires nothing but electron', () => {
    const preload = join(outdir, 'preload', 'index.cjs');
    expect(requiredModules(preload)).toEqual(['electron']);
    // No ESM left over: neither static import/export statements nor dynamic import().
    const code = readFileSync(preload, 'utf8');
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).not.toMatch(/\bimport\(/);
  });

  it('bundles every npm dependency into main: only electron and Node built-ins stay external', () => {
    const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
    const external = requiredModules(join(outdir, 'main', 'index.cjs')).filter(
      (name) => name !== 'electron' && !builtins.has(name),
    );
    expect(external).toEqual([]);
  });

  it('the bundled main runs in Node up to the single-instance check (a second copy quits)', async () => {
    // Stand-in for the electron module: the lock is taken, so the entry must quit and do nothing else.
    const hook = join(outdir, 'fake-electron.cjs');
    writeFileSync(
      hook,
      `const Module = require('node:module');
const load = Module._load;
const app = {
  commandLine: { appendSwitch() {} },
  getPath: (name) => '/tmp/fake-' + name,
  setPath() {},
  setAppLogsPath() {},
  requestSingleInstanceLock: () => false,
  quit: () => console.log('QUIT'),
  on: () => console.log('ON'),
  whenReady: () => { console.log('READY'); return new Promise(() => {}); },
};
Module._load = function (request, ...rest) {
  return request === 'electron' ? { app } : load.call(this, request, ...rest);
};`,
    );
    const { stdout } = await run(process.execPath, ['-r', hook, join(outdir, 'main', 'index.cjs')]);
    expect(stdout.trim().split('\n')).toEqual(['QUIT']);
  });
});
