// Host detection: Electron's preload exposes window.kioskHost; a plain browser has none.
import { takeDeviceKey } from './deviceKey';
import type { KioskHostApi, KioskSettings } from './hostTypes';

export function electronHost(): KioskHostApi | null {
  return typeof window !== 'undefined' && window.kioskHost ? window.kioskHost : null;
}

export async function loadKioskSettings(): Promise<KioskSettings> {
  const host = electronHost();
  if (host) {
    const config = await host.getConfig();
    return {
      serverUrl: config.serverUrl,
      deviceKey: config.deviceKey || null,
      language: config.language,
      idleSeconds: config.idleSeconds,
      printsLocally: true,
    };
  }
  const deviceKey = takeDeviceKey(
    { href: window.location.href, replace: (url) => window.history.replaceState(null, '', url) },
    window.localStorage,
  );
  const language = new URL(window.location.href).searchParams.get('lang') ?? 'zh-CN';
  return { serverUrl: '', deviceKey, language, idleSeconds: null, printsLocally: false };
}
