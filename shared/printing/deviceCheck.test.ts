import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkDevicePath } from './deviceCheck';
import { openPtyDevice } from '../../test/support/ptyDevice';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((clean) => clean()));
});

describe('checkDevicePath', () => {
  it('accepts a character device under /dev and gives its resolved path', async () => {
    const pty = await openPtyDevice();
    cleanups.push(async () => pty.close());
    expect(await checkDevicePath(pty.path)).toEqual({ ok: true, resolvedPath: pty.path });
  });

  it('refuses regular files, directories, links leading out of /dev and memory devices', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'device-check-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'file');
    await writeFile(file, '');
    const link = path.join(dir, 'link');
    await symlink(file, link);
    for (const target of [
      file,
      link,
      dir,
      '/dev/shm',
      '/dev/stdout',
      '/dev/null',
      '/dev/zero',
      '/dev/full',
    ]) {
      const checked = await checkDevicePath(target, 'linux');
      expect(checked, target).toMatchObject({ ok: false, reason: 'refused' });
      if (!checked.ok) expect(checked.message).toMatch(/^拒绝写入该设备路径.* \/ Device path refused/);
    }
  });

  it('says "missing" for a path that is not there, so the kiosk reports the printer offline', async () => {
    expect(await checkDevicePath('/dev/usb/lp-not-plugged-in')).toMatchObject({
      ok: false,
      reason: 'missing',
    });
  });

  it('accepts Windows device names only on Windows', async () => {
    expect(await checkDevicePath('\\\\.\\COM3', 'win32')).toEqual({ ok: true, resolvedPath: '\\\\.\\COM3' });
    expect(await checkDevicePath('\\\\.\\COM3', 'linux')).toMatchObject({ ok: false, reason: 'refused' });
  });
});
