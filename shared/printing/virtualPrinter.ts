// The 'virtual' printer for demos and tests: each ticket becomes two files in <dataDir>/printer/,
// the exact ESC/POS bytes a real printer would get (.bin) and what the paper would show (.txt).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { decodeEscPos } from './decodeEscPos';
import { renderReadableTicket } from './readableTicket';

export interface VirtualPrintFiles {
  binPath: string;
  txtPath: string;
}

/** '20261128T163512345Z' — sortable, no characters Windows forbids in file names. */
function compactTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/[-:.]/g, '');
}

function safeName(ticketNumber: string): string {
  return ticketNumber.replace(/[^A-Za-z0-9-]/g, '_').slice(0, 32) || 'ticket';
}

/** Writes both files; a reprint within the same millisecond gets a -2, -3… suffix, never overwrites. */
export async function writeVirtualTicket(
  dataDir: string,
  ticketNumber: string,
  bytes: Buffer,
  widthColumns: number,
  now: number = Date.now(),
): Promise<VirtualPrintFiles> {
  const folder = path.join(dataDir, 'printer');
  await mkdir(folder, { recursive: true });
  const base = `${safeName(ticketNumber)}-${compactTimestamp(now)}`;
  const readable = renderReadableTicket(decodeEscPos(bytes), widthColumns);
  for (let attempt = 1; ; attempt++) {
    const stem = path.join(folder, attempt === 1 ? base : `${base}-${attempt}`);
    try {
      await writeFile(`${stem}.bin`, bytes, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && attempt < 100) continue;
      throw error;
    }
    await writeFile(`${stem}.txt`, readable, 'utf8');
    return { binPath: `${stem}.bin`, txtPath: `${stem}.txt` };
  }
}
