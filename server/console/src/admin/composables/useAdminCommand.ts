// Sends one admin command and tells the person what happened: the server's refusal in both
// languages, or a short success line. Returns the data, or null when the command was refused.
import { ref } from 'vue';
import type { ClientEventName } from '@hall/shared/contracts/events';
import { request, type AckData, type ConsoleResult, type PayloadArgs } from '../../socket/connection';
import { useMessagesStore } from '../../stores/messages';

export interface SuccessWords {
  key: string;
  params?: Record<string, string | number>;
}

export function useAdminCommand() {
  const messages = useMessagesStore();
  const busy = ref(false);

  async function send<E extends ClientEventName>(
    event: E,
    payload: PayloadArgs<E>,
    success?: SuccessWords | ((data: AckData<E>) => SuccessWords),
  ): Promise<ConsoleResult<AckData<E>>> {
    busy.value = true;
    try {
      const result = await request(event, ...payload);
      if (!result.ok) {
        messages.showError(result.error);
        return result;
      }
      if (success) {
        const words = typeof success === 'function' ? success(result.data) : success;
        messages.showText('success', words.key, words.params ?? {});
      }
      return result;
    } finally {
      busy.value = false;
    }
  }

  /** The command's answer, or null when the server refused it. */
  async function run<E extends ClientEventName>(
    event: E,
    payload: PayloadArgs<E>,
    success?: SuccessWords | ((data: AckData<E>) => SuccessWords),
  ): Promise<AckData<E> | null> {
    const result = await send(event, payload, success);
    return result.ok ? result.data : null;
  }

  /** For commands that answer nothing (a deletion): whether the server accepted it. */
  async function accepted<E extends ClientEventName>(
    event: E,
    payload: PayloadArgs<E>,
    success?: SuccessWords,
  ): Promise<boolean> {
    return (await send(event, payload, success)).ok;
  }

  return { run, accepted, busy };
}
