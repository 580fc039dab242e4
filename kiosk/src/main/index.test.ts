// The entry point, driven through a mocked `electron` module (the binary cannot run here).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSession, FakeWebContents, navigationEvent } from './testing/fakeElectron';
import { makeSelfSignedCert } from '../../../test/support/selfSignedCert';

interface WindowRecord {
  options: Record<string, unknown>;
  webContents: unknown;
  shown: boolean;
  focus: () => void;
  moves: unknown[];
  closed: boolean;
  emitWindow: (event: string) => boolean;
}

const electron = vi.hoisted(() => {
  const state = {
    lock: true,
    dir: '',
    displays: [] as Array<{ id: number; bounds: { x: number; y: number; width: number; height: number } }>,
    primaryId: 1,
    appHandlers: new Map<string, Array<(...args: unknown[]) => void>>(),
    windows: [] as WindowRecord[],
  };
  return { state };
});

// electron-log's main flavour requires the Electron binary; its Node flavour writes the same file.
vi.mock('electron-log/main', async () => {
  const { default: nodeLog } = await import('electron-log/node');
  const logger = nodeLog.create({ logId: 'kiosk-main-test' });
  logger.transports.console.level = false;
  return { default: logger };
});

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  const { FakeSession: Session, FakeWebContents: Contents } = await import('./testing/fakeElectron');
  const { state } = electron;

  class LoadingContents extends Contents {
    loads: string[] = [];
    loadURL = vi.fn(async (url: string) => void this.loads.push(url));
    loadFile = vi.fn(async (path: string) => void this.loads.push(`file:${path}`));
    getURL = () => this.loads.at(-1) ?? '';
    sent: Array<[string, ...unknown[]]> = [];
    send = vi.fn((channel: string, ...args: unknown[]) => void this.sent.push([channel, ...args]));
  }
  class BrowserWindow extends EventEmitter {
    webContents = new LoadingContents();
    focus = vi.fn();
    record: WindowRecord;
    constructor(options: Record<string, unknown>) {
      super();
      this.record = {
        options,
        webContents: this.webContents,
        shown: false,
        focus: this.focus,
        moves: [],
        closed: false,
        emitWindow: (event: string) => this.emit(event),
      };
      state.windows.push(this.record);
      // Electron emits web-contents-created for every new page; the entry hardens it there.
      for (const handler of state.appHandlers.get('web-contents-created') ?? [])
        handler({}, this.webContents);
    }
    show = () => {
      this.record.shown = true;
    };
    isMinimized = () => false;
    isDestroyed = () => false;
    isVisible = () => this.record.shown;
    restore = vi.fn();
    setKiosk = vi.fn();
    setFullScreen = vi.fn();
    setBounds = vi.fn((bounds: unknown) => void this.record.moves.push(bounds));
    close = vi.fn(() => {
      this.record.closed = true;
      this.emit('closed');
    });
  }
  const app = {
    isPackaged: true,
    commandLine: { appendSwitch: vi.fn() },
    requestSingleInstanceLock: vi.fn(() => state.lock),
    quit: vi.fn(),
    exit: vi.fn(),
    on: vi.fn((name: string, handler: (...args: unknown[]) => void) => {
      state.appHandlers.set(name, [...(state.appHandlers.get(name) ?? []), handler]);
    }),
    whenReady: vi.fn(() => Promise.resolve()),
    paths: new Map<string, string>(),
    getPath: vi.fn((name: string): string => app.paths.get(name) ?? join(state.dir, name)),
    setPath: vi.fn((name: string, path: string) => void app.paths.set(name, path)),
    setAppLogsPath: vi.fn((path: string) => void app.paths.set('logs', path)),
    getVersion: () => '0.1.0',
  };
  const defaultSession = new Session();
  return {
    app,
    BrowserWindow,
    dialog: { showErrorBox: vi.fn() },
    ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
    Menu: { setApplicationMenu: vi.fn() },
    net: { fetch: vi.fn(async () => ({ ok: true })) },
    powerSaveBlocker: { start: vi.fn(() => 1) },
    screen: Object.assign(new EventEmitter(), {
      getAllDisplays: () => state.displays,
      getPrimaryDisplay: () => state.displays.find((d) => d.id === state.primaryId),
    }),
    session: { defaultSession },
  };
});

