// Times as staff read them: a wall-clock time in the hall's zone, and a duration in words.

export interface Words {
  key: string;
  params: Record<string, number>;
}

export function durationWords(ms: number): Words {
  const totalSeconds = Math.max(0, Math.floor(ms / 1000));
  const minutes = Math.floor(totalSeconds / 60);
  if (minutes >= 60)
    return { key: 'time.hoursMinutes', params: { h: Math.floor(minutes / 60), m: minutes % 60 } };
  if (minutes >= 10) return { key: 'time.minutes', params: { m: minutes } };
  return { key: 'time.minutesSeconds', params: { m: minutes, s: totalSeconds % 60 } };
}

const clockFormatters = new Map<string, Intl.DateTimeFormat>();

export function clockTime(epochMs: number, timeZone: string): string {
  let formatter = clockFormatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-GB', {
        timeZone,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
    } catch {
      formatter = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    }
    clockFormatters.set(timeZone, formatter);
  }
  return formatter.format(epochMs);
}
