// electron-builder cannot build installers here (no Electron binary download), so the config is
// checked the way electron-builder itself checks it at the start of a build: loaded by its own
// loader and validated against its JSON schema. Then the choices that matter to a hall are asserted.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const require = createRequire(import.meta.url);

interface BuilderConfigModule {
  getConfig(
    projectDir: string,
    configPath: string | null,
    fromOptions: null,
  ): Promise<Record<string, unknown>>;
  validateConfiguration(config: Record<string, unknown>, logger: unknown): Promise<void>;
}

let config: Record<string, unknown> & {
  files: Array<{ filter: string[] }>;
  nsis: Record<string, unknown>;
  linux: Record<string, unknown>;
  win: Record<string, unknown>;
  electronFuses: Record<string, boolean>;
  directories: Record<string, string>;
};

beforeAll(async () => {
  const loader = require('app-builder-lib/out/util/config/config.js') as BuilderConfigModule;
  const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
  const loaded = await loader.getConfig(ROOT, null, null);
  await loader.validateConfiguration(loaded, new DebugLogger(false));
  config = loaded as typeof config;
});

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema validation', () => {
    expect(config.appId).toBe('org.hallqueue.kiosk');
    expect(config.productName).toContain('大厅取号机');
    expect(config.productName).toContain('Hall Kiosk');
  });

  it('packs only the kiosk workspace’s bundled main/preload and package.json into an asar', () => {
    expect(config.asar).toBe(true);
    expect(config.directories.app).toBe('kiosk');
    expect(config.files[0]!.filter).toEqual(['dist/**/*', 'package.json', '!dist/**/*.map']);
    expect(config.npmRebuild).toBe(false);
    expect(config.directories.buildResources).toBe('build');
  });

  it('ships no runtime dependencies: the kiosk bundles everything it runs', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'kiosk/package.json'), 'utf8')) as {
      main: string;
      dependencies?: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    expect(pkg.main).toBe('dist/main/index.cjs');
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.devDependencies).not.toHaveProperty('better-sqlite3');
    expect(pkg.devDependencies).not.toHaveProperty('express');
  });

  it('builds an assisted, per-machine NSIS installer that lets the technician choose the folder', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: true,
      allowToChangeInstallationDirectory: true,
    });
  });

  it('builds AppImage and deb for Linux with category and maintainer', () => {
    expect(config.linux).toMatchObject({ target: ['AppImage', 'deb'], category: 'Office' });
    expect(String(config.linux.maintainer)).toMatch(/<[^@\s]+@[^>\s]+>/);
  });

  it('flips the fuses a kiosk never needs', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
    });
  });

  it('has the icon it names: a 512x512 PNG', () => {
    const icon = join(ROOT, String(config.win.icon));
    expect(existsSync(icon)).toBe(true);
    const png = readFileSync(icon);
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    expect(config.linux.icon).toBe(config.win.icon);
  });
});
