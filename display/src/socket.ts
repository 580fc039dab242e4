// The one Socket.IO connection of this page (same origin as the page, default path).
// Stores open it with their role's handshake and bind their own events.
import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  HandshakeAuth,
  ServerToClientEvents,
} from '@hall/shared/contracts/events';

export type HallSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: HallSocket | null = null;

export function openSocket(auth: HandshakeAuth): HallSocket {
  closeSocket();
  socket = io({
    auth,
    // WebSocket first (one long-lived connection on the hall LAN); long-polling only if a proxy
    // in between refuses WebSockets.
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    // A wall display must come back by itself after a server restart or network blip.
    reconnection: true,
    reconnectionDelay: 500,
    reconnectionDelayMax: 4000,
    timeout: 8000,
  });
  return socket;
}

export function closeSocket(): void {
  socket?.removeAllListeners();
  socket?.disconnect();
  socket = null;
}

/**
 * Why a connection attempt failed. The server rejects bad credentials with an ErrorCode as the
 * message and socket.io then stops retrying (socket.active is false); network failures keep retrying.
 */
export function isFatalConnectError(s: HallSocket): boolean {
  return !s.active;
}
