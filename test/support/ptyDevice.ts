// A real character device under /dev for printing tests: a pseudo-terminal (/dev/pts/N) made by
// util-linux `script`, with its line discipline set to raw so bytes pass unchanged. Whatever is
// written to the device comes out of `script`'s stdout, where this helper collects it — the same
// path a USB thermal printer (/dev/usb/lp0) gives the kiosk, without the hardware.
import { spawn } from 'node:child_process';

export interface PtyDevice {
  /** '/dev/pts/N'. */
  path: string;
  /** Every byte written to the device since it became ready. */
  received(): Buffer;
  /** Resolves with the bytes received once `done(bytes)` holds (e.g. the ticket's cut arrived). */
  waitFor(done: (bytes: Buffer) => boolean, timeoutMs?: number): Promise<Buffer>;
  close(): void;
}

const READY = 'PTY-READY';

export function openPtyDevice(): Promise<PtyDevice> {
  const child = spawn(
    'script',
    ['-q', '-c', `tty; stty raw -echo -opost; echo ${READY}; exec sleep 600`, '/dev/null'],
    // stdin stays an open, silent pipe: `script` would otherwise end at EOF.
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let head = Buffer.alloc(0);
  let body = Buffer.alloc(0);
  let ready = false;
  const waiters: Array<() => void> = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`pty not ready: ${head.toString()}`)), 10_000);
    child.once('error', reject);
    child.stdout.on('data', (chunk: Buffer) => {
      if (ready) {
        body = Buffer.concat([body, chunk]);
        waiters.splice(0).forEach((wake) => wake());
        return;
      }
      head = Buffer.concat([head, chunk]);
      const text = head.toString('latin1');
      const at = text.indexOf(`${READY}\n`);
      if (at < 0) return;
      const path = /\/dev\/pts\/\d+/.exec(text)?.[0];
      if (!path) return reject(new Error(`no pty name in: ${text}`));
      ready = true;
      clearTimeout(timer);
      body = head.subarray(at + READY.length + 1);
      resolve({
        path,
        received: () => body,
        waitFor(done, timeoutMs = 5000) {
          return new Promise((settle, fail) => {
            const deadline = setTimeout(() => fail(new Error(`only ${body.length} bytes`)), timeoutMs);
            const check = () => {
              if (done(body)) {
                clearTimeout(deadline);
                settle(body);
              } else waiters.push(check);
            };
            check();
          });
        },
        close: () => {
          child.kill('SIGKILL');
        },
      });
    });
  });
}
