// Owns the connection's life: opened (through the client library) when a session exists, closed
// when it ends. It lets the other stores follow it, and turns a refused or ended session into
// "back to sign-in, with the reason".
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { openHallConnection, type HallConnection } from '@hall/shared/client/hallConnection';
import { setLink } from '../net/link';
import { endsSession, errorFromCode } from '../logic/consoleError';
import { useSessionStore } from './session';
import { useHallStore } from './hall';
import { useCounterStore } from './counter';
import { useDeskStore } from './desk';
import { useClockStore } from './clock';
import { useMessagesStore } from './messages';

export type LinkState = 'idle' | 'connecting' | 'online' | 'offline';

/** The server cut the line without ending the session (a restart): come back after this. */
const RECONNECT_AFTER_CUT_MS = 1500;

export const useConnectionStore = defineStore('connection', () => {
  const session = useSessionStore();
  const hall = useHallStore();
  const counter = useCounterStore();
  const desk = useDeskStore();
  const clock = useClockStore();
  const messages = useMessagesStore();
  const link = ref<LinkState>('idle');
  let current: HallConnection | null = null;
  let offState: (() => void) | null = null;

  function onState(connection: HallConnection): void {
    if (connection.state === 'online') link.value = 'online';
    else if (connection.state === 'refused') {
      link.value = 'offline';
      const code = connection.refusal ?? 'UNAUTHENTICATED';
      if (endsSession(code)) session.end(errorFromCode(code));
      else messages.showError(errorFromCode(code));
    } else if (connection.state === 'offline') link.value = 'offline';
    // Network trouble: the client library retries and the header shows "offline".
  }

  function start(token: string): void {
    stop();
    link.value = 'connecting';
    // Always announce 'staff': the server looks up the real role (staff or admin) from the session.
    const connection = openHallConnection({
      auth: { role: 'staff', sessionToken: token },
      reconnectAfterCutMs: RECONNECT_AFTER_CUT_MS,
    });
    current = connection;
    offState = connection.onState(() => onState(connection));
    setLink(connection);
    if (session.isDesk) {
      // The front desk follows the hall as a kiosk does (the server sends it the kiosk's snapshot).
      desk.bind(connection);
    } else {
      hall.bind(connection);
      // A city account holds no window: nothing to ask the counter.
      if (!session.isCity) counter.bind(connection);
    }
    clock.start();
  }

  function stop(): void {
    offState?.();
    offState = null;
    hall.unbind();
    counter.unbind();
    desk.unbind();
    current?.close();
    current = null;
    setLink(null);
    link.value = 'idle';
    messages.clear();
    counter.reset();
    hall.reset();
    desk.reset();
    clock.stop();
  }

  return { link, start, stop };
});
