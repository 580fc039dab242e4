// Ticket numbers restart at 001 each business day. The day is derived from the issue time in the
// hall's time zone, so no midnight job is needed: the first ticket after midnight simply finds no
// sequence row for the new day.
import type { PriorityClass } from './contracts/entities';
import { NORMAL_CLASS } from './contracts/entities';

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

export function businessDay(epochMs: number, timeZone: string): string {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormatters.set(timeZone, formatter);
  }
  return formatter.format(epochMs);
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const hourFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * Hour of day (0–23) of `epochMs` in `timeZone`. One formatter per zone, kept: creating one costs
 * about 100 µs, which a report over a hundred thousand tickets cannot pay per row.
 */
export function hourInZone(epochMs: number, timeZone: string): number {
  let formatter = hourFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' });
    hourFormatters.set(timeZone, formatter);
  }
  return Number(formatter.format(epochMs));
}

/**
 * 'A023' for a normal ticket; 'A-L023' for a priority ticket whose class marker is L (老).
 * The dash keeps priority numbers visibly different even to someone who reads only the digits.
 */
export function formatTicketNumber(
  serviceCode: string,
  priorityMarker: string | null,
  sequence: number,
): string {
  const digits = String(sequence).padStart(3, '0');
  return priorityMarker ? `${serviceCode}-${priorityMarker}${digits}` : `${serviceCode}${digits}`;
}

export function markerFor(priorityClass: string, classes: readonly PriorityClass[]): string | null {
  if (priorityClass === NORMAL_CLASS) return null;
  return classes.find((c) => c.id === priorityClass)?.marker ?? null;
}

export interface ParsedTicketNumber {
  serviceCode: string;
  marker: string | null;
  sequence: number;
}

/** Reads a number as staff type it; accepts every number formatTicketNumber prints (up to 6 digits). */
export function parseTicketNumber(text: string): ParsedTicketNumber | null {
  const match = /^([A-Z])(?:-([A-Z]))?(\d{1,6})$/.exec(text.trim().toUpperCase());
  if (!match) return null;
  return { serviceCode: match[1]!, marker: match[2] ?? null, sequence: Number(match[3]) };
}