type ElectronMock = {
  app: {
    [name in 'quit' | 'exit' | 'whenReady' | 'setPath' | 'requestSingleInstanceLock']: ReturnType<
      typeof vi.fn
    >;
  } & { commandLine: { appendSwitch: ReturnType<typeof vi.fn> } };
  dialog: { showErrorBox: ReturnType<typeof vi.fn> };
  ipcMain: { handle: ReturnType<typeof vi.fn> };
  Menu: { setApplicationMenu: ReturnType<typeof vi.fn> };
  powerSaveBlocker: { start: ReturnType<typeof vi.fn> };
  session: { defaultSession: FakeSession };
  screen: NodeJS.EventEmitter;
};

const LEFT = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } };
const RIGHT = { id: 2, bounds: { x: 1920, y: 0, width: 1920, height: 1080 } };

async function startEntry(config: unknown): Promise<ElectronMock> {
  writeFileSync(join(electron.state.dir, 'kiosk.json'), JSON.stringify(config));
  vi.stubEnv('HALL_KIOSK_CONFIG', join(electron.state.dir, 'kiosk.json'));
  vi.resetModules();
  const mocked = (await import('electron')) as unknown as ElectronMock;
  // The mocked module outlives vi.resetModules: drop listeners left by earlier entries.
  mocked.screen.removeAllListeners();
  await import('./index');
  // Let app.whenReady().then(start) run.
  await new Promise((resolve) => setTimeout(resolve, 0));
  return mocked;
}

const GOOD = {
  serverUrl: 'http://hall.local:3000',
  allowInsecureHttp: true,
  deviceKey: 'kiosk-key-0123456789',
  displayDeviceKey: 'display-key-0123456789',
  role: 'both',
  printer: { interface: 'virtual' },
};

beforeEach(() => {
  electron.state.lock = true;
  electron.state.dir = mkdtempSync(join(tmpdir(), 'kiosk-entry-'));
  electron.state.displays = [LEFT, RIGHT];
  electron.state.primaryId = 1;
  electron.state.appHandlers = new Map();
  electron.state.windows = [];
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.clearAllMocks();
  rmSync(electron.state.dir, { recursive: true, force: true });
});

