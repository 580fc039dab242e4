// The main-process side of window.kioskHost. Every request is checked twice: who sent it (the
// sending frame must be one of our pages on the configured server) and what it carries (zod).
// A print never rejects: a printer fault comes back as a PrintOutcome so the kiosk screen can show
// the number huge and offer a reprint (DESIGN §8).
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { PrinterSettings } from '@hall/shared/contracts/entities';
import type { TicketPrintData } from '@hall/shared/ticketPrintData';
import type { KioskHostConfig, PrintOutcome } from '../preload/api';
import { IPC_CHANNELS } from '../preload/channels';
import type { KioskConfig } from './config';
import type { Log } from './hardening';
import { checkPrintPayload } from './printPayload';
import { deviceKeyFor } from './roles';
import { pageRoleOf, type PageRole } from './urlTrust';

export type PrintTicketFn = (
  settings: PrinterSettings,
  data: TicketPrintData,
  opts: { dataDir: string; timeoutMs: number },
) => Promise<PrintOutcome>;

export interface IpcDeps {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  config: KioskConfig;
  appVersion: string;
  printTicket: PrintTicketFn;
  log: Log;
  /** The kiosk page's check-in screen opened or closed (card reads carry the number meanwhile). */
  onCheckInReading?: (on: boolean) => void;
}

/** Thrown to the caller when a frame that is not ours asks; the page sees only a rejected promise. */
export class UntrustedSenderError extends Error {
  constructor(channel: string, url: string) {
    super(`${channel} refused for ${url || '(no frame)'}`);
    this.name = 'UntrustedSenderError';
  }
}

/** Which of our pages sent this, or null. Only top-level frames count: an embedded frame is never ours. */
export function senderPageRole(
  event: Pick<IpcMainInvokeEvent, 'senderFrame'>,
  serverUrl: string,
): PageRole | null {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return null;
  return pageRoleOf(frame.url, serverUrl);
}

export function registerIpcHandlers(deps: IpcDeps): () => void {
  const { ipcMain, config, log } = deps;

  const requireSender = (
    event: IpcMainInvokeEvent,
    channel: string,
    allowed: readonly PageRole[],
  ): PageRole => {
    const role = senderPageRole(event, config.serverUrl);
    if (role === null || !allowed.includes(role)) {
      const url = event.senderFrame?.url ?? '';
      log(`IPC ${channel} refused: sender ${url || '(no frame)'}`);
      throw new UntrustedSenderError(channel, url);
    }
    return role;
  };

  // One ticket at a time: two overlapping jobs on one ESC/POS printer interleave their bytes.
  let printQueue: Promise<unknown> = Promise.resolve();

  const print = async (payload: unknown): Promise<PrintOutcome> => {
    const printer = config.printer;
    if (printer === null) {
      return { ok: false, fault: { code: 'error', message: 'No printer is configured on this device' } };
    }
    const checked = checkPrintPayload(payload);
    if (!checked.ok) {
      log(`print refused: invalid ticket data (${checked.problem})`);
      return { ok: false, fault: { code: 'error', message: `Invalid ticket data: ${checked.problem}` } };
    }
    const job = printQueue.then(() =>
      deps.printTicket(printer, checked.data, { dataDir: config.dataDir, timeoutMs: config.printTimeoutMs }),
    );
    printQueue = job.catch(() => undefined);
    try {
      const outcome = await job;
      if (!outcome.ok) log(`print fault ${outcome.fault.code}: ${outcome.fault.message}`);
      return outcome;
    } catch (error) {
      log(`print failed: ${String(error)}`);
      return { ok: false, fault: { code: 'error', message: String(error) } };
    }
  };

  ipcMain.handle(IPC_CHANNELS.getConfig, (event): KioskHostConfig => {
    const windowRole = requireSender(event, IPC_CHANNELS.getConfig, ['kiosk', 'display']);
    return {
      serverUrl: config.serverUrl,
      deviceKey: deviceKeyFor(config, windowRole),
      role: config.role,
      windowRole,
      language: config.language,
      idleSeconds: config.idleSeconds,
      appVersion: deps.appVersion,
    };
  });

  ipcMain.handle(IPC_CHANNELS.print, (event, payload: unknown) => {
    // A display page has no business driving the printer.
    requireSender(event, IPC_CHANNELS.print, ['kiosk']);
    return print(payload);
  });

  ipcMain.handle(IPC_CHANNELS.checkInReading, (event, on: unknown) => {
    // Only the kiosk page may ask for card numbers, and only a strict true turns it on.
    requireSender(event, IPC_CHANNELS.checkInReading, ['kiosk']);
    deps.onCheckInReading?.(on === true);
  });

  return () => {
    ipcMain.removeHandler(IPC_CHANNELS.getConfig);
    ipcMain.removeHandler(IPC_CHANNELS.print);
    ipcMain.removeHandler(IPC_CHANNELS.checkInReading);
  };
}
