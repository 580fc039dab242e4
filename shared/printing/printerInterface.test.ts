import { describe, expect, it } from 'vitest';
import { describeTarget, parsePrinterInterface } from './printerInterface';

describe('parsePrinterInterface', () => {
  it('reads network printers, with 9100 as the default raw port', () => {
    expect(parsePrinterInterface('tcp://192.168.1.50:9100')).toEqual({
      ok: true,
      target: { kind: 'tcp', host: '192.168.1.50', port: 9100, uri: 'tcp://192.168.1.50:9100' },
    });
    expect(parsePrinterInterface('TCP://printer-1.hall.local')).toMatchObject({
      ok: true,
      target: { port: 9100 },
    });
    expect(parsePrinterInterface('tcp://host:70000').ok).toBe(false);
    expect(parsePrinterInterface('tcp://').ok).toBe(false);
  });

  it('reads device paths, Linux and Windows', () => {
    expect(parsePrinterInterface('/dev/usb/lp0')).toEqual({
      ok: true,
      target: { kind: 'device', path: '/dev/usb/lp0' },
    });
    expect(parsePrinterInterface('com3')).toEqual({
      ok: true,
      target: { kind: 'device', path: '\\\\.\\COM3' },
    });
    expect(parsePrinterInterface('\\\\.\\LPT1')).toMatchObject({ ok: true, target: { kind: 'device' } });
  });

  it('reads driver printers and virtual', () => {
    expect(parsePrinterInterface('printer:EPSON TM-T82III')).toEqual({
      ok: true,
      target: { kind: 'driver', printerName: 'EPSON TM-T82III' },
    });
    expect(parsePrinterInterface(' virtual ')).toEqual({ ok: true, target: { kind: 'virtual' } });
    expect(parsePrinterInterface('printer:')).toMatchObject({ ok: false });
    expect(parsePrinterInterface('printer:a/b')).toMatchObject({ ok: false });
  });

  it('explains a bad value in Chinese and English', () => {
    const parsed = parsePrinterInterface('usb please');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.message).toContain('打印机接口设置无效');
      expect(parsed.message).toContain('Invalid printer interface');
      expect(parsed.message).toContain('usb please');
    }
  });

  it('describes targets for fault messages', () => {
    expect(describeTarget({ kind: 'tcp', host: 'h', port: 1, uri: 'tcp://h:1' })).toBe('tcp://h:1');
    expect(describeTarget({ kind: 'driver', printerName: 'P' })).toBe('printer:P');
  });
});
