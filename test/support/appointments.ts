// Appointments in tests: a controllable hall clock on a Tuesday, valid resident ID numbers of a
// chosen age, and the API's HTTP calls with a key.
import { checkCharacter } from '@hall/shared/idNumber';
import type { Result } from '@hall/shared/contracts/errors';

const MINUTE = 60_000;

/** 2026-12-01 is a Tuesday; 00:00 UTC is 08:00 in Asia/Shanghai (the demo hall's zone). */
export const TUESDAY = '2026-12-01';
export const WEDNESDAY = '2026-12-02';

/** Epoch ms of a time of the hall's day (Asia/Shanghai, UTC+8): at('09:30'), at('09:30', WEDNESDAY). */
export function at(clock: string, day = TUESDAY): number {
  const [h, m] = clock.split(':').map(Number) as [number, number];
  return Date.parse(`${day}T00:00:00Z`) + (h - 8) * 60 * MINUTE + m * MINUTE;
}

/** A clock the test moves: the server reads it for every change. */
export function hallClock(start: number) {
  let now = start;
  return {
    now: () => now,
    set(to: number) {
      now = to;
    },
  };
}

let serial = 100;
/** A valid 18-character ID number of someone born on `birth` ('YYYYMMDD'), different each call. */
export function idNumberBornOn(birth: string): string {
  serial = serial >= 998 ? 100 : serial + 1;
  const first17 = `440502${birth}${serial}`;
  return first17 + checkCharacter(first17);
}

/** Someone aged 35 on the test day (no green channel). */
export const adultId = () => idNumberBornOn('19910315');
/** Someone aged 72 on the test day (green channel). */
export const seniorId = () => idNumberBornOn('19540620');

export interface ApiAnswer<T> {
  status: number;
  result: Result<T>;
}

/** Calls /api/v1/appointments… with the key (or none) and a JSON body. */
export async function callApi<T>(
  baseUrl: string,
  method: string,
  path: string,
  key: string | null,
  body?: unknown,
): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = {};
  if (key) headers.authorization = `Bearer ${key}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}/api/v1/appointments${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, result: (await response.json()) as Result<T> };
}
