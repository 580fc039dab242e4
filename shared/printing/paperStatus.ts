// Asks a network printer for its roll-paper sensor (DLE EOT 4) before a ticket is sent, so an
// empty roll is reported as "paper out" instead of a ticket silently vanishing into the buffer.
// Not every printer answers; silence means "unknown", and printing goes ahead.
import net from 'node:net';
import { DLE_EOT_PAPER } from './escpos';

export type PaperProbe =
  | { state: 'ok'; nearEnd: boolean }
  | { state: 'paper_out' }
  /** Connection refused, reset or unreachable: nothing is listening. */
  | { state: 'unreachable'; reason: string }
  /** The printer accepted and then closed without answering (busy with another client, or broken). */
  | { state: 'closed' }
  /** Connected but no (valid) answer in time; or the connection itself did not finish in time. */
  | { state: 'no_answer' }
  | { state: 'no_connect' };

/** ESC/POS status bytes have bit 1 and bit 4 set, bits 0 and 7 clear (ASB bytes have bit 4 or bit 1 clear). */
function isStatusByte(byte: number): boolean {
  return (byte & 0x93) === 0x12;
}

export function probePaper(host: string, port: number, waitMs: number): Promise<PaperProbe> {
  return new Promise((resolve) => {
    let connected = false;
    let settled = false;
    const socket = net.connect({ host, port });
    const finish = (result: PaperProbe): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(
      () => finish(connected ? { state: 'no_answer' } : { state: 'no_connect' }),
      waitMs,
    );
    socket.on('connect', () => {
      connected = true;
      socket.write(DLE_EOT_PAPER);
    });
    socket.on('data', (data: Buffer) => {
      // Printers with Automatic Status Back may first send 4-byte ASB blocks; those bytes never
      // match the status pattern, so skip to the answer to our request.
      const answer = data.find(isStatusByte);
      if (answer === undefined) return;
      if (answer & 0x60) return finish({ state: 'paper_out' });
      finish({ state: 'ok', nearEnd: (answer & 0x0c) !== 0 });
    });
    socket.on('end', () => finish({ state: 'closed' }));
    socket.on('close', () =>
      finish(connected ? { state: 'closed' } : { state: 'unreachable', reason: 'closed' }),
    );
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (connected) return finish({ state: 'closed' });
      finish({ state: 'unreachable', reason: error.code ?? error.message });
    });
  });
}
