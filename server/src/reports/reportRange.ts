// A report's period: real calendar days, in order, at most a year and a day.
import { DomainError } from '@hall/shared/contracts/errors';
import { addDays } from '@hall/shared/hallTime';

export interface ReportQuery {
  from: string;
  to: string;
  hallId: number | null;
}

export const MAX_DAYS = 366;

function isRealDay(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

export function checkRange(query: Pick<ReportQuery, 'from' | 'to'>): void {
  if (!isRealDay(query.from) || !isRealDay(query.to)) {
    throw new DomainError('VALIDATION_FAILED', { detail: 'from/to: not a calendar day' });
  }
  if (query.from > query.to) throw new DomainError('VALIDATION_FAILED', { detail: 'from is after to' });
  if (daysBetween(query.from, query.to).length > MAX_DAYS)
    throw new DomainError('VALIDATION_FAILED', { detail: `range over ${MAX_DAYS} days` });
}

/** Every calendar day from..to, both included (from ≤ to, both real days). */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to && days.length <= MAX_DAYS + 1; day = addDays(day, 1)) days.push(day);
  return days;
}
