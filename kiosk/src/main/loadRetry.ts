// Keeps a window on its server page. When the page cannot load (server down, network cable out,
// a proxy answering 502) the window shows the local offline page — a calm "暂停取号，请到服务台"
// — and tries the server again with growing pauses, until it loads. Once the page is up, the
// page's own socket handles short outages; this is for the page itself being unreachable.
import type { WebContents } from 'electron';
import type { Log } from './hardening';
import { isTrustedUrl } from './urlTrust';

/** Pauses between attempts; the last one repeats. Short first, so a server restart is barely noticed. */
export const RETRY_DELAYS_MS = [3_000, 5_000, 10_000, 20_000, 30_000] as const;

/** Chromium's ERR_ABORTED: a navigation replaced by another one, not a failure. */
const ERR_ABORTED = -3;

export interface Timer {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimer: Timer = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface LoadRetryOptions {
  pageUrl: string;
  serverUrl: string;
  offlinePagePath: string;
  log: Log;
  /**
   * Asks the server whether it is back (e.g. GET /api/health) before reloading, so the offline
   * page stays up steadily instead of flickering through a failed load every few seconds.
   */
  probe?: () => Promise<boolean>;
  timer?: Timer;
  delays?: readonly number[];
}

export interface LoadRetry {
  /** Load the server page now (first start). */
  loadPage(): void;
  /** Number of failures since the last good load (for tests and logs). */
  readonly failures: number;
  stop(): void;
}

/** Wire the retry loop to one window's webContents. */
export function keepPageLoaded(contents: WebContents, options: LoadRetryOptions): LoadRetry {
  const timer = options.timer ?? realTimer;
  const delays = options.delays ?? RETRY_DELAYS_MS;
  let failures = 0;
  let pending: unknown = null;
  let stopped = false;

  const loadPage = (): void => {
    if (stopped) return;
    // loadURL rejects when the load fails; did-fail-load reports the same failure, so ignore it here.
    contents.loadURL(options.pageUrl).catch(() => undefined);
  };

  const schedule = (): void => {
    const delay = delays[Math.min(failures - 1, delays.length - 1)] ?? 30_000;
    pending = timer.set(() => void retry(), delay);
  };

  const retry = async (): Promise<void> => {
    if (stopped) return;
    const back = options.probe ? await options.probe().catch(() => false) : true;
    pending = null;
    if (stopped) return;
    if (back) {
      loadPage();
      return;
    }
    failures += 1;
    schedule();
  };

  const fail = (reason: string): void => {
    if (stopped || pending !== null) return;
    failures += 1;
    options.log(`${options.pageUrl} unavailable (${reason}); showing the offline page, retry ${failures}`);
    contents.loadFile(options.offlinePagePath).catch(() => undefined);
    schedule();
  };

  contents.on('did-fail-load', (_event, errorCode, errorDescription, validatedURL, isMainFrame) => {
    if (!isMainFrame || errorCode === ERR_ABORTED) return;
    if (!isTrustedUrl(validatedURL, options.serverUrl)) return; // the offline page itself, or a blocked URL
    fail(`${errorCode} ${errorDescription}`);
  });

  contents.on('did-navigate', (_event, url, httpResponseCode) => {
    if (!isTrustedUrl(url, options.serverUrl)) return;
    // A reverse proxy or a half-started server answers, but with an error page nobody can use.
    if (httpResponseCode >= 500) fail(`HTTP ${httpResponseCode}`);
  });

  contents.on('did-finish-load', () => {
    if (isTrustedUrl(contents.getURL(), options.serverUrl) && failures > 0) {
      options.log(`${options.pageUrl} loaded again after ${failures} failed attempt(s)`);
      failures = 0;
    }
  });

  contents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return;
    fail(`renderer ${details.reason}`);
  });

  // Not retried: a page can hang for a while during heavy work and recover on its own.
  contents.on('unresponsive', () => options.log(`${options.pageUrl} is not responding`));

  return {
    loadPage,
    get failures() {
      return failures;
    },
    stop() {
      stopped = true;
      if (pending !== null) timer.clear(pending);
      pending = null;
    },
  };
}
