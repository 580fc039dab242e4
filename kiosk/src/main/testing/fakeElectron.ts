// Small stand-ins for the Electron objects the main-process modules touch. The Electron binary is
// not available in CI, so tests drive these fakes and assert what our code did to them.
import { EventEmitter } from 'node:events';
import type { Session, WebContents } from 'electron';

type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };
type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
) => void;

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: WindowOpenHandler | null = null;
  devToolsClosed = 0;
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
  closeDevTools(): void {
    this.devToolsClosed += 1;
  }
  asElectron(): WebContents {
    return this as unknown as WebContents;
  }
}

export class FakeSession extends EventEmitter {
  permissionRequestHandler:
    ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null = null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null;
  devicePermissionHandler: ((...args: unknown[]) => boolean) | null = null;
  headersListener: HeadersListener | null = null;
  certificateVerifyProc:
    | ((
        request: { hostname: string; certificate: { data: string } },
        callback: (answer: number) => void,
      ) => void)
    | null = null;
  setCertificateVerifyProc(proc: FakeSession['certificateVerifyProc']): void {
    this.certificateVerifyProc = proc;
  }
  webRequest = {
    onHeadersReceived: (listener: HeadersListener): void => {
      this.headersListener = listener;
    },
  };
  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: FakeSession['devicePermissionHandler']): void {
    this.devicePermissionHandler = handler;
  }
  asElectron(): Session {
    return this as unknown as Session;
  }
}

/** A navigation-style event as Electron passes it: `url` plus preventDefault. */
export function navigationEvent(url: string): {
  url: string;
  preventDefault: () => void;
  prevented: () => boolean;
} {
  let prevented = false;
  return {
    url,
    preventDefault: () => {
      prevented = true;
    },
    prevented: () => prevented,
  };
}
