// What the renderer needs from whoever hosts it: the Electron preload (window.kioskHost) or,
// in a plain browser, the page itself plus the server's printer.
import type { KioskHostApi } from '../../preload/api';

export type { KioskHostApi };

export interface KioskSettings {
  /** '' means the page's own origin (browser mode). */
  serverUrl: string;
  deviceKey: string | null;
  language: string;
  idleSeconds: number | null;
  /** true when a local printer prints (Electron); false when the server prints (browser). */
  printsLocally: boolean;
}

declare global {
  interface Window {
    kioskHost?: KioskHostApi;
  }
}
