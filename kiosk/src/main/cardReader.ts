// The seam for hardware resident-ID card readers whose vendor SDK runs in the main process.
// (Keyboard-wedge readers and manual entry are handled by the renderer itself.) Whatever the
// reader gives us is checked here, and only the masked number and birth date go to the page:
// the full ID number never leaves the main process (DESIGN §4, personal data), except while the
// appointment check-in screen asks for it (the server matches a booking by its keyed hash).
import { parseIdNumber } from '@hall/shared/idNumber';
import type { IdNumberRead } from '../preload/api';

export interface CardReaderAdapter {
  /** Start reading; call `onNumber` with each raw number read. Returns a function that stops the reader. */
  start(onNumber: (rawIdNumber: string) => void): () => void;
}

export function toIdNumberRead(rawIdNumber: string, forCheckIn = false): IdNumberRead {
  const parsed = parseIdNumber(rawIdNumber);
  if (!parsed.ok) return { valid: false, problem: parsed.problem };
  const read = { valid: true as const, masked: parsed.value.masked, birthDate: parsed.value.birthDate };
  return forCheckIn ? { ...read, number: rawIdNumber.trim().toUpperCase() } : read;
}

/**
 * Forward reads to `send` (the kiosk window's webContents.send on 'kiosk:idNumberRead'); with the
 * number only while `checkInReading()` says the check-in screen asked for it.
 */
export function connectCardReader(
  adapter: CardReaderAdapter,
  send: (read: IdNumberRead) => void,
  checkInReading: () => boolean = () => false,
): () => void {
  return adapter.start((raw) => send(toIdNumberRead(raw, checkInReading())));
}
