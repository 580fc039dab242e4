import { describe, expect, it } from 'vitest';
import { DeadlineExceeded, faultFromError, printFault, withDeadline } from './printFault';

const errno = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`connect ${code}`), { code });

describe('faultFromError', () => {
  it('maps what node-thermal-printer and sockets throw onto fault codes', () => {
    expect(faultFromError(errno('ECONNREFUSED'), 'tcp://p:9100').code).toBe('offline');
    expect(faultFromError(errno('EHOSTUNREACH'), 'tcp://p:9100').code).toBe('offline');
    expect(faultFromError(new Error('Socket timeout'), 'tcp://p:9100').code).toBe('timeout');
    expect(faultFromError(new DeadlineExceeded(100), 'x').code).toBe('timeout');
    expect(faultFromError('Printer Error', '/dev/usb/lp0')).toMatchObject({ code: 'error' });
    expect(faultFromError(errno('EACCES'), '/dev/usb/lp0').message).toContain('EACCES');
  });

  it('writes Chinese first, English second, and fits the server’s 300-character limit', () => {
    const fault = printFault('offline', 'tcp://p:9100', 'ECONNREFUSED');
    expect(fault.message).toBe(
      '打印机离线或无法连接（连接被拒绝）：tcp://p:9100 / Printer offline or unreachable (connection refused): tcp://p:9100',
    );
    expect(printFault('error', 'x', 'y'.repeat(500)).message.length).toBeLessThanOrEqual(300);
  });
});

describe('withDeadline', () => {
  it('passes results through and rejects work that takes too long', async () => {
    await expect(withDeadline(Promise.resolve(5), 100)).resolves.toBe(5);
    await expect(withDeadline(new Promise(() => undefined), 30)).rejects.toBeInstanceOf(DeadlineExceeded);
  });
});
