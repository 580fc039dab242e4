// The seam for hardware resident-ID card readers whose vendor SDK runs in the main process.
// (Keyboard-wedge readers and manual entry are handled by the renderer itself.) Whatever the
// reader gives us is checked here, and only the masked number and birth date go to the page:
// the full ID number never leaves the main process (DESIGN §4, personal data).
import { parseIdNumber } from '@hall/shared/idNumber';
import type { IdNumberRead } from '../preload/api';

export interface CardReaderAdapter {
  /** Start reading; call `onNumber` with each raw number read. Returns a function that stops the reader. */
  start(onNumber: (rawIdNumber: string) => void): () => void;
}

export function toIdNumberRead(rawIdNumber: string): IdNumberRead {
  const parsed = parseIdNumber(rawIdNumber);
  if (!parsed.ok) return { valid: false, problem: parsed.problem };
  return { valid: true, masked: parsed.value.masked, birthDate: parsed.value.birthDate };
}

/** Forward reads to `send` (the kiosk window's webContents.send on 'kiosk:idNumberRead'). */
export function connectCardReader(
  adapter: CardReaderAdapter,
  send: (read: IdNumberRead) => void,
): () => void {
  return adapter.start((raw) => send(toIdNumberRead(raw)));
}
