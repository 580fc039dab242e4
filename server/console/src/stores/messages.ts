// The one message line at the top of the console: what just happened, or why it did not.
// Server refusals are shown exactly as the server words them, Chinese first then English.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ConsoleError } from '../logic/consoleError';

export type MessageKind = 'error' | 'success' | 'info';

export interface ConsoleMessage {
  id: number;
  kind: MessageKind;
  /** A refusal from the server (or the connection): shown in both languages. */
  error: ConsoleError | null;
  /** A locale key for the console's own words (success, info). */
  textKey: string | null;
  params: Record<string, string | number>;
}

/** Good news fades; refusals stay until the next action so nobody misses them. */
const FADE_MS = 8000;

export const useMessagesStore = defineStore('messages', () => {
  const current = ref<ConsoleMessage | null>(null);
  let nextId = 1;
  let fadeTimer: ReturnType<typeof setTimeout> | null = null;

  function put(message: Omit<ConsoleMessage, 'id'>): void {
    if (fadeTimer) clearTimeout(fadeTimer);
    fadeTimer = null;
    const id = nextId++;
    current.value = { ...message, id };
    if (message.kind !== 'error') {
      fadeTimer = setTimeout(() => {
        if (current.value?.id === id) current.value = null;
      }, FADE_MS);
    }
  }

  function showError(error: ConsoleError): void {
    put({ kind: 'error', error, textKey: null, params: {} });
  }

  function showText(kind: MessageKind, textKey: string, params: Record<string, string | number> = {}): void {
    put({ kind, error: null, textKey, params });
  }

  function clear(): void {
    if (fadeTimer) clearTimeout(fadeTimer);
    fadeTimer = null;
    current.value = null;
  }

  return { current, showError, showText, clear };
});
