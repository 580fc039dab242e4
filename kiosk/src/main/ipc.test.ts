import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { TicketPrintData } from '@hall/shared/ticketPrintData';
import type { PrintOutcome } from '../preload/api';
import { parseConfig } from './config';
import { registerIpcHandlers, UntrustedSenderError, type PrintTicketFn } from './ipc';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

const SERVER = 'http://hall.local:3000';

const TICKET: TicketPrintData = {
  hallName: '市公安局出入境大厅',
  serviceNameZh: '出入境',
  serviceNameEn: 'Exit-entry',
  number: 'A-L023',
  priorityClass: 'elderly',
  priorityNameZh: '老年人',
  priorityNameEn: 'Senior',
  proxy: true,
  peopleAhead: 3,
  estimatedWaitMinutes: 12,
  outlook: 'open',
  issuedAt: Date.UTC(2026, 10, 28, 1, 30),
  timeZone: 'Asia/Shanghai',
  statusUrl: 'http://hall.local:3000/t/abc123',
  footer: '请保管好您的号票',
  windowsToWatch: [1, 2],
};

function setup(overrides: Record<string, unknown> = {}, printTicket?: PrintTicketFn) {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: vi.fn((channel: string, handler: Handler) => void handlers.set(channel, handler)),
    removeHandler: vi.fn((channel: string) => void handlers.delete(channel)),
  };
  const config = parseConfig(
    {
      serverUrl: SERVER,
      allowInsecureHttp: true,
      deviceKey: 'kiosk-key-0123456789',
      displayDeviceKey: 'display-key-0123456789',
      role: 'both',
      printer: { interface: 'tcp://192.168.1.50:9100' },
      printTimeoutMs: 5000,
      ...overrides,
    },
    'test.json',
    '/data/printed',
  );
  const print = vi.fn<PrintTicketFn>(printTicket ?? (async () => ({ ok: true })));
  const log = vi.fn<(message: string) => void>();
  const unregister = registerIpcHandlers({ ipcMain, config, appVersion: '1.2.3', printTicket: print, log });
  const invoke = async (
    channel: string,
    url: string | null,
    payload?: unknown,
    parent: object | null = null,
  ) => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    const event = { senderFrame: url === null ? null : { url, parent } } as unknown as IpcMainInvokeEvent;
    return handler(event, payload);
  };
  return { invoke, print, log, handlers, unregister };
}

describe('kiosk:getConfig', () => {
  it('answers our kiosk page with the kiosk key', async () => {
    const { invoke } = setup();
    await expect(invoke('kiosk:getConfig', `${SERVER}/kiosk/`)).resolves.toEqual({
      serverUrl: SERVER,
      deviceKey: 'kiosk-key-0123456789',
      role: 'both',
      windowRole: 'kiosk',
      language: 'zh-CN',
      idleSeconds: 90,
      appVersion: '1.2.3',
    });
  });

  it('answers our display page with the display key', async () => {
    const { invoke } = setup();
    const answer = (await invoke('kiosk:getConfig', `${SERVER}/display/window/3`)) as Record<string, unknown>;
    expect(answer).toMatchObject({ windowRole: 'display', deviceKey: 'display-key-0123456789' });
  });

  it.each([
    ['another host', 'http://evil.example:3000/kiosk/'],
    ['another port', 'http://hall.local:3001/kiosk/'],
    ['user info trick', 'http://hall.local:3000@evil.example/kiosk/'],
    ['a file page', 'file:///opt/app/offline.html'],
    ['our server but not one of our pages', `${SERVER}/console/`],
    ['no frame at all', null],
  ])('refuses %s and logs it, revealing no key', async (_why, url) => {
    const { invoke, log } = setup();
    await expect(invoke('kiosk:getConfig', url)).rejects.toBeInstanceOf(UntrustedSenderError);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('kiosk:getConfig refused'));
  });

  it('refuses a frame embedded in our page', async () => {
    const { invoke } = setup();
    await expect(
      invoke('kiosk:getConfig', `${SERVER}/kiosk/`, undefined, { url: `${SERVER}/kiosk/` }),
    ).rejects.toThrow(UntrustedSenderError);
  });
});

