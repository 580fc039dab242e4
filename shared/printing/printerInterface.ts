// Parses PrinterSettings.interface: where the ticket bytes go.
//   'tcp://host:port'    network printer (raw port, 9100 when the port is left out)
//   '/dev/usb/lp0'       a device path (Linux); 'COM3', 'LPT1', '\\.\COM3', '\\host\share' (Windows)
//   'printer:NAME'       a driver (spooler) printer; needs a driver module such as `printer`
//   'virtual'            no paper: files in the data folder (demo, tests)

export type PrinterTarget =
  | { kind: 'tcp'; host: string; port: number; uri: string }
  | { kind: 'device'; path: string }
  | { kind: 'driver'; printerName: string }
  | { kind: 'virtual' };

export type ParsedPrinterInterface = { ok: true; target: PrinterTarget } | { ok: false; message: string };

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

const TCP = /^tcp:\/\/([A-Za-z0-9.-]+)(?::(\d{1,5}))?\/?$/i;
const WINDOWS_PORT = /^(COM\d{1,3}|LPT\d)$/i;

function invalid(text: string, why: string): ParsedPrinterInterface {
  return {
    ok: false,
    message: `打印机接口设置无效（${why}）：'${text}' / Invalid printer interface (${why}): '${text}'`,
  };
}

export function parsePrinterInterface(raw: string): ParsedPrinterInterface {
  const text = raw.trim();
  if (text === '') return invalid(raw, '为空 empty');
  if (text.toLowerCase() === 'virtual') return { ok: true, target: { kind: 'virtual' } };
  if (/^tcp:/i.test(text)) {
    const match = TCP.exec(text);
    if (!match) return invalid(text, '应为 tcp://主机:端口 expected tcp://host:port');
    const port = match[2] === undefined ? 9100 : Number(match[2]);
    if (port < 1 || port > 65535) return invalid(text, '端口超出范围 port out of range');
    const host = match[1]!;
    return { ok: true, target: { kind: 'tcp', host, port, uri: `tcp://${host}:${port}` } };
  }
  if (/^printer:/i.test(text)) {
    const printerName = text.slice('printer:'.length).trim();
    if (printerName === '') return invalid(text, '缺少打印机名称 printer name missing');
    // node-thermal-printer reads 'printer:NAME/driver'; a '/' in the name would be misread.
    if (printerName.includes('/')) return invalid(text, '打印机名称不能含 / printer name must not contain /');
    return { ok: true, target: { kind: 'driver', printerName } };
  }
  if (WINDOWS_PORT.test(text))
    return { ok: true, target: { kind: 'device', path: `\\\\.\\${text.toUpperCase()}` } };
  if (text.startsWith('/') || text.startsWith('\\\\') || /^[A-Za-z]:[\\/]/.test(text)) {
    return { ok: true, target: { kind: 'device', path: text } };
  }
  return invalid(text, '无法识别 not recognised');
}

/** Where the printer is, for fault messages shown to staff. */
export function describeTarget(target: PrinterTarget): string {
  if (target.kind === 'tcp') return target.uri;
  if (target.kind === 'device') return target.path;
  if (target.kind === 'driver') return `printer:${target.printerName}`;
  return 'virtual';
}