describe('main entry', () => {
  it('keeps its data in a fixed hall-kiosk folder, set before the single-instance lock uses it', async () => {
    const mocked = await startEntry(GOOD);
    expect(mocked.app.setPath).toHaveBeenCalledWith(
      'userData',
      join(electron.state.dir, 'appData', 'hall-kiosk'),
    );
    expect(mocked.app.setPath.mock.invocationCallOrder[0]!).toBeLessThan(
      mocked.app.requestSingleInstanceLock.mock.invocationCallOrder[0]!,
    );
  });

  it('a second instance quits at once and opens nothing', async () => {
    electron.state.lock = false;
    const mocked = await startEntry(GOOD);
    expect(mocked.app.quit).toHaveBeenCalledTimes(1);
    expect(mocked.app.whenReady).not.toHaveBeenCalled();
    expect(electron.state.windows).toHaveLength(0);
  });

  it('the first instance focuses its windows when a second one starts', async () => {
    await startEntry(GOOD);
    const [secondInstance] = electron.state.appHandlers.get('second-instance') ?? [];
    expect(secondInstance).toBeDefined();
    expect(electron.state.windows).toHaveLength(2);
    for (const w of electron.state.windows) expect(w.focus).not.toHaveBeenCalled();
    secondInstance!();
    for (const w of electron.state.windows) expect(w.focus).toHaveBeenCalledTimes(1);
  });

  it('role both on two monitors: hardened kiosk and display windows on their monitors', async () => {
    const mocked = await startEntry(GOOD);
    expect(mocked.Menu.setApplicationMenu).toHaveBeenCalledWith(null);
    expect(mocked.app.commandLine.appendSwitch).toHaveBeenCalledWith(
      'disable-features',
      expect.stringContaining('HardwareMediaKeyHandling'),
    );
    expect(mocked.powerSaveBlocker.start).toHaveBeenCalledWith('prevent-display-sleep');
    expect(mocked.ipcMain.handle.mock.calls.map((call) => call[0]).sort()).toEqual([
      'kiosk:checkInReading',
      'kiosk:getConfig',
      'kiosk:print',
    ]);

    const windows = electron.state.windows;
    expect(windows).toHaveLength(2);
    const [kiosk, display] = windows as Array<{
      options: Record<string, unknown>;
      webContents: FakeWebContents & { loads: string[] };
    }>;
    expect(kiosk!.options).toMatchObject({
      x: 0,
      kiosk: true,
      webPreferences: { sandbox: true, devTools: false },
    });
    expect(display!.options).toMatchObject({ x: 1920, kiosk: true });
    expect(String((kiosk!.options.webPreferences as { preload: string }).preload)).toMatch(
      /preload[\\/]index\.cjs$/,
    );
    expect(kiosk!.webContents.loads).toEqual(['http://hall.local:3000/kiosk/']);
    expect(display!.webContents.loads).toEqual(['http://hall.local:3000/display/']);

    // Hardening reached every page through web-contents-created.
    const escape = navigationEvent('https://evil.example/');
    kiosk!.webContents.emit('will-navigate', escape, escape.url);
    expect(escape.prevented()).toBe(true);
    expect(kiosk!.webContents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({
      action: 'deny',
    });
    const session = mocked.session.defaultSession;
    const granted = vi.fn();
    session.permissionRequestHandler!({}, 'media', granted);
    expect(granted).toHaveBeenCalledWith(false);
    expect(session.headersListener).not.toBeNull();

    // Shown only when ready, so no white flash.
    expect(windows.every((w) => !w.shown)).toBe(true);
  });

  it('role evaluator: one hardened window with the window evaluator page on the primary monitor', async () => {
    await startEntry({
      ...GOOD,
      role: 'evaluator',
      deviceKey: 'evaluator-key-0123456789',
      displayDeviceKey: undefined,
      printer: undefined,
    });
    const windows = electron.state.windows as Array<{
      options: Record<string, unknown>;
      webContents: FakeWebContents & { loads: string[] };
    }>;
    expect(windows).toHaveLength(1);
    expect(windows[0]!.options).toMatchObject({ x: 0, kiosk: true, webPreferences: { sandbox: true } });
    expect(windows[0]!.webContents.loads).toEqual(['http://hall.local:3000/display/evaluator']);
  });

  it('pins the server certificate from the config: that one is trusted, any other refused', async () => {
    const hall = makeSelfSignedCert('192.168.1.10');
    const impostor = makeSelfSignedCert('192.168.1.10');
    const { allowInsecureHttp: _plain, ...rest } = GOOD;
    const mocked = await startEntry({
      ...rest,
      serverUrl: 'https://192.168.1.10:8443',
      serverCertificateSha256: hall.sha256.replace(/:/g, '').toLowerCase(),
    });
    const proc = mocked.session.defaultSession.certificateVerifyProc!;
    const answer = (data: string) =>
      new Promise<number>((resolve) => proc({ hostname: '192.168.1.10', certificate: { data } }, resolve));
    expect(await answer(hall.cert)).toBe(0);
    expect(await answer(impostor.cert)).toBe(-2);
    const kiosk = electron.state.windows[0] as { webContents: { loads: string[] } };
    expect(kiosk.webContents.loads).toEqual(['https://192.168.1.10:8443/kiosk/']);
  });

  it('refuses to start on plain http unless the config says allowInsecureHttp', async () => {
    const { allowInsecureHttp: _plain, ...rest } = GOOD;
    const mocked = await startEntry(rest);
    expect(mocked.dialog.showErrorBox).toHaveBeenCalledWith(
      expect.any(String),
      expect.stringContaining('allowInsecureHttp'),
    );
    expect(mocked.app.exit).toHaveBeenCalledWith(1);
    expect(electron.state.windows).toHaveLength(0);
  });

  it('sends card reads from the reader program to the kiosk page only, checked and masked', async () => {
    const script = join(electron.state.dir, 'reader.cjs');
    // A stand-in for a vendor's reader tool: two cards, then it waits like a real one.
    writeFileSync(
      script,
      "process.stdout.write('11010519491231002X\\n12345\\n'); setInterval(() => {}, 1000);",
    );
    await startEntry({ ...GOOD, cardReader: { command: process.execPath, args: [script] } });
    const [kiosk, display] = electron.state.windows as Array<{
      webContents: { sent: Array<[string, ...unknown[]]> };
      emitWindow: (event: string) => boolean;
    }>;
    await vi.waitFor(() => expect(kiosk!.webContents.sent).toHaveLength(2), { timeout: 5000 });
    expect(kiosk!.webContents.sent).toEqual([
      ['kiosk:idNumberRead', { valid: true, masked: '1101**********002X', birthDate: '1949-12-31' }],
      ['kiosk:idNumberRead', { valid: false, problem: 'format' }],
    ]);
    expect(JSON.stringify(kiosk!.webContents.sent)).not.toContain('110105194912');
    expect(display!.webContents.sent).toEqual([]);
    // Closing the window stops the reader program.
    kiosk!.emitWindow('closed');
  });

  it('sends the number with a card read only while the kiosk page’s check-in screen asks for it', async () => {
    const script = join(electron.state.dir, 'reader.cjs');
    const trigger = join(electron.state.dir, 'swipe');
    // The card is swiped when the test says so (a file appears), then once more after a second file.
    writeFileSync(
      script,
      `const fs = require('node:fs');
       let n = 0;
       setInterval(() => {
         if (fs.existsSync(${JSON.stringify(trigger)} + n)) { n += 1; process.stdout.write('11010519491231002X\\n'); }
       }, 20);`,
    );
    const mocked = await startEntry({ ...GOOD, cardReader: { command: process.execPath, args: [script] } });
    const [kiosk] = electron.state.windows as Array<{
      webContents: { sent: Array<[string, ...unknown[]]> };
      emitWindow: (event: string) => boolean;
    }>;
    const handler = mocked.ipcMain.handle.mock.calls.find((c) => c[0] === 'kiosk:checkInReading')![1] as (
      event: unknown,
      on: unknown,
    ) => unknown;
    const fromKioskPage = { senderFrame: { url: `${GOOD.serverUrl}/kiosk/`, parent: null } };
    await handler(fromKioskPage, true);
    writeFileSync(`${trigger}0`, '');
    await vi.waitFor(() => expect(kiosk!.webContents.sent).toHaveLength(1), { timeout: 5000 });
    await handler(fromKioskPage, false);
    writeFileSync(`${trigger}1`, '');
    await vi.waitFor(() => expect(kiosk!.webContents.sent).toHaveLength(2), { timeout: 5000 });
    expect(kiosk!.webContents.sent.map(([, read]) => (read as { number?: string }).number ?? null)).toEqual([
      '11010519491231002X',
      null,
    ]);
    kiosk!.emitWindow('closed');
  });

  it('opens the display window when the wall TV is switched on after start, and closes it when unplugged', async () => {
    electron.state.displays = [LEFT];
    const mocked = await startEntry(GOOD);
    expect(electron.state.windows).toHaveLength(1);
    vi.useFakeTimers();
    try {
      electron.state.displays = [LEFT, RIGHT];
      mocked.screen.emit('display-added');
      mocked.screen.emit('display-metrics-changed');
      vi.advanceTimersByTime(1500);
      expect(electron.state.windows).toHaveLength(2);
      expect(electron.state.windows[1]!.options).toMatchObject({ x: 1920 });

      electron.state.displays = [LEFT];
      mocked.screen.emit('display-removed');
      vi.advanceTimersByTime(1500);
      expect(electron.state.windows.map((w) => w.closed)).toEqual([false, true]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('moves a display-only window to the TV once it appears', async () => {
    electron.state.displays = [LEFT];
    const mocked = await startEntry({ ...GOOD, role: 'display' });
    vi.useFakeTimers();
    try {
      electron.state.displays = [LEFT, RIGHT];
      mocked.screen.emit('display-added');
      vi.advanceTimersByTime(1500);
      expect(electron.state.windows).toHaveLength(1);
      expect(electron.state.windows[0]!.moves).toEqual([RIGHT.bounds]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows each window on its first paint, or after 10 s if that never comes', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const pending = startEntry(GOOD);
      await vi.advanceTimersByTimeAsync(0);
      await pending;
      const [kiosk, display] = electron.state.windows;
      kiosk!.emitWindow('ready-to-show');
      expect([kiosk!.shown, display!.shown]).toEqual([true, false]);
      vi.advanceTimersByTime(10_000);
      expect([kiosk!.shown, display!.shown]).toEqual([true, true]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows the offline page when the server is unreachable', async () => {
    await startEntry({ ...GOOD, role: 'kiosk' });
    const kiosk = electron.state.windows[0] as { webContents: FakeWebContents & { loads: string[] } };
    kiosk.webContents.emit(
      'did-fail-load',
      {},
      -102,
      'ERR_CONNECTION_REFUSED',
      'http://hall.local:3000/kiosk/',
      true,
    );
    expect(kiosk.webContents.loads.at(-1)).toMatch(/^file:.*offline\.html$/);
  });

  it('a bad config opens no window: an error dialog names the field, the log keeps it, the app exits', async () => {
    const mocked = await startEntry({ ...GOOD, idleSeconds: 20 });
    expect(electron.state.windows).toHaveLength(0);
    expect(mocked.dialog.showErrorBox).toHaveBeenCalledTimes(1);
    const [title, message] = mocked.dialog.showErrorBox.mock.calls[0] as [string, string];
    expect(title).toContain('配置错误');
    expect(message).toContain('idleSeconds');
    expect(message).toContain('at least 60');
    expect(mocked.app.exit).toHaveBeenCalledWith(1);
    const logFile = join(electron.state.dir, 'appData', 'hall-kiosk', 'logs', 'kiosk.log');
    expect(readFileSync(logFile, 'utf8')).toContain('idleSeconds');
  });
});
