// The origin a printed ticket's QR code points at: PUBLIC_URL when set, else the address the page
// that asked for the print used (a kiosk in a browser, the front desk's console).
import type { AppSocket } from '../core/socketTypes';

export function statusOriginOf(socket: AppSocket, publicUrl: string | null): string {
  if (publicUrl) return publicUrl.replace(/\/$/, '');
  const host = socket.handshake.headers.host ?? 'localhost';
  return `${socket.handshake.secure ? 'https' : 'http'}://${host}`;
}
