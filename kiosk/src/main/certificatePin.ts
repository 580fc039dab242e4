// Certificate pinning for the hall server. A hall may run its server with a self-signed
// certificate (no public authority will sign a LAN address): the kiosk's config then carries the
// certificate's SHA-256 fingerprint, printed by the server at start, and the kiosk trusts exactly
// that certificate for the server's host — and refuses any other, even one a system authority
// signed (a swapped certificate is the attack pinning exists for). Other hosts, and a server
// without a pin, are left to Chromium's own verification.
import { X509Certificate } from 'node:crypto';

/** What Electron's setCertificateVerifyProc hands us (the fields we read). */
export interface CertificateVerifyRequest {
  hostname: string;
  certificate: { data: string };
}

/** Electron's answers: 0 trust, -2 refuse, -3 use Chromium's verification. */
export type VerifyAnswer = 0 | -2 | -3;

export const TRUST = 0;
export const REFUSE = -2;
export const CHROMIUM_DECIDES = -3;

function fingerprintOf(pem: string): string | null {
  try {
    return new X509Certificate(pem).fingerprint256.toUpperCase();
  } catch {
    return null;
  }
}

export function createCertificateVerifier(
  serverUrl: string,
  pinnedSha256: string | null,
  log: (message: string) => void,
): (request: CertificateVerifyRequest) => VerifyAnswer {
  const serverHost = new URL(serverUrl).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return (request) => {
    if (pinnedSha256 === null) return CHROMIUM_DECIDES;
    if (request.hostname.replace(/^\[|\]$/g, '').toLowerCase() !== serverHost) return CHROMIUM_DECIDES;
    const presented = fingerprintOf(request.certificate.data);
    if (presented === pinnedSha256) return TRUST;
    log(`server certificate refused: ${presented ?? 'unreadable'} is not the pinned ${pinnedSha256}`);
    return REFUSE;
  };
}
