// The one object the Electron preload puts on `window.kioskHost`. Types only: the renderer
// (compiled by vue-tsc for the browser) imports this file, so it must not touch Node or Electron.
// A renderer declares: `declare global { interface Window { kioskHost?: KioskHostApi } }`.
import type { PrinterFault } from '@hall/shared/contracts/entities';
import type { TicketPrintData } from '@hall/shared/ticketPrintData';

export type { TicketPrintData };

export interface KioskHostConfig {
  /** Origin of the hall server, e.g. 'http://192.168.1.10:3000'. */
  serverUrl: string;
  /** The key this window's page authenticates its socket with (kiosk key or display key). */
  deviceKey: string;
  /** What this PC runs, from the config file. */
  role: 'kiosk' | 'display' | 'both' | 'evaluator';
  /** Which page this window is. */
  windowRole: 'kiosk' | 'display';
  language: 'zh-CN' | 'en';
  idleSeconds: number;
  appVersion: string;
}

export interface PrintFault {
  code: PrinterFault['code'];
  message: string;
}

export type PrintOutcome = { ok: true } | { ok: false; fault: PrintFault };

/**
 * What a card reader gave us, checked: the masked number and birth date. The number itself only
 * while the appointment check-in screen asks for it (setCheckInReading): the page sends it in
 * `appointment:checkIn`, where the server matches the booking by its keyed hash, and keeps it
 * nowhere. Otherwise the full number never leaves the main process.
 */
export type IdNumberRead =
  | { valid: true; masked: string; birthDate: string; number?: string }
  | { valid: false; problem: 'format' | 'birth_date' | 'check_character' };

export interface HostPlatform {
  os: string;
  arch: string;
  electron: string;
  chrome: string;
}

export interface KioskHostApi {
  readonly platform: HostPlatform;
  getConfig(): Promise<KioskHostConfig>;
  /** Prints one ticket on the local printer; never rejects for a printer fault (see PrintOutcome). */
  print(data: TicketPrintData): Promise<PrintOutcome>;
  /** Subscribes to a hardware card reader, if one is attached; returns the unsubscribe function. */
  onIdNumberRead(listener: (read: IdNumberRead) => void): () => void;
  /** The check-in screen opens (true) or closes (false): only meanwhile do reads carry the number. */
  setCheckInReading(on: boolean): Promise<void>;
}
