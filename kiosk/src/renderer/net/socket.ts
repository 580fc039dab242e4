// The kiosk's one Socket.IO connection. Browser mode connects to the page's own origin; Electron
// connects to the configured server URL. The Manager reconnects by itself after network loss or
// a server restart; the hall store decides what the visitor sees meanwhile.
import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  HandshakeAuth,
  ServerToClientEvents,
} from '@hall/shared/contracts/events';

export type KioskSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Codes the server gives in connect_error when it refuses the device key. */
export const REFUSAL_CODES: readonly string[] = ['UNAUTHENTICATED', 'DEVICE_REVOKED', 'FORBIDDEN'];

let current: KioskSocket | null = null;

export function openKioskSocket(serverUrl: string, deviceKey: string): KioskSocket {
  current?.disconnect();
  const auth: HandshakeAuth = { role: 'kiosk', deviceKey };
  const options = {
    auth,
    autoConnect: false,
    reconnection: true,
    reconnectionDelay: 1_000,
    reconnectionDelayMax: 5_000,
    // No limit: a kiosk waits for its server for as long as it takes.
    reconnectionAttempts: Infinity,
    // Straight to WebSocket: every kiosk browser has it, and a hall LAN has no proxy that needs
    // long-polling first. Fewer requests, and a restart of the server is noticed at once.
    transports: ['websocket', 'polling'],
  };
  const socket: KioskSocket = serverUrl ? io(serverUrl, options) : io(options);
  current = socket;
  return socket;
}

export function kioskSocket(): KioskSocket | null {
  return current;
}
