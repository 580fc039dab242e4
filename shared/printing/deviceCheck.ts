// The last check before ticket bytes go to a device path: the path as the kernel resolves it
// (symlinks followed) must still be under /dev and must be a character device. A regular file, a
// directory, a block device (a disk), /dev/stdout (-> /proc/self/fd/1) or /dev/shm/x is refused,
// and so are the kernel's memory-class devices (/dev/mem, /dev/kmem, /dev/port, /dev/kmsg, …):
// writing a ticket there could damage the machine. Windows device names cannot be checked this
// way; on other systems they are refused, because there they would create a file.
import { lstat, realpath, stat } from 'node:fs/promises';

export type DeviceCheck =
  { ok: true; resolvedPath: string } | { ok: false; reason: 'missing' | 'refused'; message: string };

/** Linux's "memory devices" major number (mem, kmem, null, port, zero, full, random, kmsg). */
const LINUX_MEMORY_MAJOR = 1;

/** glibc's encoding of a device number: major in bits 8–19 (and 32+). */
function linuxMajor(rdev: number): number {
  return ((rdev >>> 8) & 0xfff) | (Math.floor(rdev / 2 ** 32) & ~0xfff);
}

function refused(path: string, why: string): DeviceCheck {
  return {
    ok: false,
    reason: 'refused',
    message: `拒绝写入该设备路径（${why}）：${path} / Device path refused (${why}): ${path}`,
  };
}

export async function checkDevicePath(
  path: string,
  platform: NodeJS.Platform = process.platform,
): Promise<DeviceCheck> {
  if (path.startsWith('\\\\')) {
    return platform === 'win32'
      ? { ok: true, resolvedPath: path }
      : refused(path, '这是 Windows 设备名 a Windows device name on another system');
  }
  let resolvedPath: string;
  try {
    resolvedPath = await realpath(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Nothing there: the printer is unplugged. Something there that does not resolve (a dangling
    // link, /dev/stdout when fd 1 is a pipe) is not a printer.
    const present = await lstat(path).then(
      () => true,
      () => false,
    );
    if (!present && (code === 'ENOENT' || code === 'ENOTDIR')) {
      return { ok: false, reason: 'missing', message: 'ENOENT' };
    }
    return refused(path, code ?? 'unreadable');
  }
  if (!resolvedPath.startsWith('/dev/'))
    return refused(path, `实际位置不在 /dev 下 resolves to ${resolvedPath}`);
  const info = await stat(resolvedPath);
  if (!info.isCharacterDevice()) return refused(path, '不是字符设备 not a character device');
  if (platform === 'linux' && linuxMajor(info.rdev) === LINUX_MEMORY_MAJOR) {
    return refused(path, '系统内存类设备 a kernel memory device');
  }
  return { ok: true, resolvedPath };
}
