// Printer targets: which settings are accepted is decided by the pure parser in @hall/shared
// (the admin payload schema uses the same one); this file adds what only Node code needs.
export {
  describeTarget,
  isLoopbackHost,
  parsePrinterInterface,
  type ParsedPrinterInterface,
  type PrinterTarget,
} from '@hall/shared/printerTarget';

/**
 * The subset of a native spooler module (e.g. the `printer` / `@thiagoelg/node-printer` package)
 * node-thermal-printer calls for 'printer:NAME'. Injected so this code needs no native addon.
 */
export interface PrinterDriver {
  getPrinters(): Array<{ name: string; attributes: string[] }>;
  getPrinter(name: string): { status: string[] } | undefined;
  printDirect(job: {
    data: Buffer;
    printer: string;
    type: 'RAW';
    docname?: string | false;
    success: (jobId: string | number) => void;
    error: (error: unknown) => void;
  }): void;
}
