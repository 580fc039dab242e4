// Electron entry: wires the small modules together and owns nothing else. Order matters:
// single-instance lock -> ready -> config (or an error dialog) -> hardening -> IPC -> windows.
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  net,
  powerSaveBlocker,
  screen,
  session,
  type Rectangle,
} from 'electron';
import { join } from 'node:path';
import { ConfigError, loadConfig, type KioskConfig } from './config';
import { hardenSession, hardenWebContents, type Log } from './hardening';
import { registerIpcHandlers } from './ipc';
import electronLog from 'electron-log/main';
import { configureKioskLog } from './logger';
import { keepPageLoaded } from './loadRetry';
import { printTicket } from '@hall/printing/printTicket';
import { planWindows, type PlannedWindow } from './roles';
import { claimSingleInstance } from './singleInstance';
import { createCertificateVerifier } from './certificatePin';
import { connectCardReader } from './cardReader';
import { createCommandCardReader } from './commandCardReader';
import { IPC_CHANNELS } from '../preload/channels';
import type { PageRole } from './urlTrust';
import { buildWindowOptions } from './windowOptions';
import { reconcileWindows } from './windowSync';

// Bundled to kiosk/dist/main/index.cjs; the preload and offline page sit beside it.
const PRELOAD_PATH = join(__dirname, '..', 'preload', 'index.cjs');
const OFFLINE_PAGE_PATH = join(__dirname, 'offline.html');
const HEALTH_TIMEOUT_MS = 3000;
const SHOW_ANYWAY_MS = 10_000;

const WINDOW_TITLES = { kiosk: '大厅取号机 Hall Kiosk', display: '叫号显示屏 Hall Display' } as const;

// A fixed, ASCII data folder whatever the product name: %APPDATA%\hall-kiosk on Windows,
// ~/.config/hall-kiosk on Linux. kiosk-config.json and logs/kiosk.log live there.
const APP_DATA_NAME = 'hall-kiosk';
app.setPath('userData', join(app.getPath('appData'), APP_DATA_NAME));
app.setAppLogsPath(join(app.getPath('userData'), 'logs'));

// Media keys on a kiosk keyboard (or a visitor's Bluetooth headset) must not pause the display's voice,
// and a swipe on the touch screen must not act as a browser Back.
app.commandLine.appendSwitch(
  'disable-features',
  'HardwareMediaKeyHandling,MediaSessionService,TouchpadOverscrollHistoryNavigation',
);

/** At most one window per page role; `bounds` is the monitor it was placed on. */
const openWindows = new Map<PageRole, { window: BrowserWindow; bounds: Rectangle }>();
/** True while the kiosk page's appointment check-in screen shows (setCheckInReading). */
let checkInReading = false;
/** Monitor changes arrive in bursts (a TV waking up reports several); act once they settle. */
const MONITOR_SETTLE_MS = 1500;

function focusWindows(): void {
  for (const { window } of openWindows.values()) {
    if (window.isMinimized()) window.restore();
    window.focus();
  }
}

async function serverIsUp(serverUrl: string): Promise<boolean> {
  const response = await net.fetch(`${serverUrl}/api/health`, {
    signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS),
  });
  return response.ok;
}

function openPageWindow(planned: PlannedWindow, config: KioskConfig, log: Log): void {
  const window = new BrowserWindow(
    buildWindowOptions({
      role: planned.role,
      isPackaged: app.isPackaged,
      preloadPath: PRELOAD_PATH,
      bounds: planned.bounds,
      title: WINDOW_TITLES[planned.role],
    }),
  );
  openWindows.set(planned.role, { window, bounds: planned.bounds });
  window.once('ready-to-show', () => window.show());
  // A hidden kiosk is the worst outcome: show it anyway if the first paint never comes.
  const showAnyway = setTimeout(() => {
    if (!window.isDestroyed() && !window.isVisible()) window.show();
  }, SHOW_ANYWAY_MS);
  window.on('closed', () => clearTimeout(showAnyway));
  window.on('closed', () => {
    if (openWindows.get(planned.role)?.window === window) openWindows.delete(planned.role);
  });
  const retry = keepPageLoaded(window.webContents, {
    pageUrl: planned.url,
    serverUrl: config.serverUrl,
    offlinePagePath: OFFLINE_PAGE_PATH,
    probe: () => serverIsUp(config.serverUrl),
    log,
  });
  window.on('closed', () => retry.stop());
  if (planned.role === 'kiosk' && config.cardReader) {
    // Reads go to the kiosk page only (a display page has no business with ID numbers), checked
    // and masked here: the full number never leaves the main process, except while the kiosk's
    // appointment check-in screen asks for it.
    const stopReader = connectCardReader(
      createCommandCardReader(config.cardReader, { log }),
      (read) => {
        if (!window.isDestroyed()) window.webContents.send(IPC_CHANNELS.idNumberRead, read);
      },
      () => checkInReading,
    );
    window.on('closed', stopReader);
  }
  log(`${planned.role} window -> ${planned.url} at ${JSON.stringify(planned.bounds)}`);
  retry.loadPage();
}

