// Prints one ticket on the configured printer and says what happened; never throws, because a
// failed print must not lose the ticket: the caller shows the number on screen, offers a reprint
// and reports the fault to the server. Node only (used by the kiosk main process and the server).
import { ThermalPrinter, PrinterTypes } from 'node-thermal-printer';
import type { PrinterSettings } from '@hall/shared/contracts/entities';
import { buildTicketContent } from './ticketLayout';
import type { TicketPrintData } from '@hall/shared/ticketPrintData';
import { buildTicketBytes } from './escpos';
import { checkDevicePath } from './deviceCheck';
import { probePaper } from './paperStatus';
import {
  describeTarget,
  parsePrinterInterface,
  type PrinterDriver,
  type PrinterTarget,
} from './printerInterface';
import { faultFromError, printFault, withDeadline, type PrintFault } from './printFault';
import { writeVirtualTicket } from './virtualPrinter';

export type { PrintFault } from './printFault';
export type { PrinterDriver } from './printerInterface';
export type { TicketPrintData } from '@hall/shared/ticketPrintData';

export type PrintOutcome = { ok: true } | { ok: false; fault: PrintFault };

export interface PrintOptions {
  /** Folder for the virtual printer's files (<dataDir>/printer/). */
  dataDir: string;
  /** Upper bound for the whole print, status check included. */
  timeoutMs: number;
  /** Spooler module for 'printer:NAME' interfaces. */
  driver?: PrinterDriver;
}

/** Longest wait for the paper-status answer; a printer on the LAN answers in a few milliseconds. */
const STATUS_WAIT_MAX_MS = 800;

export async function printTicket(
  settings: PrinterSettings,
  data: TicketPrintData,
  opts: PrintOptions,
): Promise<PrintOutcome> {
  try {
    const parsed = parsePrinterInterface(settings.interface);
    if (!parsed.ok) return { ok: false, fault: { code: 'error', message: parsed.message } };
    const columns = settings.widthColumns > 0 ? settings.widthColumns : 48;
    const bytes = buildTicketBytes(buildTicketContent(data, columns), columns);
    return await sendToTarget(parsed.target, bytes, data.number, columns, opts);
  } catch (error) {
    return { ok: false, fault: faultFromError(error, settings.interface) };
  }
}

async function sendToTarget(
  target: PrinterTarget,
  bytes: Buffer,
  ticketNumber: string,
  columns: number,
  opts: PrintOptions,
): Promise<PrintOutcome> {
  const where = describeTarget(target);
  const deadline = Date.now() + opts.timeoutMs;
  if (target.kind === 'virtual') {
    await writeVirtualTicket(opts.dataDir, ticketNumber, bytes, columns);
    return { ok: true };
  }
  if (target.kind === 'tcp') {
    const probe = await probePaper(
      target.host,
      target.port,
      Math.min(STATUS_WAIT_MAX_MS, opts.timeoutMs / 3),
    );
    if (probe.state === 'paper_out') return { ok: false, fault: printFault('paper_out', where) };
    if (probe.state === 'unreachable')
      return { ok: false, fault: printFault('offline', where, probe.reason) };
    if (probe.state === 'closed') return { ok: false, fault: printFault('offline', where, 'closed') };
    // ok / no_answer / no_connect: go ahead; a printer that really hangs runs into the time-out.
  }
  let devicePath: string | null = null;
  if (target.kind === 'device') {
    const checked = await checkDevicePath(target.path);
    if (!checked.ok && checked.reason === 'missing')
      return { ok: false, fault: printFault('offline', where, 'ENOENT') };
    if (!checked.ok) return { ok: false, fault: { code: 'error', message: checked.message } };
    // Print to what was checked, not to a name a symlink could repoint in between.
    devicePath = checked.resolvedPath;
  }
  if (target.kind === 'driver' && !opts.driver) {
    return { ok: false, fault: printFault('error', where, 'no driver') };
  }
  const remaining = Math.max(1, deadline - Date.now());
  const printer = new ThermalPrinter({
    type: PrinterTypes.EPSON,
    interface: target.kind === 'tcp' ? target.uri : (devicePath ?? where),
    width: columns,
    driver: opts.driver,
    options: { timeout: remaining },
  });
  printer.add(bytes);
  try {
    await withDeadline(printer.execute(), remaining);
    return { ok: true };
  } catch (error) {
    return { ok: false, fault: faultFromError(error, where) };
  }
}