describe('kiosk:print', () => {
  it('prints valid ticket data from the kiosk page with the configured printer and timeout', async () => {
    const { invoke, print } = setup();
    await expect(invoke('kiosk:print', `${SERVER}/kiosk/`, TICKET)).resolves.toEqual({ ok: true });
    expect(print).toHaveBeenCalledWith({ interface: 'tcp://192.168.1.50:9100', widthColumns: 48 }, TICKET, {
      dataDir: '/data/printed',
      timeoutMs: 5000,
    });
  });

  it('refuses an untrusted sender without printing', async () => {
    const { invoke, print } = setup();
    await expect(invoke('kiosk:print', 'http://evil.example/kiosk/', TICKET)).rejects.toBeInstanceOf(
      UntrustedSenderError,
    );
    expect(print).not.toHaveBeenCalled();
  });

  it('refuses the display page: it may not drive the printer', async () => {
    const { invoke, print } = setup();
    await expect(invoke('kiosk:print', `${SERVER}/display/`, TICKET)).rejects.toBeInstanceOf(
      UntrustedSenderError,
    );
    expect(print).not.toHaveBeenCalled();
  });

  it.each([
    ['not an object', 'A023'],
    ['a missing field', { ...TICKET, number: undefined }],
    ['a wrong type', { ...TICKET, peopleAhead: '3' }],
    ['an extra field', { ...TICKET, rawBytes: [27, 64] }],
    ['a bad ticket number', { ...TICKET, number: 'A023; DROP' }],
    ['a javascript status URL', { ...TICKET, statusUrl: 'javascript:alert(1)' }],
    ['a huge text', { ...TICKET, hallName: '大'.repeat(5000) }],
  ])('answers invalid data (%s) with a fault naming the field, without printing', async (_why, payload) => {
    const { invoke, print } = setup();
    const outcome = (await invoke('kiosk:print', `${SERVER}/kiosk/`, payload)) as PrintOutcome;
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.fault.code).toBe('error');
      expect(outcome.fault.message).toMatch(/^Invalid ticket data: /);
    }
    expect(print).not.toHaveBeenCalled();
  });

  it('prints text with control characters replaced, so no ESC/POS command slips through', async () => {
    const { invoke, print } = setup();
    await invoke('kiosk:print', `${SERVER}/kiosk/`, {
      ...TICKET,
      footer: '请保管\n好号票\u001b@\u001dV\u0000',
    });
    expect(print.mock.calls[0]![1].footer).toBe('请保管 好号票 @ V ');
  });

  it('names the bad field in the fault', async () => {
    const { invoke } = setup();
    const outcome = (await invoke('kiosk:print', `${SERVER}/kiosk/`, {
      ...TICKET,
      peopleAhead: -1,
    })) as PrintOutcome;
    expect(outcome).toMatchObject({ ok: false, fault: { message: expect.stringContaining('peopleAhead') } });
  });

  it('passes a printer fault through and logs it', async () => {
    const fault = { ok: false, fault: { code: 'paper_out', message: 'Paper out' } } as const;
    const { invoke, log } = setup({}, async () => fault);
    await expect(invoke('kiosk:print', `${SERVER}/kiosk/`, TICKET)).resolves.toEqual(fault);
    expect(log).toHaveBeenCalledWith('print fault paper_out: Paper out');
  });

  it('turns a thrown printer error into a fault instead of a rejection', async () => {
    const { invoke } = setup({}, async () => {
      throw new Error('EPIPE');
    });
    await expect(invoke('kiosk:print', `${SERVER}/kiosk/`, TICKET)).resolves.toEqual({
      ok: false,
      fault: { code: 'error', message: 'Error: EPIPE' },
    });
  });

  it('prints one ticket at a time, in order, even after a failure', async () => {
    const order: string[] = [];
    let release: () => void = () => undefined;
    const first = new Promise<void>((resolve) => (release = resolve));
    let firstStarted: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (firstStarted = resolve));
    const { invoke } = setup({}, async (_settings, data) => {
      order.push(`start ${data.number}`);
      if (data.number === 'A001') firstStarted();
      if (data.number === 'A001') {
        await first;
        order.push(`end ${data.number}`);
        throw new Error('offline');
      }
      order.push(`end ${data.number}`);
      return { ok: true };
    });
    const a = invoke('kiosk:print', `${SERVER}/kiosk/`, { ...TICKET, number: 'A001' });
    const b = invoke('kiosk:print', `${SERVER}/kiosk/`, { ...TICKET, number: 'A002' });
    // Sent one after the other: had the second not waited, it would have started by the time the
    // first did (no fixed pause needed to see that it did not).
    await started;
    expect(order).toEqual(['start A001']);
    release();
    await expect(a).resolves.toMatchObject({ ok: false });
    await expect(b).resolves.toEqual({ ok: true });
    expect(order).toEqual(['start A001', 'end A001', 'start A002', 'end A002']);
  });

  it('answers a display-only PC (no printer) with a fault', async () => {
    const { invoke, print } = setup({ role: 'kiosk', printer: { interface: 'virtual' } });
    await expect(invoke('kiosk:print', `${SERVER}/kiosk/`, TICKET)).resolves.toEqual({ ok: true });
    const displayOnly = setup({ role: 'display', printer: undefined });
    await expect(displayOnly.invoke('kiosk:print', `${SERVER}/kiosk/`, TICKET)).resolves.toMatchObject({
      ok: false,
      fault: { code: 'error', message: expect.stringContaining('No printer') },
    });
    expect(print).toHaveBeenCalledTimes(1);
    expect(displayOnly.print).not.toHaveBeenCalled();
  });
});

