// Printer faults in words staff understand (Chinese first, English second), and the mapping from
// what node-thermal-printer and Node's sockets throw. Its TCP interface rejects with the socket
// error (code ECONNREFUSED, ECONNRESET, EHOSTUNREACH…) on refusal and with Error('Socket timeout')
// when the connection stays idle past `options.timeout`; its file interface rejects with the
// string 'Printer Error' after 5 s; driver printers reject with whatever the spooler reports.

export type PrintFaultCode = 'offline' | 'paper_out' | 'timeout' | 'error';

export interface PrintFault {
  code: PrintFaultCode;
  message: string;
}

const WORDS: Record<PrintFaultCode, { zh: string; en: string }> = {
  offline: { zh: '打印机离线或无法连接', en: 'Printer offline or unreachable' },
  paper_out: { zh: '打印机缺纸，请更换纸卷', en: 'Printer is out of paper; please load a new roll' },
  timeout: { zh: '打印机无响应（超时）', en: 'Printer did not respond (time-out)' },
  error: { zh: '打印失败', en: 'Printing failed' },
};

/** Known details in words; anything else (a spooler's own message) is shown as it came. */
const DETAILS: Record<string, { zh: string; en: string }> = {
  'no driver': { zh: '未配置打印驱动模块，无法使用驱动打印机', en: 'no printer driver module configured' },
  ENOENT: { zh: '找不到打印机设备', en: 'device not found' },
  closed: { zh: '打印机关闭了连接', en: 'the printer closed the connection' },
  ECONNREFUSED: { zh: '连接被拒绝', en: 'connection refused' },
  EHOSTUNREACH: { zh: '网络不通', en: 'host unreachable' },
};

/** PrinterFault messages travel to the server, which accepts at most 300 characters. */
const MAX_MESSAGE = 300;

export function printFault(code: PrintFaultCode, where: string, detail?: string): PrintFault {
  const words = WORDS[code];
  const known = detail ? DETAILS[detail] : undefined;
  const zhDetail = detail ? `（${known?.zh ?? detail}）` : '';
  const enDetail = detail ? ` (${known?.en ?? detail})` : '';
  const message = `${words.zh}${zhDetail}：${where} / ${words.en}${enDetail}: ${where}`;
  return { code, message: message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE - 1)}…` : message };
}

const OFFLINE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENETDOWN',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENOENT',
  'ENODEV',
  'ENXIO',
]);

export class DeadlineExceeded extends Error {
  constructor(ms: number) {
    super(`no result within ${ms} ms`);
    this.name = 'DeadlineExceeded';
  }
}

export function faultFromError(error: unknown, where: string): PrintFault {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof DeadlineExceeded || message === 'Socket timeout' || code === 'ETIMEDOUT') {
    return printFault('timeout', where);
  }
  if (code && OFFLINE_CODES.has(code)) return printFault('offline', where, code);
  return printFault('error', where, code ? `${code}: ${message}` : message);
}

/** Settles with `work`, or rejects with DeadlineExceeded after `ms` (the work is abandoned). */
export function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new DeadlineExceeded(ms)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
