// A fake ESC/POS network printer on 127.0.0.1 for tests: captures every byte per connection and
// answers real-time status requests (DLE EOT n) like a real printer, or misbehaves on request.
//
// behaviour:
//   'accept'        (default) a working printer
//   'close'         accepts each connection and closes it at once (busy or broken printer)
//   'not_listening' nothing listens on the port: connections are refused
//   'hang'          the TCP handshake never completes, like a powered-but-frozen printer. Done
//                   for real: a child process listens with a tiny backlog and is then stopped
//                   (SIGSTOP), the backlog is filled, so the kernel drops further SYNs.
// status: answer to DLE EOT n — 'ok', 'paper_out' (roll-end sensor set), or 'silent' (never answers).
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

export interface FakePrinterOptions {
  behaviour?: 'accept' | 'close' | 'not_listening' | 'hang';
  status?: 'ok' | 'paper_out' | 'silent';
}

export interface FakePrinter {
  port: number;
  url: string;
  /** Bytes received, one Buffer per connection, in connection order. */
  received(): Buffer[];
  /** Resolves once `count` connections have closed (all their bytes are in received()). */
  waitForConnections(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Status bytes always have bit 1 and bit 4 set. DLE EOT 4: bits 5+6 = roll paper end. */
function statusAnswer(n: number, paperOut: boolean): number {
  if (n === 1) return paperOut ? 0x1e : 0x16; // bit 3 = offline
  if (n === 2) return paperOut ? 0x32 : 0x12; // bit 5 = stopped by paper end
  if (n === 4) return paperOut ? 0x72 : 0x12;
  return 0x12;
}

/** Positions of DLE EOT n in `bytes` (the printer answers them the moment they arrive). */
function statusRequests(bytes: Buffer): number[] {
  const found: number[] = [];
  for (let i = 0; i + 2 < bytes.length; i++) {
    if (bytes[i] === 0x10 && bytes[i + 1] === 0x04) found.push(bytes[i + 2]!);
  }
  return found;
}

export async function startFakePrinter(opts: FakePrinterOptions = {}): Promise<FakePrinter> {
  const behaviour = opts.behaviour ?? 'accept';
  if (behaviour === 'hang') return startHangingPrinter();
  const captured: Buffer[][] = [];
  let closedCount = 0;
  const closeWaiters: Array<() => void> = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    const chunks: Buffer[] = [];
    captured.push(chunks);
    let tail = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      // Keep two bytes of the previous chunk so a request split across chunks is still seen.
      const window = Buffer.concat([tail, chunk]);
      tail = window.subarray(Math.max(0, window.length - 2));
      if (opts.status === 'silent') return;
      for (const n of statusRequests(window))
        socket.write(Buffer.from([statusAnswer(n, opts.status === 'paper_out')]));
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      sockets.delete(socket);
      closedCount++;
      closeWaiters.splice(0).forEach((wake) => wake());
    });
    if (behaviour === 'close') socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  if (behaviour === 'not_listening') await new Promise<void>((resolve) => server.close(() => resolve()));

  return {
    port,
    url: `tcp://127.0.0.1:${port}`,
    received: () => captured.map((chunks) => Buffer.concat(chunks)),
    async waitForConnections(count, timeoutMs = 5000) {
      const until = Date.now() + timeoutMs;
      while (closedCount < count) {
        if (Date.now() > until) throw new Error(`fake printer: ${closedCount}/${count} connections closed`);
        await new Promise<void>((wake) => {
          closeWaiters.push(wake);
          setTimeout(wake, 50);
        });
      }
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const HANG_SCRIPT = `
const server = require('net').createServer(() => {});
server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
  process.stdout.write(server.address().port + '\\n');
  process.kill(process.pid, 'SIGSTOP');
});`;

function connectWithin(port: number, ms: number): Promise<net.Socket | null> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(null);
    }, ms);
    socket.on('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.on('error', () => {
      clearTimeout(timer);
      resolve(null);
    });
  });
}

async function startHangingPrinter(): Promise<FakePrinter> {
  const child: ChildProcess = spawn(process.execPath, ['-e', HANG_SCRIPT], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once('data', (d: Buffer) => resolve(Number(String(d).trim())));
    child.once('error', reject);
  });
  await new Promise((wake) => setTimeout(wake, 50)); // let SIGSTOP land
  // Fill the stopped listener's accept queue; once full, the kernel silently drops new SYNs.
  const fillers: net.Socket[] = [];
  for (let i = 0; i < 16; i++) {
    const socket = await connectWithin(port, 200);
    if (!socket) break;
    fillers.push(socket);
  }
  return {
    port,
    url: `tcp://127.0.0.1:${port}`,
    received: () => [],
    waitForConnections: () => Promise.resolve(),
    async close() {
      fillers.forEach((socket) => socket.destroy());
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}