describe('registerIpcHandlers', () => {
  it('registers exactly the three invoke channels and removes them again', () => {
    const { handlers, unregister } = setup();
    expect([...handlers.keys()].sort()).toEqual(['kiosk:checkInReading', 'kiosk:getConfig', 'kiosk:print']);
    unregister();
    expect(handlers.size).toBe(0);
  });
});

describe('kiosk:checkInReading', () => {
  function setupWith() {
    const seen: boolean[] = [];
    const handlers = new Map<string, Handler>();
    const ipcMain = {
      handle: vi.fn((channel: string, handler: Handler) => void handlers.set(channel, handler)),
      removeHandler: vi.fn((channel: string) => void handlers.delete(channel)),
    };
    const config = parseConfig(
      {
        serverUrl: SERVER,
        allowInsecureHttp: true,
        deviceKey: 'kiosk-key-0123456789',
        role: 'kiosk',
        printer: { interface: 'virtual' },
      },
      'test.json',
      '/data/printed',
    );
    const unregister = registerIpcHandlers({
      ipcMain,
      config,
      appVersion: '1.2.3',
      printTicket: vi.fn<PrintTicketFn>(),
      log: vi.fn(),
      onCheckInReading: (on) => seen.push(on),
    });
    const invoke = (url: string, on: unknown) =>
      Promise.resolve().then(() =>
        handlers.get('kiosk:checkInReading')!(
          { senderFrame: { url, parent: null } } as unknown as IpcMainInvokeEvent,
          on,
        ),
      );
    return { seen, invoke, handlers, unregister };
  }

  it('the kiosk page turns it on and off; only a strict true turns it on', async () => {
    const { seen, invoke } = setupWith();
    await invoke(`${SERVER}/kiosk/`, true);
    await invoke(`${SERVER}/kiosk/`, false);
    await invoke(`${SERVER}/kiosk/`, 'true');
    expect(seen).toEqual([true, false, false]);
  });

  it('refuses the display page and strangers, which never learn card numbers', async () => {
    const { seen, invoke } = setupWith();
    await expect(invoke(`${SERVER}/display/`, true)).rejects.toBeInstanceOf(UntrustedSenderError);
    await expect(invoke('http://evil.example/kiosk/', true)).rejects.toBeInstanceOf(UntrustedSenderError);
    expect(seen).toEqual([]);
  });

  it('is removed with the other handlers', () => {
    const { handlers, unregister } = setupWith();
    unregister();
    expect(handlers.has('kiosk:checkInReading')).toBe(false);
  });
});
