// The display's device key: given once as ?key=… (then kept in localStorage and removed from the
// address bar, so it is not left on screen or in screenshots), or by the Electron host.
export const DEVICE_KEY_STORAGE = 'hall-display:device-key';
export const EVALUATOR_KEY_STORAGE = 'hall-evaluator:device-key';

interface KeyStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** What this page needs from the Electron host's preload API (kiosk/src/preload/api.ts). */
interface DisplayHost {
  getConfig(): Promise<{ deviceKey?: string | null } | null | undefined>;
}

export function displayHost(): DisplayHost | null {
  const host = (window as unknown as { kioskHost?: DisplayHost }).kioskHost;
  return host && typeof host.getConfig === 'function' ? host : null;
}

/**
 * Takes `key` out of the URL (storing it) and returns the key to use: URL, then host, then storage.
 * `replaceUrl` rewrites the address bar without reloading.
 */
export async function resolveDeviceKey(
  href: string,
  storage: KeyStorage,
  replaceUrl: (url: string) => void,
  host: DisplayHost | null,
  storageKey: string = DEVICE_KEY_STORAGE,
): Promise<string | null> {
  const url = new URL(href);
  const fromUrl = url.searchParams.get('key')?.trim();
  if (fromUrl) {
    storage.setItem(storageKey, fromUrl);
    url.searchParams.delete('key');
    replaceUrl(url.pathname + url.search + url.hash);
    return fromUrl;
  }
  if (host) {
    try {
      const fromHost = (await host.getConfig())?.deviceKey?.trim();
      if (fromHost) return fromHost;
    } catch {
      // A host without a key configured: fall back to what this browser remembers.
    }
  }
  return storage.getItem(storageKey);
}
