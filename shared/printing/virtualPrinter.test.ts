import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildTicketContent } from './ticketLayout';
import { displayWidth } from './textLayout';
import { buildTicketBytes } from './escpos';
import { writeVirtualTicket } from './virtualPrinter';
import { sampleTicket } from '../../test/support/sampleTicket';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'virtual-printer-'));
  dirs.push(dir);
  return dir;
}

const ticketBytes = (): Buffer => buildTicketBytes(buildTicketContent(sampleTicket({ proxy: true })), 48);

describe('writeVirtualTicket', () => {
  it('writes the exact bytes (.bin) and a readable UTF-8 rendering (.txt)', async () => {
    const dataDir = await tempDir();
    const bytes = ticketBytes();
    const at = Date.UTC(2026, 10, 28, 8, 30, 15, 42);
    const files = await writeVirtualTicket(dataDir, 'A-L023', bytes, 48, at);
    expect(files.binPath).toBe(path.join(dataDir, 'printer', 'A-L023-20261128T083015042Z.bin'));
    expect(files.txtPath).toBe(path.join(dataDir, 'printer', 'A-L023-20261128T083015042Z.txt'));
    expect((await readFile(files.binPath)).equals(bytes)).toBe(true);
    const text = await readFile(files.txtPath, 'utf8');
    for (const expected of [
      '滨江区政务服务中心',
      '出入境',
      '老　年　人　优　先',
      '代办',
      '前面还有 3 人',
      '切',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toContain('http://127.0.0.1:8080/t/abc123XYZ');
  });

  it('renders magnified text spread over its width, centred like the paper', async () => {
    const files = await writeVirtualTicket(await tempDir(), 'A-L023', ticketBytes(), 48, 0);
    const rows = (await readFile(files.txtPath, 'utf8')).split('\n');
    // The number is printed 6× wide: each character takes six columns.
    const number = rows.find((row) => row.trim() === [...'A-L023'].join(' '.repeat(5)))!;
    const left = number.length - number.trimStart().length;
    // Six characters × six columns on paper (the last one's spread is trailing space in the file).
    expect(Math.abs(left - (48 - left - 6 * 6))).toBeLessThanOrEqual(1);
    for (const row of rows) expect(displayWidth(row)).toBeLessThanOrEqual(48);
  });

  it('never overwrites: a second print in the same millisecond gets its own files', async () => {
    const dataDir = await tempDir();
    const first = await writeVirtualTicket(dataDir, 'A001', ticketBytes(), 48, 1000);
    const second = await writeVirtualTicket(dataDir, 'A001', ticketBytes(), 48, 1000);
    expect(second.binPath).not.toBe(first.binPath);
    expect(await readdir(path.join(dataDir, 'printer'))).toHaveLength(4);
  });

  it('keeps odd ticket numbers out of the file path', async () => {
    const files = await writeVirtualTicket(await tempDir(), '../A 1', ticketBytes(), 48, 0);
    expect(path.basename(files.binPath)).toBe('___A_1-19700101T000000000Z.bin');
  });
});
