// Resident ID readers. The kiosk never needs one (every path works by tapping), but a hall may
// attach a card reader so visitors aged 60+ get priority without saying their age.
//
// To plug in a vendor SDK (e.g. a 二代证 reader with a native bridge exposed by the Electron
// preload), implement IdReader: call onRead once per card, either with the raw 18-character number
// (the kiosk then checks the GB 11643 check character and birth date itself) or, better, with the
// result already checked where the number was read (HostCardReader: the full number never reaches
// the page). Release the device in stop(). Only the masked form is sent with a ticket; the number
// itself goes to the server in one case only, an appointment check-in, where the server matches
// it through its keyed hash (the page keeps it nowhere).
import type { IdNumberProblem } from '@hall/shared/idNumber';

export type IdReading =
  | { kind: 'raw'; number: string }
  | {
      kind: 'checked';
      masked: string;
      birthDate: string;
      /** The number, for an appointment check-in only (a host reader that gives it). */
      number?: string;
    }
  | { kind: 'invalid'; problem: IdNumberProblem };

export type IdReadCallback = (reading: IdReading) => void;

export interface IdReader {
  /** A short name for logs: 'keyboard-wedge', 'manual', 'vendor-x'. */
  readonly kind: string;
  /** Begin listening; onRead is called once per card (or per confirmed entry). */
  start(onRead: IdReadCallback): void;
  /** Stop listening and release whatever start() took; safe to call twice. */
  stop(): void;
}
