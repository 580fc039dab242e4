// Who is signed in. The session lives in sessionStorage: it survives a reload of the tab but not
// closing it, which suits a shared window PC.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { SessionInfo } from '@hall/shared/contracts/entities';
import { signIn, signOut } from '../api/http';
import type { ConsoleError } from '../logic/consoleError';

export const SESSION_STORAGE_KEY = 'hallConsole.session';

function readStored(): SessionInfo | null {
  try {
    const raw = sessionStorage.getItem(SESSION_STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as SessionInfo;
    return typeof parsed.token === 'string' && parsed.staff ? parsed : null;
  } catch {
    return null;
  }
}

export const useSessionStore = defineStore('session', () => {
  const info = ref<SessionInfo | null>(readStored());
  /** Why the last session ended, shown on the sign-in page. */
  const endReason = ref<ConsoleError | null>(null);

  const isSignedIn = computed(() => info.value !== null);
  const token = computed(() => info.value?.token ?? null);
  const staff = computed(() => info.value?.staff ?? null);
  const isAdmin = computed(() => info.value?.staff.role === 'admin');
  /** A city account: reports across halls, nothing else. */
  const isCity = computed(() => info.value?.staff.role === 'city');
  /** A front-desk account: issues tickets for visitors at the desk page, nothing else. */
  const isDesk = computed(() => info.value?.staff.role === 'desk');

  function store(next: SessionInfo | null): void {
    info.value = next;
    if (next) sessionStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(next));
    else sessionStorage.removeItem(SESSION_STORAGE_KEY);
  }

  async function login(username: string, password: string): Promise<ConsoleError | null> {
    const result = await signIn(username, password);
    if (!result.ok) return result.error;
    endReason.value = null;
    store(result.data);
    return null;
  }

  /** Sign out on purpose: tell the server, then forget the session whatever it answers. */
  async function logout(): Promise<void> {
    const current = info.value;
    store(null);
    endReason.value = null;
    if (current) await signOut(current.token);
  }

  /** The server ended the session (expired, disabled, signed out elsewhere). */
  function end(reason: ConsoleError): void {
    endReason.value = reason;
    store(null);
  }

  return { info, endReason, isSignedIn, token, staff, isAdmin, isCity, isDesk, login, logout, end };
});
