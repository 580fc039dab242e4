// Locks every web page the app creates to the hall server: no navigation elsewhere, no new
// windows, no <webview>, no permissions, no downloads, a strict CSP on the server's pages, and no
// devtools in production. A kiosk stands in a public hall: assume someone will try.
import type { Session, WebContents } from 'electron';
import { isTrustedUrl, serverOriginOf } from './urlTrust';

export type Log = (message: string) => void;

/** The Content-Security-Policy the kiosk adds to every response from the server. */
export function buildCsp(serverUrl: string): string {
  const origin = serverOriginOf(serverUrl);
  if (origin === null) throw new Error(`not an http(s) server URL: ${serverUrl}`);
  // Socket.IO upgrades to a WebSocket on the same host and port.
  const socketOrigin = origin.replace(/^http/, 'ws');
  return [
    "default-src 'self'",
    `connect-src 'self' ${socketOrigin}`,
    "img-src 'self' data:",
    "media-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

type Headers = Record<string, string[]>;

/** Response headers with our CSP added for responses from the server; others are left alone. */
export function withCsp(url: string, headers: Headers | undefined, serverUrl: string): Headers {
  const result: Headers = { ...(headers ?? {}) };
  if (!isTrustedUrl(url, serverUrl)) return result;
  // A CSP the server sends itself stays in force too: browsers enforce every policy they receive.
  const existing = Object.keys(result).find((name) => name.toLowerCase() === 'content-security-policy');
  const ours = buildCsp(serverUrl);
  if (existing) result[existing] = [...(result[existing] ?? []), ours];
  else result['Content-Security-Policy'] = [ours];
  return result;
}

/** Permissions, downloads and the CSP, once per session. */
export function hardenSession(session: Session, serverUrl: string, log: Log): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log(`permission request refused: ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event, item) => {
    log(`download refused: ${item.getURL()}`);
    event.preventDefault();
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCsp(details.url, details.responseHeaders, serverUrl) });
  });
}

export interface HardenOptions {
  serverUrl: string;
  isPackaged: boolean;
  log: Log;
}

/** Navigation lock and window rules for one webContents (call from 'web-contents-created'). */
export function hardenWebContents(contents: WebContents, options: HardenOptions): void {
  const { serverUrl, isPackaged, log } = options;
  const guard =
    (kind: string) =>
    (event: { url: string; preventDefault: () => void }): void => {
      if (isTrustedUrl(event.url, serverUrl)) return;
      event.preventDefault();
      log(`${kind} blocked: ${event.url}`);
    };
  contents.on('will-navigate', guard('navigation'));
  contents.on('will-redirect', guard('redirect'));
  contents.on('will-frame-navigate', guard('frame navigation'));
  contents.setWindowOpenHandler(({ url }) => {
    log(`new window refused: ${url}`);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    log('webview refused');
    event.preventDefault();
  });
  if (isPackaged) {
    // devTools: false already removes them; this catches any path that still opens them.
    contents.on('devtools-opened', () => contents.closeDevTools());
  }
}
