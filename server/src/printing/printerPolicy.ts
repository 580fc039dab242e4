// The server's own rule for printer targets on top of the shared syntax check: ticket bytes (with
// admin-written footer text) must not be sent to this machine's own services. A hall that really
// runs its printer bridge on the server PC says so with PRINTER_ALLOW_LOOPBACK=1.
import { isLoopbackHost, parsePrinterInterface } from '@hall/printing/printerInterface';

/** Why the server will not print to `printerInterface`, in Chinese and English; null when it will. */
export function printerTargetProblem(printerInterface: string, allowLoopback: boolean): string | null {
  const parsed = parsePrinterInterface(printerInterface);
  if (!parsed.ok) return parsed.message;
  const target = parsed.target;
  if (target.kind === 'tcp' && !allowLoopback && isLoopbackHost(target.host)) {
    return `打印机地址指向服务器本机（如确需如此，请设置 PRINTER_ALLOW_LOOPBACK=1）：${target.uri} / The printer address points at this server (set PRINTER_ALLOW_LOOPBACK=1 if that is really meant): ${target.uri}`;
  }
  return null;
}
