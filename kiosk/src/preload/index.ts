// The sandboxed preload: exposes exactly one typed object, `window.kioskHost`, and never the raw
// ipcRenderer (a page holding ipcRenderer could send anything on any channel). It is bundled into
// one CommonJS file because a sandboxed preload can only require('electron').
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { IdNumberRead, KioskHostApi, KioskHostConfig, PrintOutcome, TicketPrintData } from './api';
import { IPC_CHANNELS } from './channels';

export function createKioskHostApi(): KioskHostApi {
  return {
    platform: Object.freeze({
      os: process.platform,
      arch: process.arch,
      electron: process.versions.electron ?? '',
      chrome: process.versions.chrome ?? '',
    }),
    getConfig: () => ipcRenderer.invoke(IPC_CHANNELS.getConfig) as Promise<KioskHostConfig>,
    print: (data: TicketPrintData) => ipcRenderer.invoke(IPC_CHANNELS.print, data) as Promise<PrintOutcome>,
    setCheckInReading: (on: boolean) =>
      ipcRenderer.invoke(IPC_CHANNELS.checkInReading, on === true) as Promise<void>,
    onIdNumberRead(listener: (read: IdNumberRead) => void) {
      // Wrap so the page never receives the IPC event object (it carries `sender`).
      const relay = (_event: IpcRendererEvent, read: IdNumberRead): void => listener(read);
      ipcRenderer.on(IPC_CHANNELS.idNumberRead, relay);
      return () => {
        ipcRenderer.removeListener(IPC_CHANNELS.idNumberRead, relay);
      };
    },
  };
}

contextBridge.exposeInMainWorld('kioskHost', createKioskHostApi());
