// Resident ID numbers (GB 11643-1999): 18 characters, birth date at positions 7–14, and an
// ISO 7064 MOD 11-2 check character. We use a number only to check age and validity, and keep at
// most its masked form (first 4 and last 4 characters).

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

export type IdNumberProblem = 'format' | 'birth_date' | 'check_character';

export interface ParsedIdNumber {
  /** 'YYYY-MM-DD' */
  birthDate: string;
  masked: string;
}

export function parseIdNumber(
  raw: string,
): { ok: true; value: ParsedIdNumber } | { ok: false; problem: IdNumberProblem } {
  const text = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(text)) return { ok: false, problem: 'format' };
  const year = Number(text.slice(6, 10));
  const month = Number(text.slice(10, 12));
  const day = Number(text.slice(12, 14));
  const date = new Date(Date.UTC(year, month - 1, day));
  const realDate =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    year >= 1900;
  if (!realDate) return { ok: false, problem: 'birth_date' };
  if (checkCharacter(text.slice(0, 17)) !== text[17]) return { ok: false, problem: 'check_character' };
  return {
    ok: true,
    value: {
      birthDate: text.slice(6, 10) + '-' + text.slice(10, 12) + '-' + text.slice(12, 14),
      masked: maskIdNumber(text),
    },
  };
}

export function maskIdNumber(text: string): string {
  return text.slice(0, 4) + '*'.repeat(text.length - 8) + text.slice(-4);
}

/** Whole years between birthDate and today ('YYYY-MM-DD' both), as a person counts birthdays. */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  let age = ty - by;
  if (tm < bm || (tm === bm && td < bd)) age -= 1;
  return age;
}
