// The kiosk window against Electron's security checklist
// (https://www.electronjs.org/docs/latest/tutorial/security), item by item.
import { describe, expect, it, vi } from 'vitest';
import { buildCsp, hardenSession, hardenWebContents, withCsp } from './hardening';
import { FakeSession, FakeWebContents, navigationEvent } from './testing/fakeElectron';
import { buildWindowOptions } from './windowOptions';

const SERVER = 'http://hall.local:3000';
const BOUNDS = { x: 1920, y: 0, width: 1920, height: 1080 };

function options(role: 'kiosk' | 'display', isPackaged: boolean) {
  return buildWindowOptions({
    role,
    isPackaged,
    preloadPath: '/app/preload/index.cjs',
    bounds: BOUNDS,
    title: 'T',
  });
}

describe('window options (checklist items 2–4, 6, 9–10, 12)', () => {
  it.each(['kiosk', 'display'] as const)('%s window: every web preference is locked down', (role) => {
    const prefs = options(role, true).webPreferences!;
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
    expect(prefs.preload).toBe('/app/preload/index.cjs');
    // Only the flags we mean to set: an unknown extra (e.g. enableBlinkFeatures) fails here.
    expect(Object.keys(prefs).sort()).toEqual(
      [
        'allowRunningInsecureContent',
        'autoplayPolicy',
        'backgroundThrottling',
        'contextIsolation',
        'devTools',
        'enableWebSQL',
        'experimentalFeatures',
        'navigateOnDragDrop',
        'nodeIntegration',
        'nodeIntegrationInSubFrames',
        'nodeIntegrationInWorker',
        'preload',
        'safeDialogs',
        'sandbox',
        'spellcheck',
        'webSecurity',
        'webviewTag',
      ].sort(),
    );
  });

  it('is a full-screen kiosk window without menu or frame, on the chosen monitor', () => {
    const o = options('kiosk', true);
    expect(o).toMatchObject({
      kiosk: true,
      fullscreen: true,
      frame: false,
      autoHideMenuBar: true,
      show: false,
    });
    expect([o.x, o.y, o.width, o.height]).toEqual([1920, 0, 1920, 1080]);
    expect(o.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it('has devtools only in development builds', () => {
    expect(options('kiosk', true).webPreferences!.devTools).toBe(false);
    expect(options('kiosk', false).webPreferences!.devTools).toBe(true);
  });

  it('lets the display announce calls without a click', () => {
    expect(options('display', true).webPreferences!.autoplayPolicy).toBe('no-user-gesture-required');
    expect(options('kiosk', true).webPreferences!.autoplayPolicy).toBe('no-user-gesture-required');
  });
});

describe('navigation lock (checklist items 13–14)', () => {
  function hardened(isPackaged = true) {
    const contents = new FakeWebContents();
    const log = vi.fn<(message: string) => void>();
    hardenWebContents(contents.asElectron(), { serverUrl: SERVER, isPackaged, log });
    return { contents, log };
  }

  it.each(['will-navigate', 'will-redirect', 'will-frame-navigate'])(
    '%s: blocks other origins, allows ours',
    (name) => {
      const { contents, log } = hardened();
      for (const url of [
        'https://evil.example/',
        'file:///etc/passwd',
        'http://hall.local:3000@evil.example/',
      ]) {
        const event = navigationEvent(url);
        contents.emit(name, event, url);
        expect(event.prevented(), url).toBe(true);
      }
      expect(log).toHaveBeenCalledWith(expect.stringContaining('blocked: https://evil.example/'));
      const ours = navigationEvent(`${SERVER}/display/window/2`);
      contents.emit(name, ours, ours.url);
      expect(ours.prevented()).toBe(false);
    },
  );

  it('denies every new window, even to our own origin', () => {
    const { contents } = hardened();
    expect(contents.windowOpenHandler).not.toBeNull();
    expect(contents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: `${SERVER}/kiosk/` })).toEqual({ action: 'deny' });
  });

  it('refuses to attach a <webview>', () => {
    const { contents } = hardened();
    const event = navigationEvent('');
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.prevented()).toBe(true);
  });

  it('closes devtools that open anyway in a packaged build, not in development', () => {
    const packaged = hardened(true).contents;
    packaged.emit('devtools-opened');
    expect(packaged.devToolsClosed).toBe(1);
    const dev = hardened(false).contents;
    dev.emit('devtools-opened');
    expect(dev.devToolsClosed).toBe(0);
  });
});

describe('session: permissions, downloads, CSP (checklist items 5, 7)', () => {
  function hardenedSession() {
    const session = new FakeSession();
    const log = vi.fn<(message: string) => void>();
    hardenSession(session.asElectron(), SERVER, log);
    return { session, log };
  }

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'fullscreen', 'openExternal', 'hid'])(
    'denies the %s permission request',
    (permission) => {
      const { session } = hardenedSession();
      const callback = vi.fn();
      session.permissionRequestHandler!({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    },
  );

  it('answers every permission check and device request with no', () => {
    const { session } = hardenedSession();
    expect(session.permissionCheckHandler!({}, 'media', SERVER, {})).toBe(false);
    expect(session.devicePermissionHandler!({ deviceType: 'usb', origin: SERVER })).toBe(false);
  });

  it('cancels downloads', () => {
    const { session } = hardenedSession();
    const event = navigationEvent('');
    session.emit('will-download', event, { getURL: () => `${SERVER}/x.exe` }, {});
    expect(event.prevented()).toBe(true);
  });

  it('adds the CSP to the server responses', () => {
    const { session } = hardenedSession();
    const callback = vi.fn();
    session.headersListener!(
      { url: `${SERVER}/kiosk/`, responseHeaders: { 'Content-Type': ['text/html'] } },
      callback,
    );
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [buildCsp(SERVER)] },
    });
  });
});

describe('the CSP itself', () => {
  it('allows only the server, its socket, inline styles and data: images', () => {
    const csp = buildCsp(SERVER);
    const directives = Object.fromEntries(
      csp.split('; ').map((d) => {
        const [name, ...values] = d.split(' ');
        return [name, values.join(' ')];
      }),
    );
    expect(directives).toEqual({
      'default-src': "'self'",
      'connect-src': "'self' ws://hall.local:3000",
      'img-src': "'self' data:",
      'media-src': "'self'",
      'style-src': "'self' 'unsafe-inline'",
      'object-src': "'none'",
      'base-uri': "'self'",
      'form-action': "'self'",
      'frame-ancestors': "'none'",
    });
    expect(csp).not.toContain('unsafe-eval');
    expect(buildCsp('https://hall.example')).toContain("connect-src 'self' wss://hall.example");
  });

  it('keeps a CSP the server sent and adds ours beside it', () => {
    const headers = withCsp(
      `${SERVER}/display/`,
      { 'content-security-policy': ["default-src 'none'"] },
      SERVER,
    );
    expect(headers['content-security-policy']).toEqual(["default-src 'none'", buildCsp(SERVER)]);
  });

  it('leaves responses from other origins untouched', () => {
    expect(withCsp('https://cdn.example/x.js', { A: ['1'] }, SERVER)).toEqual({ A: ['1'] });
    expect(withCsp('https://cdn.example/x.js', undefined, SERVER)).toEqual({});
  });
});
