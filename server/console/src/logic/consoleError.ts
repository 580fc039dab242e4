// One shape for everything that can go wrong at the counter: the server's AppError (code + zh + en)
// or a local failure (no connection, no answer). Staff always read Chinese first, English second.
import { appError, ERROR_MESSAGES, type AppError, type ErrorCode } from '@hall/shared/contracts/errors';

export type LocalErrorCode = 'OFFLINE' | 'NO_RESPONSE' | 'NETWORK' | 'SIGNED_OUT';

export interface ConsoleError {
  code: ErrorCode | LocalErrorCode;
  zh: string;
  en: string;
}

const LOCAL_WORDS: Record<LocalErrorCode, { zh: string; en: string }> = {
  OFFLINE: { zh: '未连接到服务器，请稍候重试', en: 'Not connected to the server; please retry shortly' },
  NO_RESPONSE: {
    zh: '服务器未及时响应，已重新读取本窗口状态',
    en: 'The server did not answer in time; the window state was re-read',
  },
  NETWORK: { zh: '无法连接服务器，请检查网络', en: 'Cannot reach the server; check the network' },
  SIGNED_OUT: { zh: '您已退出登录，请重新登录', en: 'You were signed out; please sign in again' },
};

export function localError(code: LocalErrorCode): ConsoleError {
  return { code, ...LOCAL_WORDS[code] };
}

export function fromAppError(error: AppError): ConsoleError {
  // The client library's own failures (no connection, no answer) in the counter's words.
  if (error.code in LOCAL_WORDS) return localError(error.code as LocalErrorCode);
  return { code: error.code, zh: error.zh, en: error.en };
}

/** Codes after which the console must send the person back to the sign-in page. */
export const SESSION_END_CODES: ReadonlySet<string> = new Set([
  'SESSION_EXPIRED',
  'UNAUTHENTICATED',
  'ACCOUNT_DISABLED',
  'SIGNED_OUT',
]);

export function endsSession(code: string): boolean {
  return SESSION_END_CODES.has(code);
}

/** Turns a code the server sent without words (connect_error, session:ended) into words. */
export function errorFromCode(code: string): ConsoleError {
  if (code in ERROR_MESSAGES) return fromAppError(appError(code as ErrorCode));
  if (code in LOCAL_WORDS) return localError(code as LocalErrorCode);
  return localError('NETWORK');
}

/** connect_error messages that are server refusals rather than network trouble. */
export function isServerRefusal(code: string): boolean {
  return code in ERROR_MESSAGES;
}
