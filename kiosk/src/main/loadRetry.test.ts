import { describe, expect, it, vi } from 'vitest';
import { keepPageLoaded, RETRY_DELAYS_MS, type Timer } from './loadRetry';
import { FakeWebContents } from './testing/fakeElectron';

const SERVER = 'http://hall.local:3000';
const PAGE = `${SERVER}/kiosk/`;
const OFFLINE = '/app/main/offline.html';

class LoadingContents extends FakeWebContents {
  url = '';
  loads: string[] = [];
  loadURL = vi.fn(async (url: string) => {
    this.loads.push(url);
    this.url = url;
  });
  loadFile = vi.fn(async (path: string) => {
    this.loads.push(`file:${path}`);
    this.url = `file://${path}`;
  });
  getURL(): string {
    return this.url;
  }
}

class ManualTimer implements Timer {
  scheduled: Array<{ callback: () => void; ms: number; cleared: boolean }> = [];
  set(callback: () => void, ms: number): unknown {
    const entry = { callback, ms, cleared: false };
    this.scheduled.push(entry);
    return entry;
  }
  clear(handle: unknown): void {
    (handle as { cleared: boolean }).cleared = true;
  }
  fireNext(): number {
    const next = this.scheduled.find((e) => !e.cleared);
    if (!next) throw new Error('nothing scheduled');
    next.cleared = true;
    next.callback();
    return next.ms;
  }
  get live(): number {
    return this.scheduled.filter((e) => !e.cleared).length;
  }
}

function setup(probe?: () => Promise<boolean>) {
  const contents = new LoadingContents();
  const timer = new ManualTimer();
  const log = vi.fn<(message: string) => void>();
  const retry = keepPageLoaded(contents.asElectron(), {
    pageUrl: PAGE,
    serverUrl: SERVER,
    offlinePagePath: OFFLINE,
    log,
    timer,
    ...(probe ? { probe } : {}),
  });
  const failLoad = (code = -102, url = PAGE, mainFrame = true) =>
    contents.emit('did-fail-load', {}, code, 'ERR_CONNECTION_REFUSED', url, mainFrame);
  return { contents, timer, log, retry, failLoad };
}

describe('keepPageLoaded', () => {
  it('loads the server page', () => {
    const { contents, retry } = setup();
    retry.loadPage();
    expect(contents.loads).toEqual([PAGE]);
  });

  it('on a failed load shows the offline page, then retries with growing pauses', () => {
    const { contents, timer, retry, failLoad, log } = setup();
    retry.loadPage();
    const waited: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      failLoad();
      waited.push(timer.fireNext());
    }
    expect(waited).toEqual([3000, 5000, 10000, 20000, 30000, 30000, 30000]);
    expect(waited.slice(0, RETRY_DELAYS_MS.length)).toEqual([...RETRY_DELAYS_MS]);
    expect(contents.loads.slice(0, 5)).toEqual([PAGE, `file:${OFFLINE}`, PAGE, `file:${OFFLINE}`, PAGE]);
    expect(retry.failures).toBe(7);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('ERR_CONNECTION_REFUSED'));
  });

  it('starts the pauses short again after a good load', () => {
    const { contents, timer, retry, failLoad } = setup();
    retry.loadPage();
    failLoad();
    timer.fireNext();
    failLoad();
    timer.fireNext();
    contents.emit('did-finish-load');
    expect(retry.failures).toBe(0);
    failLoad();
    expect(timer.fireNext()).toBe(3000);
  });

  it('does not stack retries when failures arrive together', () => {
    const { timer, failLoad } = setup();
    failLoad();
    failLoad();
    expect(timer.live).toBe(1);
  });

  it('ignores aborted navigations, sub-frames, and the offline page itself', () => {
    const { timer, failLoad } = setup();
    failLoad(-3);
    failLoad(-102, PAGE, false);
    failLoad(-6, `file://${OFFLINE}`);
    expect(timer.live).toBe(0);
  });

  it('treats a 5xx answer from the server as unreachable, a 404 not', () => {
    const { contents, timer } = setup();
    contents.emit('did-navigate', {}, PAGE, 404, 'Not Found');
    expect(timer.live).toBe(0);
    contents.emit('did-navigate', {}, PAGE, 502, 'Bad Gateway');
    expect(timer.live).toBe(1);
    expect(contents.loads).toEqual([`file:${OFFLINE}`]);
  });

  it('reloads after the page crashes, not after a clean exit', () => {
    const { contents, timer } = setup();
    contents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    expect(timer.live).toBe(0);
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(timer.live).toBe(1);
    timer.fireNext();
    expect(contents.loads.at(-1)).toBe(PAGE);
  });

  it('stops retrying when stopped', () => {
    const { contents, timer, retry, failLoad } = setup();
    failLoad();
    retry.stop();
    expect(timer.live).toBe(0);
    retry.loadPage();
    expect(contents.loads).toEqual([`file:${OFFLINE}`]);
  });

  it('with a health probe, keeps the offline page up until the server answers', async () => {
    const answers = [false, false, true];
    const probe = vi.fn(async () => answers.shift() ?? true);
    const { contents, timer, failLoad } = setup(probe);
    failLoad();
    const waited: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      waited.push(timer.fireNext());
      await vi.waitFor(() => expect(probe).toHaveBeenCalledTimes(i + 1));
      await Promise.resolve();
    }
    expect(waited).toEqual([3000, 5000, 10000]);
    // Offline page once, then the server page only after the probe said yes.
    expect(contents.loads).toEqual([`file:${OFFLINE}`, PAGE]);
    expect(timer.live).toBe(0);
  });

  it('counts a probe that throws as "still down"', async () => {
    const probe = vi.fn(async () => {
      throw new Error('ECONNREFUSED');
    });
    const { contents, timer, failLoad } = setup(probe);
    failLoad();
    timer.fireNext();
    await vi.waitFor(() => expect(timer.live).toBe(1));
    expect(contents.loads).toEqual([`file:${OFFLINE}`]);
  });
});
