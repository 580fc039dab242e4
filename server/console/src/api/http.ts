// The two HTTP calls the console makes: sign in and sign out. Everything else goes over the socket.
import type { SessionInfo } from '@hall/shared/contracts/entities';
import type { Result } from '@hall/shared/contracts/errors';
import { fromAppError, localError } from '../logic/consoleError';
import type { ConsoleResult } from '../net/link';

async function postJson<T>(path: string, body: unknown, token?: string): Promise<ConsoleResult<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
  } catch {
    return { ok: false, error: localError('NETWORK') };
  }
  try {
    const result = (await response.json()) as Result<T>;
    return result.ok ? result : { ok: false, error: fromAppError(result.error) };
  } catch {
    return { ok: false, error: localError('NETWORK') };
  }
}

export function signIn(username: string, password: string): Promise<ConsoleResult<SessionInfo>> {
  return postJson<SessionInfo>('/api/login', { username, password });
}

export function signOut(token: string): Promise<ConsoleResult<unknown>> {
  return postJson<unknown>('/api/logout', {}, token);
}
