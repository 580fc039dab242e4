import { describe, expect, it } from 'vitest';
import { appError } from '@hall/shared/contracts/errors';
import { endsSession, errorFromCode, fromAppError, isServerRefusal } from './consoleError';

describe('console errors', () => {
  it('keeps the server’s words in both languages', () => {
    const e = fromAppError(appError('TICKET_CALLED_ELSEWHERE', { window: 3 }));
    expect(e).toEqual({
      code: 'TICKET_CALLED_ELSEWHERE',
      zh: '该号已被 3 号窗口呼叫',
      en: 'The ticket was called by window 3',
    });
  });
  it('words a bare code from connect_error or session:ended', () => {
    expect(errorFromCode('SESSION_EXPIRED').zh).toBe('登录已超时，请重新登录');
    expect(errorFromCode('SIGNED_OUT').code).toBe('SIGNED_OUT');
    expect(errorFromCode('xhr poll error').code).toBe('NETWORK');
  });
  it('knows which codes end the session', () => {
    expect(endsSession('SESSION_EXPIRED')).toBe(true);
    expect(endsSession('UNAUTHENTICATED')).toBe(true);
    expect(endsSession('SIGNED_OUT')).toBe(true);
    expect(endsSession('WINDOW_BUSY')).toBe(false);
  });
  it('tells server refusals from network trouble', () => {
    expect(isServerRefusal('DEVICE_REVOKED')).toBe(true);
    expect(isServerRefusal('websocket error')).toBe(false);
  });
});
