import { afterEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { printTicket, type PrinterDriver } from './printTicket';
import { decodeEscPos } from './decodeEscPos';
import { startFakePrinter, type FakePrinter } from '../../test/support/fakePrinter';
import { sampleTicket } from '../../test/support/sampleTicket';
import { openPtyDevice } from '../../test/support/ptyDevice';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((clean) => clean()));
});

async function fake(opts: Parameters<typeof startFakePrinter>[0] = {}): Promise<FakePrinter> {
  const printer = await startFakePrinter(opts);
  cleanups.push(() => printer.close());
  return printer;
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'print-test-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const settingsFor = (iface: string) => ({ interface: iface, widthColumns: 48 });
const opts = { dataDir: tmpdir(), timeoutMs: 2000 };

/** The connection that carried the ticket (the first one only asked for the paper status). */
const ticketBytes = (printer: FakePrinter): Buffer => printer.received().find((b) => b.length > 100)!;

describe('printTicket over TCP', () => {
  it('prints a Chinese ticket the fake printer can decode: text, a 6× number, QR, cut', async () => {
    const printer = await fake();
    const outcome = await printTicket(settingsFor(printer.url), sampleTicket(), opts);
    expect(outcome).toEqual({ ok: true });
    await printer.waitForConnections(2);
    const decoded = decodeEscPos(ticketBytes(printer));
    const text = decoded.lines.map((l) => l.text).join('\n');
    expect(text).toContain('出入境');
    expect(text).toContain('老年人优先');
    expect(text).toContain('滨江区政务服务中心');
    expect(text).toContain('前面还有 3 人');
    expect(decoded.lines.find((l) => l.text.trim() === 'A-L023')).toMatchObject({
      widthScale: 6,
      heightScale: 6,
    });
    expect(decoded.qrPayloads).toEqual(['http://127.0.0.1:8080/t/abc123XYZ']);
    expect(decoded.cuts).toEqual([{ partial: true }]);
    expect(decoded.unknown).toEqual([]);
    expect(decoded.problems).toEqual([]); // every Chinese byte was sent in Chinese mode
  });

  it('asks for the paper status first (DLE EOT 4) on its own connection', async () => {
    const printer = await fake();
    await printTicket(settingsFor(printer.url), sampleTicket(), opts);
    await printer.waitForConnections(2);
    expect(printer.received()[0]).toEqual(Buffer.from([0x10, 0x04, 0x04]));
  });

  it('round-trips a character outside GBK (GB18030 only) to the printer', async () => {
    const printer = await fake();
    await printTicket(settingsFor(printer.url), sampleTicket({ hallName: '𠀀㐀政务大厅' }), opts);
    await printer.waitForConnections(2);
    const lines = decodeEscPos(ticketBytes(printer)).lines.map((l) => l.text.trim());
    expect(lines).toContain('𠀀㐀政务大厅');
  });

  it('still prints when the printer does not answer status requests', async () => {
    const printer = await fake({ status: 'silent' });
    const started = Date.now();
    expect(await printTicket(settingsFor(printer.url), sampleTicket(), opts)).toEqual({ ok: true });
    await printer.waitForConnections(2);
    expect(decodeEscPos(ticketBytes(printer)).qrPayloads).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(opts.timeoutMs);
  });

  it('reports paper out, and sends no ticket into the empty printer', async () => {
    const printer = await fake({ status: 'paper_out' });
    const outcome = await printTicket(settingsFor(printer.url), sampleTicket(), opts);
    expect(outcome).toMatchObject({ ok: false, fault: { code: 'paper_out' } });
    if (!outcome.ok) expect(outcome.fault.message).toContain('缺纸');
    await printer.waitForConnections(1);
    expect(printer.received()).toHaveLength(1);
  });

  it('reports a refused connection as offline', async () => {
    const printer = await fake({ behaviour: 'not_listening' });
    const outcome = await printTicket(settingsFor(printer.url), sampleTicket(), opts);
    expect(outcome).toMatchObject({ ok: false, fault: { code: 'offline' } });
    if (!outcome.ok) {
      expect(outcome.fault.message).toContain('打印机离线');
      expect(outcome.fault.message).toContain(printer.url);
    }
  });

  it('reports a printer that accepts and drops the connection as offline', async () => {
    const printer = await fake({ behaviour: 'close' });
    const outcome = await printTicket(settingsFor(printer.url), sampleTicket(), opts);
    expect(outcome).toMatchObject({ ok: false, fault: { code: 'offline' } });
  });

  it('reports a hanging printer as a time-out within the configured time-out', async () => {
    const printer = await fake({ behaviour: 'hang' });
    const timeoutMs = 1200;
    const started = Date.now();
    const outcome = await printTicket(settingsFor(printer.url), sampleTicket(), { ...opts, timeoutMs });
    const elapsed = Date.now() - started;
    expect(outcome).toMatchObject({ ok: false, fault: { code: 'timeout' } });
    expect(elapsed).toBeGreaterThanOrEqual(timeoutMs * 0.9);
    expect(elapsed).toBeLessThan(timeoutMs + 1000); // generous: other test files share the CPU
  });
});

describe('printTicket to other targets', () => {
  it('writes the ticket to a character device under /dev (a pseudo-terminal standing in for /dev/usb/lp0)', async () => {
    const device = await openPtyDevice();
    cleanups.push(async () => device.close());
    expect(await printTicket(settingsFor(device.path), sampleTicket(), opts)).toEqual({ ok: true });
    const bytes = await device.waitFor((b) => decodeEscPos(b).cuts.length > 0);
    const decoded = decodeEscPos(bytes);
    expect(decoded.lines.some((l) => l.text.includes('出入境'))).toBe(true);
    expect(decoded.qrPayloads).toEqual(['http://127.0.0.1:8080/t/abc123XYZ']);
  });

  it('reports a missing device as offline, without creating it', async () => {
    const device = `/dev/hall-test-missing-${process.pid}/lp9`;
    const outcome = await printTicket(settingsFor(device), sampleTicket(), opts);
    expect(outcome).toMatchObject({ ok: false, fault: { code: 'offline' } });
    expect(existsSync(path.dirname(device))).toBe(false);
  });

  it('never writes to a regular file, even one reached through a symlink under /dev', async () => {
    const dir = await tempDir();
    const victim = path.join(dir, 'precious.txt');
    await writeFile(victim, 'keep me');
    // A file path outside /dev and a '/dev/../' escape are refused before anything is opened.
    for (const target of [victim, `/dev/..${victim}`, '/etc/passwd']) {
      const outcome = await printTicket(settingsFor(target), sampleTicket(), opts);
      expect(outcome, target).toMatchObject({ ok: false, fault: { code: 'error' } });
    }
    // /dev/stdout resolves to /proc/self/fd/1, outside /dev.
    const stdout = await printTicket(settingsFor('/dev/stdout'), sampleTicket(), opts);
    expect(stdout).toMatchObject({ ok: false, fault: { code: 'error' } });
    if (!stdout.ok) expect(stdout.fault.message).toContain('Device path refused');
    expect(await readFile(victim, 'utf8')).toBe('keep me');
  });

  it('prints through an injected spooler driver for printer:NAME', async () => {
    const jobs: Array<{ printer: string; data: Buffer; type: string }> = [];
    const driver: PrinterDriver = {
      getPrinters: () => [{ name: 'Kiosk', attributes: ['RAW-ONLY'] }],
      getPrinter: () => ({ status: [] }),
      printDirect: (job) => {
        jobs.push(job);
        job.success(7);
      },
    };
    expect(await printTicket(settingsFor('printer:Kiosk'), sampleTicket(), { ...opts, driver })).toEqual({
      ok: true,
    });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ printer: 'Kiosk', type: 'RAW' });
    expect(decodeEscPos(jobs[0]!.data).qrPayloads).toEqual(['http://127.0.0.1:8080/t/abc123XYZ']);
  });

  it('turns a spooler error into a fault', async () => {
    const driver: PrinterDriver = {
      getPrinters: () => [],
      getPrinter: () => undefined,
      printDirect: (job) => job.error(new Error('Printer Kiosk not found')),
    };
    const outcome = await printTicket(settingsFor('printer:Kiosk'), sampleTicket(), { ...opts, driver });
    expect(outcome).toMatchObject({ ok: false, fault: { code: 'error' } });
    if (!outcome.ok) expect(outcome.fault.message).toContain('Printer Kiosk not found');
  });

  it('explains that a driver printer needs a driver module', async () => {
    const outcome = await printTicket(settingsFor('printer:Kiosk'), sampleTicket(), opts);
    expect(outcome).toMatchObject({ ok: false, fault: { code: 'error' } });
    if (!outcome.ok) {
      expect(outcome.fault.message).toContain('未配置打印驱动');
      expect(outcome.fault.message).toContain('no printer driver module configured');
    }
  });

  it('answers a bad interface setting with a fault instead of throwing', async () => {
    const outcome = await printTicket(settingsFor('usb please'), sampleTicket(), opts);
    expect(outcome).toMatchObject({ ok: false, fault: { code: 'error' } });
  });

  it('prints on the virtual printer into <dataDir>/printer', async () => {
    const dataDir = await tempDir();
    expect(await printTicket(settingsFor('virtual'), sampleTicket(), { ...opts, dataDir })).toEqual({
      ok: true,
    });
    const files = (await readdir(path.join(dataDir, 'printer'))).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(/^A-L023-\d{8}T\d{9}Z\.bin$/);
    expect(files[1]).toBe(files[0]!.replace(/\.bin$/, '.txt'));
  });
});
