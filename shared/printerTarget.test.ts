import { describe, expect, it } from 'vitest';
import { isLoopbackHost, parsePrinterInterface } from './printerTarget';

const refused = (text: string) => {
  const parsed = parsePrinterInterface(text);
  return parsed.ok ? null : parsed.message;
};

describe('parsePrinterInterface: what can never be a printer', () => {
  it.each([
    '/dev/../etc/passwd',
    '/dev/usb/../../etc/shadow',
    '/dev/./lp0',
    '/dev//lp0',
    '/dev/',
    '/etc/passwd',
    '/tmp/ticket.bin',
    '/home/hall/data/hall.sqlite',
    'C:\\Windows\\win.ini',
    'c:/hall/data/hall.sqlite',
    '\\\\server\\share\\file.txt',
    '\\\\.\\PhysicalDrive0',
    '/dev/usb/lp0\u0000',
    '/dev/lp0 ; rm -rf /',
  ])('refuses the path %s', (text) => {
    expect(refused(text)).toMatch(/打印机接口设置无效.*Invalid printer interface/);
  });

  it.each([
    ['tcp://printer:22', 'ports below 1024'],
    ['tcp://printer:80', 'ports below 1024'],
    ['tcp://10.0.0.5:5432', 'database'],
    ['tcp://10.0.0.5:6379', 'database'],
    ['tcp://0.0.0.0:9100', 'not a reachable address'],
    ['tcp://255.255.255.255:9100', 'multicast or reserved'],
    ['tcp://239.1.1.1:9100', 'multicast or reserved'],
    ['tcp://169.254.169.254:9100', 'link-local'],
    ['tcp://300.1.1.1:9100', 'malformed address'],
    ['tcp://printer:0', 'port out of range'],
    ['tcp://printer:70000', 'port out of range'],
    ['tcp://-printer:9100', 'malformed host name'],
  ])('refuses the network target %s (%s)', (text, why) => {
    expect(refused(text)).toContain(why);
  });

  it('accepts real printers: device paths under /dev, Windows ports and shares, LAN printers', () => {
    expect(parsePrinterInterface('/dev/usb/lp0')).toEqual({
      ok: true,
      target: { kind: 'device', path: '/dev/usb/lp0' },
    });
    expect(parsePrinterInterface('/dev/serial/by-id/usb-Printer_1.0-if00')).toMatchObject({ ok: true });
    expect(parsePrinterInterface('\\\\.\\usb001')).toEqual({
      ok: true,
      target: { kind: 'device', path: '\\\\.\\USB001' },
    });
    expect(parsePrinterInterface('\\\\HALL-PC\\TM-T82')).toMatchObject({
      ok: true,
      target: { kind: 'device' },
    });
    expect(parsePrinterInterface('tcp://192.168.1.50:9100')).toMatchObject({ ok: true });
    expect(parsePrinterInterface('tcp://Printer-1.Hall.local:9101')).toEqual({
      ok: true,
      target: {
        kind: 'tcp',
        host: 'printer-1.hall.local',
        port: 9101,
        uri: 'tcp://printer-1.hall.local:9101',
      },
    });
  });
});

describe('isLoopbackHost', () => {
  it('knows the addresses of this machine', () => {
    for (const host of ['localhost', 'LOCALHOST.', 'a.localhost', '127.0.0.1', '127.8.9.10']) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of ['192.168.1.50', 'printer.local', '10.127.0.1'])
      expect(isLoopbackHost(host), host).toBe(false);
  });
});
