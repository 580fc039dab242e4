// What the kiosk learns from an ID reading: whether it is valid, the visitor's age on the hall's
// business day, and the masked form. The whole number goes no further than this function.
import { ageOn, parseIdNumber, type IdNumberProblem } from '@hall/shared/idNumber';
import type { IdReading } from './types';

export type VisitorIdCheck =
  { ok: true; masked: string; age: number; elderly: boolean } | { ok: false; problem: IdNumberProblem };

const MASKED = /^\d{4}\*{10}\d{3}[\dX]$/;

export function checkVisitorId(reading: IdReading, businessDay: string, elderlyAge: number): VisitorIdCheck {
  let masked: string;
  let birthDate: string;
  if (reading.kind === 'invalid') return { ok: false, problem: reading.problem };
  if (reading.kind === 'raw') {
    const parsed = parseIdNumber(reading.number);
    if (!parsed.ok) return parsed;
    ({ masked, birthDate } = parsed.value);
  } else {
    if (!MASKED.test(reading.masked) || !/^\d{4}-\d{2}-\d{2}$/.test(reading.birthDate)) {
      return { ok: false, problem: 'format' };
    }
    ({ masked, birthDate } = reading);
  }
  const age = ageOn(birthDate, businessDay);
  // A birth date after today cannot be a real visitor.
  if (age < 0) return { ok: false, problem: 'birth_date' };
  return { ok: true, masked, age, elderly: age >= elderlyAge };
}
