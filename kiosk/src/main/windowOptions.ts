// BrowserWindow options for the kiosk and display windows, following Electron's security
// checklist (https://www.electronjs.org/docs/latest/tutorial/security). Pure so that every flag is
// asserted by a test; main/index.ts only passes the result to `new BrowserWindow`.
import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';
import type { PageRole } from './urlTrust';

export const WINDOW_BACKGROUND = '#000000';

export interface WindowOptionsInput {
  role: PageRole;
  /** app.isPackaged: devtools exist only in development builds. */
  isPackaged: boolean;
  preloadPath: string;
  /** The monitor the window belongs on; kiosk mode then fills that monitor. */
  bounds: Rectangle;
  title: string;
}

export function buildWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    title: input.title,
    x: input.bounds.x,
    y: input.bounds.y,
    width: input.bounds.width,
    height: input.bounds.height,
    kiosk: true,
    fullscreen: true,
    frame: false,
    autoHideMenuBar: true,
    // Shown on 'ready-to-show' so visitors never see a blank white flash.
    show: false,
    backgroundColor: WINDOW_BACKGROUND,
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      devTools: !input.isPackaged,
      navigateOnDragDrop: false,
      spellcheck: false,
      enableWebSQL: false,
      safeDialogs: true,
      // The display announces calls nobody clicked for, and the kiosk speaks its guidance again
      // after an idle reset: both must play sound without a user gesture (DESIGN §7).
      autoplayPolicy: 'no-user-gesture-required',
      backgroundThrottling: false,
    },
  };
}
