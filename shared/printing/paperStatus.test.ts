import { afterEach, describe, expect, it } from 'vitest';
import net from 'node:net';
import { probePaper } from './paperStatus';
import { startFakePrinter } from '../../test/support/fakePrinter';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** A printer that answers DLE EOT 4 with exactly `reply` bytes. */
async function printerReplying(reply: number[]): Promise<number> {
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', () => socket.write(Buffer.from(reply)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return (server.address() as net.AddressInfo).port;
}

describe('probePaper', () => {
  it('reads paper present, near end and roll end from the DLE EOT 4 answer', async () => {
    expect(await probePaper('127.0.0.1', await printerReplying([0x12]), 500)).toEqual({
      state: 'ok',
      nearEnd: false,
    });
    expect(await probePaper('127.0.0.1', await printerReplying([0x1e]), 500)).toEqual({
      state: 'ok',
      nearEnd: true,
    });
    expect(await probePaper('127.0.0.1', await printerReplying([0x72]), 500)).toEqual({ state: 'paper_out' });
  });

  it('skips Automatic Status Back blocks that arrive before the answer', async () => {
    const asb = [0x10, 0x00, 0x0c, 0x00];
    expect(await probePaper('127.0.0.1', await printerReplying([...asb, 0x72]), 500)).toEqual({
      state: 'paper_out',
    });
  });

  it('treats bytes that are not a status answer as no answer', async () => {
    expect(await probePaper('127.0.0.1', await printerReplying([0xff, 0x00]), 200)).toEqual({
      state: 'no_answer',
    });
  });

  it('tells refused, dropped and never-completed connections apart', async () => {
    const refused = await startFakePrinter({ behaviour: 'not_listening' });
    const dropping = await startFakePrinter({ behaviour: 'close' });
    const hanging = await startFakePrinter({ behaviour: 'hang' });
    closers.push(refused.close, dropping.close, hanging.close);
    expect(await probePaper('127.0.0.1', refused.port, 500)).toEqual({
      state: 'unreachable',
      reason: 'ECONNREFUSED',
    });
    expect(await probePaper('127.0.0.1', dropping.port, 500)).toEqual({ state: 'closed' });
    expect(await probePaper('127.0.0.1', hanging.port, 300)).toEqual({ state: 'no_connect' });
  });
});
