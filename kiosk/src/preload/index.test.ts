import { EventEmitter } from 'node:events';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { KioskHostApi } from './api';

const bridge = vi.hoisted(() => ({ exposed: [] as Array<[string, unknown]> }));

vi.mock('electron', () => {
  const renderer = Object.assign(new EventEmitter(), {
    invoke: vi.fn(async (channel: string, ...args: unknown[]) => ({ channel, args })),
  });
  return {
    contextBridge: {
      exposeInMainWorld: vi.fn((key: string, api: unknown) => void bridge.exposed.push([key, api])),
    },
    ipcRenderer: renderer,
  };
});

let api: KioskHostApi;
let ipcRenderer: EventEmitter & { invoke: ReturnType<typeof vi.fn> };

beforeAll(async () => {
  await import('./index');
  ipcRenderer = (await import('electron')).ipcRenderer as unknown as typeof ipcRenderer;
  api = bridge.exposed[0]![1] as KioskHostApi;
});

describe('preload', () => {
  it('exposes exactly one object, window.kioskHost, with exactly the documented keys', () => {
    expect(bridge.exposed.map(([key]) => key)).toEqual(['kioskHost']);
    expect(Object.keys(api).sort()).toEqual([
      'getConfig',
      'onIdNumberRead',
      'platform',
      'print',
      'setCheckInReading',
    ]);
  });

  it('never hands the page ipcRenderer or any of its methods', () => {
    const values = Object.values(api);
    expect(values).not.toContain(ipcRenderer);
    expect(values).not.toContain(ipcRenderer.invoke);
    expect(values).not.toContain(ipcRenderer.on);
    expect(values).not.toContain(ipcRenderer.emit);
  });

  it('describes the platform without functions', () => {
    expect(api.platform).toEqual({
      os: process.platform,
      arch: process.arch,
      electron: expect.any(String),
      chrome: expect.any(String),
    });
    expect(Object.isFrozen(api.platform)).toBe(true);
  });

  it('getConfig and print go to their own channels only', async () => {
    await expect(api.getConfig()).resolves.toEqual({ channel: 'kiosk:getConfig', args: [] });
    const data = { number: 'A001' } as unknown as Parameters<KioskHostApi['print']>[0];
    await expect(api.print(data)).resolves.toEqual({ channel: 'kiosk:print', args: [data] });
  });

  it('setCheckInReading sends a plain true or false on its own channel', async () => {
    await expect(api.setCheckInReading(true)).resolves.toEqual({
      channel: 'kiosk:checkInReading',
      args: [true],
    });
    await expect(api.setCheckInReading('yes' as unknown as boolean)).resolves.toEqual({
      channel: 'kiosk:checkInReading',
      args: [false],
    });
  });

  it('relays card reads without the IPC event, and unsubscribes', () => {
    const listener = vi.fn();
    const stop = api.onIdNumberRead(listener);
    const read = { valid: true, masked: '1101**********002X', birthDate: '1949-12-31' };
    ipcRenderer.emit('kiosk:idNumberRead', { sender: 'secret' }, read);
    expect(listener).toHaveBeenCalledWith(read);
    expect(listener.mock.calls[0]).toHaveLength(1);
    stop();
    ipcRenderer.emit('kiosk:idNumberRead', {}, read);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(ipcRenderer.listenerCount('kiosk:idNumberRead')).toBe(0);
  });
});