function start(): void {
  const log = configureKioskLog(electronLog, app.getPath('logs'));
  log(`Hall Kiosk ${app.getVersion()} starting (Electron ${process.versions.electron ?? '?'})`);

  let config: KioskConfig;
  try {
    config = loadConfig({
      argv: process.argv,
      env: process.env,
      userDataDir: app.getPath('userData'),
    }).config;
  } catch (error) {
    const message =
      error instanceof ConfigError ? error.message : `启动失败 / Start-up failed: ${String(error)}`;
    log(message);
    dialog.showErrorBox('取号机配置错误 / Kiosk configuration error', message);
    app.exit(1);
    return;
  }
  log(
    `config: role ${config.role}, server ${config.serverUrl}, printer ${config.printer?.interface ?? 'none'}`,
  );

  Menu.setApplicationMenu(null);
  hardenSession(session.defaultSession, config.serverUrl, log);
  const verifyCertificate = createCertificateVerifier(config.serverUrl, config.serverCertificateSha256, log);
  session.defaultSession.setCertificateVerifyProc((request, callback) =>
    callback(verifyCertificate(request)),
  );
  if (config.allowInsecureHttp && config.serverUrl.startsWith('http:'))
    log('plain http to the server (allowInsecureHttp): use only on the hall LAN');
  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, { serverUrl: config.serverUrl, isPackaged: app.isPackaged, log }),
  );
  registerIpcHandlers({
    ipcMain,
    config,
    appVersion: app.getVersion(),
    printTicket,
    log,
    onCheckInReading: (on) => {
      checkInReading = on;
    },
  });
  // A hall screen that goes dark is a broken screen.
  powerSaveBlocker.start('prevent-display-sleep');

  syncWindowsToMonitors(config, log);
  let settle: ReturnType<typeof setTimeout> | null = null;
  const onMonitorsChanged = (): void => {
    if (settle) clearTimeout(settle);
    settle = setTimeout(() => syncWindowsToMonitors(config, log), MONITOR_SETTLE_MS);
  };
  screen.on('display-added', onMonitorsChanged);
  screen.on('display-removed', onMonitorsChanged);
  screen.on('display-metrics-changed', onMonitorsChanged);
}

/** Open, move or close windows so they match the plan for the monitors present now. */
function syncWindowsToMonitors(config: KioskConfig, log: Log): void {
  const monitors = screen.getAllDisplays().map((d) => ({ id: d.id, bounds: d.bounds }));
  const plan = planWindows(config, monitors, screen.getPrimaryDisplay().id);
  for (const warning of plan.warnings) log(warning);
  const open = [...openWindows].map(([role, placed]) => ({ role, bounds: placed.bounds }));
  for (const action of reconcileWindows(open, plan)) {
    if (action.kind === 'open') {
      openPageWindow(action.window, config, log);
      continue;
    }
    const placed = openWindows.get(action.role);
    if (!placed) continue;
    if (action.kind === 'close') {
      log(`${action.role} window closed: its monitor is gone`);
      placed.window.close();
    } else {
      log(`${action.role} window moved to ${JSON.stringify(action.bounds)}`);
      moveWindow(placed.window, action.bounds);
      placed.bounds = action.bounds;
    }
  }
}

/** A kiosk-mode window only changes monitor after leaving kiosk and full-screen mode. */
function moveWindow(window: BrowserWindow, bounds: Rectangle): void {
  window.setKiosk(false);
  window.setFullScreen(false);
  window.setBounds(bounds);
  window.setFullScreen(true);
  window.setKiosk(true);
}

if (claimSingleInstance(app, focusWindows)) {
  app.on('window-all-closed', () => app.quit());
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      electronLog.error('Hall Kiosk failed to start:', error);
      dialog.showErrorBox('取号机启动失败 / Kiosk failed to start', String(error));
      app.exit(1);
    });
}
