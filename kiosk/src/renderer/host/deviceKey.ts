// Browser (demo) mode: the device key arrives once as ?key=… in the address, is kept in
// localStorage, and is removed from the address bar so it does not end up in screenshots,
// bookmarks or the history a visitor could open.

export const DEVICE_KEY_STORAGE = 'kiosk.deviceKey';

export interface AddressBar {
  href: string;
  replace(url: string): void;
}

export function takeDeviceKey(
  address: AddressBar,
  storage: Pick<Storage, 'getItem' | 'setItem'>,
): string | null {
  const url = new URL(address.href);
  const fromAddress = url.searchParams.get('key')?.trim();
  if (fromAddress) {
    storage.setItem(DEVICE_KEY_STORAGE, fromAddress);
    url.searchParams.delete('key');
    address.replace(url.pathname + url.search + url.hash);
    return fromAddress;
  }
  const stored = storage.getItem(DEVICE_KEY_STORAGE);
  return stored && stored.trim() ? stored.trim() : null;
}
