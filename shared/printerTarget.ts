// Which printer targets a kiosk or the server may send ticket bytes to, read from a setting such
// as PrinterSettings.interface. Pure (the admin console's payload schema uses it too); the checks
// that need the file system (is this path really a character device?) live in @hall/printing.
//   'tcp://host:port'    network printer (raw port, 9100 when the port is left out)
//   '/dev/usb/lp0'       a device path under /dev (Linux); 'COM3', 'LPT1', '\\.\COM3', '\\host\printer' (Windows)
//   'printer:NAME'       a driver (spooler) printer; needs a driver module such as `printer`
//   'virtual'            no paper: files in the data folder (demo, tests)
// Anything else is refused, because whatever is accepted here receives bytes partly written by an
// admin (the ticket footer): a file path would let an admin overwrite files, and an arbitrary
// host:port would let them talk to the hall's other services.

export type PrinterTarget =
  | { kind: 'tcp'; host: string; port: number; uri: string }
  | { kind: 'device'; path: string }
  | { kind: 'driver'; printerName: string }
  | { kind: 'virtual' };

export type ParsedPrinterInterface = { ok: true; target: PrinterTarget } | { ok: false; message: string };

const TCP = /^tcp:\/\/([A-Za-z0-9.-]+)(?::(\d{1,5}))?\/?$/i;
const WINDOWS_PORT = /^(COM\d{1,3}|LPT\d)$/i;
/** '\\.\COM3', '\\.\LPT1', '\\.\USB001': Windows device names, never files. */
const WINDOWS_DEVICE = /^\\\\\.\\(COM\d{1,3}|LPT\d|USB\d{3})$/i;
/** '\\host\printer': a shared printer, exactly two parts (a third would be a file on a share). */
const WINDOWS_SHARE = /^\\\\[A-Za-z0-9][A-Za-z0-9.-]{0,62}\\[A-Za-z0-9_.$ -]{1,80}$/;
/** One path segment under /dev: letters, digits and the few marks real device names use. */
const DEV_SEGMENT = /^[A-Za-z0-9_.:+@-]{1,100}$/;

/**
 * Ports no receipt printer listens on but the hall's other services do: the well-known range and
 * common databases, caches and container APIs. Bytes sent there could be read as commands.
 */
const REFUSED_PORTS = new Set([2375, 2376, 2379, 3306, 5432, 5984, 6379, 6443, 9200, 9300, 11211, 27017]);

function invalid(text: string, why: string): ParsedPrinterInterface {
  return {
    ok: false,
    message: `打印机接口设置无效（${why}）：'${text}' / Invalid printer interface (${why}): '${text}'`,
  };
}

function ipv4(host: string): number[] | null {
  const parts = host.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return null;
  const bytes = parts.map(Number);
  return bytes.every((b) => b <= 255) ? bytes : null;
}

/** True for addresses of this very machine (the server's own services live there). */
export function isLoopbackHost(host: string): boolean {
  const lower = host.toLowerCase().replace(/\.$/, '');
  if (lower === 'localhost' || lower.endsWith('.localhost')) return true;
  const bytes = ipv4(lower);
  return bytes !== null && bytes[0] === 127;
}

/** Why a network target is clearly not a printer, or null. Loopback is judged by the caller. */
function tcpProblem(host: string, port: number): string | null {
  if (port < 1 || port > 65535) return '端口超出范围 port out of range';
  if (port < 1024) return '不能使用 1024 以下的系统端口 ports below 1024 belong to other services';
  if (REFUSED_PORTS.has(port))
    return `端口 ${port} 属于数据库或其他服务 port ${port} belongs to a database or other service`;
  const bytes = ipv4(host);
  if (bytes) {
    const [a, b] = bytes as [number, number, number, number];
    if (a === 0) return '不是可连接的地址 not a reachable address';
    if (a >= 224) return '组播或保留地址 multicast or reserved address';
    if (a === 169 && b === 254) return '链路本地地址 link-local address';
  } else if (/^[\d.]+$/.test(host)) {
    return '地址格式错误 malformed address';
  }
  if (host.startsWith('.') || host.startsWith('-') || host.includes('..'))
    return '主机名格式错误 malformed host name';
  return null;
}

function devicePathProblem(text: string): string | null {
  if (!text.startsWith('/dev/')) return '设备路径必须在 /dev/ 下 a device path must be under /dev/';
  const segments = text.slice('/dev/'.length).split('/');
  for (const segment of segments) {
    if (segment === '.' || segment === '..') return '路径不能含 . 或 .. a path must not contain . or ..';
    if (!DEV_SEGMENT.test(segment)) return '设备路径含无效字符或空段 bad character or empty part in the path';
  }
  return null;
}

export function parsePrinterInterface(raw: string): ParsedPrinterInterface {
  const text = raw.trim();
  if (text === '') return invalid(raw, '为空 empty');
  if (text.length > 200) return invalid(text.slice(0, 40), '过长 too long');
  if (text.toLowerCase() === 'virtual') return { ok: true, target: { kind: 'virtual' } };
  if (/^tcp:/i.test(text)) {
    const match = TCP.exec(text);
    if (!match) return invalid(text, '应为 tcp://主机:端口 expected tcp://host:port');
    const port = match[2] === undefined ? 9100 : Number(match[2]);
    const host = match[1]!.toLowerCase();
    const problem = tcpProblem(host, port);
    if (problem) return invalid(text, problem);
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
  if (WINDOWS_DEVICE.test(text))
    return { ok: true, target: { kind: 'device', path: `\\\\.\\${text.slice(4).toUpperCase()}` } };
  if (WINDOWS_SHARE.test(text)) return { ok: true, target: { kind: 'device', path: text } };
  if (text.startsWith('/')) {
    const problem = devicePathProblem(text);
    if (problem) return invalid(text, problem);
    return { ok: true, target: { kind: 'device', path: text } };
  }
  return invalid(text, '无法识别 not recognised');
}

/** Where the printer is, for fault messages shown to staff and for the audit log. */
export function describeTarget(target: PrinterTarget): string {
  if (target.kind === 'tcp') return target.uri;
  if (target.kind === 'device') return target.path;
  if (target.kind === 'driver') return `printer:${target.printerName}`;
  return 'virtual';
}
