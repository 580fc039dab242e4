// Which URLs the kiosk may show or answer. The kiosk talks to exactly one server, so the rule is
// simple: same scheme, host and port as the configured server URL, and nothing that could make a
// person (or a script) believe they are somewhere else. Parsing goes through WHATWG URL, the same
// parser Chromium uses, so what we check is what the browser would load.

const WEB_SCHEMES = new Set(['http:', 'https:']);

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The origin ('http://host:port', default port dropped) of a server URL, or null if it is not http(s). */
export function serverOriginOf(serverUrl: string): string | null {
  const parsed = parse(serverUrl);
  if (!parsed || !WEB_SCHEMES.has(parsed.protocol)) return null;
  return parsed.origin;
}

/**
 * True when `candidate` may be navigated to or may talk to the main process.
 * Rejects other schemes (file:, javascript:, data:, blob:, about:, chrome:, devtools:), other hosts,
 * other ports, http/https swaps, and any URL carrying user info: `http://server@evil` parses to
 * host `evil`, and even `http://user@server` is refused because no page of ours needs it.
 */
export function isTrustedUrl(candidate: string, serverUrl: string): boolean {
  const origin = serverOriginOf(serverUrl);
  if (origin === null) return false;
  const parsed = parse(candidate);
  if (!parsed || !WEB_SCHEMES.has(parsed.protocol)) return false;
  if (parsed.username !== '' || parsed.password !== '') return false;
  return parsed.origin === origin;
}

/** The pages each window role may show; a display page must not drive the printer. */
export type PageRole = 'kiosk' | 'display';

/** Which of our pages a trusted URL is, by its path prefix; null for other same-origin paths. */
export function pageRoleOf(candidate: string, serverUrl: string): PageRole | null {
  if (!isTrustedUrl(candidate, serverUrl)) return null;
  const path = new URL(candidate).pathname;
  if (path === '/kiosk' || path.startsWith('/kiosk/')) return 'kiosk';
  if (path === '/display' || path.startsWith('/display/')) return 'display';
  return null;
}
