// Owns the socket's life: opened when a session exists, closed when it ends. It hands the socket
// to the other stores so each binds its own events, and it turns a refused or ended session into
// "back to sign-in, with the reason".
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ServerToClientEvents } from '@hall/shared/contracts/events';
import { closeSocket, currentSocket, openSocket } from '../socket/connection';
import { endsSession, errorFromCode, isServerRefusal } from '../logic/consoleError';
import { useSessionStore } from './session';
import { useHallStore } from './hall';
import { useCounterStore } from './counter';
import { useClockStore } from './clock';
import { useMessagesStore } from './messages';

export type LinkState = 'idle' | 'connecting' | 'online' | 'offline';

export const useConnectionStore = defineStore('connection', () => {
  const session = useSessionStore();
  const hall = useHallStore();
  const counter = useCounterStore();
  const clock = useClockStore();
  const messages = useMessagesStore();
  const link = ref<LinkState>('idle');

  const onConnect = (): void => {
    link.value = 'online';
  };
  const onDisconnect = (reason: string): void => {
    if (link.value !== 'idle') link.value = 'offline';
    // socket.io does not retry after the server itself cut the line; unless the session was
    // ended (handled by session:ended), try again so a server restart heals on its own.
    if (reason === 'io server disconnect') {
      setTimeout(() => {
        const socket = currentSocket();
        if (socket && session.isSignedIn && !socket.connected) socket.connect();
      }, 1500);
    }
  };
  const onConnectError = (err: Error): void => {
    link.value = 'offline';
    if (endsSession(err.message)) session.end(errorFromCode(err.message));
    else if (isServerRefusal(err.message)) messages.showError(errorFromCode(err.message));
    // Anything else is network trouble: socket.io retries and the header shows "offline".
  };
  const onEnded: ServerToClientEvents['session:ended'] = (e) => {
    session.end(errorFromCode(e.code));
  };

  function start(token: string): void {
    stop();
    link.value = 'connecting';
    const socket = openSocket(token);
    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    socket.on('connect_error', onConnectError);
    socket.on('session:ended', onEnded);
    hall.bind(socket);
    // A city account holds no window: nothing to ask the counter.
    if (!session.isCity) counter.bind(socket);
    clock.start();
  }

  function stop(): void {
    const socket = currentSocket();
    if (socket) {
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      socket.off('connect_error', onConnectError);
      socket.off('session:ended', onEnded);
      hall.unbind(socket);
      counter.unbind(socket);
    }
    link.value = 'idle';
    messages.clear();
    closeSocket();
    counter.reset();
    hall.reset();
    clock.stop();
  }

  return { link, start, stop };
});
