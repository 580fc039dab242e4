// The next opening time as voice-pack clips, for the kiosk's closed screen: "明天 八点三十分",
// "12月28日 八点" (今日 / 聽日 … in Cantonese). Hours are said as people count them (两点, 十四点),
// minutes and dates as numbers (三十分, 十二月五日); a full hour has no minutes.
import type { OpeningParts } from '../hallHoursText';
import { quantityClips, windowNumberClips } from './numberClips';

export const TODAY_CLIP = 'jintian';
export const TOMORROW_CLIP = 'mingtian';
export const DAY_AFTER_CLIP = 'houtian';
export const MONTH_CLIP = 'yuefen';
export const DATE_CLIP = 'ri';
export const HOUR_CLIP = 'dian';
export const MINUTE_CLIP = 'fen';

/** Clips every pack needs to say an opening time. */
export const OPENING_CLIPS: readonly string[] = [
  TODAY_CLIP,
  TOMORROW_CLIP,
  DAY_AFTER_CLIP,
  MONTH_CLIP,
  DATE_CLIP,
  HOUR_CLIP,
  MINUTE_CLIP,
];

export function openingClips(parts: OpeningParts): string[] {
  const day =
    parts.dayOffset === 0
      ? [TODAY_CLIP]
      : parts.dayOffset === 1
        ? [TOMORROW_CLIP]
        : parts.dayOffset === 2
          ? [DAY_AFTER_CLIP]
          : [...windowNumberClips(parts.month), MONTH_CLIP, ...windowNumberClips(parts.date), DATE_CLIP];
  const minutes = parts.minute === 0 ? [] : [...windowNumberClips(parts.minute), MINUTE_CLIP];
  return [...day, ...quantityClips(parts.hour), HOUR_CLIP, ...minutes];
}
