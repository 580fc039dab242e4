// Which web pages may open a Socket.IO connection. A browser always sends the Origin of the page
// behind a WebSocket or XHR, so a page on some other site (or a file on a visitor's phone) cannot
// ride on a hall PC's network position to talk to the server. Accepted: pages served by this server
// (the Origin's host:port is the Host the request came to — the Electron kiosk loads its pages from
// here too), and the origins of ALLOWED_ORIGINS / PUBLIC_URL (e.g. behind a reverse proxy).
// Requests without an Origin are not from a web page (Node clients, tests, load tools): their
// credentials are checked at the handshake like everyone's.

export interface OriginRequest {
  headers: { origin?: string | undefined; host?: string | undefined };
}

/** 'https://Hall.example:443/' -> 'https://hall.example'; null for anything that is not an http(s) origin. */
export function normalizeOrigin(text: string): string | null {
  try {
    const url = new URL(text);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

export function createOriginCheck(allowedOrigins: readonly string[]): (req: OriginRequest) => boolean {
  const allowed = new Set(allowedOrigins.map((o) => normalizeOrigin(o)).filter((o) => o !== null));
  return (req) => {
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    const normalized = normalizeOrigin(origin);
    if (normalized === null) return false; // 'null' (sandboxed frames, file: pages) and garbage
    if (allowed.has(normalized)) return true;
    const host = req.headers.host?.toLowerCase();
    return host !== undefined && new URL(normalized).host === host;
  };
}
