// A duration as staff read it, in words (clock times and days: @hall/shared/hallTime).

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
