// How numbers are read aloud as voice-pack clips. The clip names are the same in every pack
// language; each pack says them in its own language (ling = 零 ling4 in Cantonese, líng in Mandarin).
//
// Ticket numbers are read character by character (DESIGN §7): letters by their English names,
// digits as 零一二三… ('A023' -> A 零 二 三); the dash of a priority number is not spoken
// ('A-L023' -> A L 零 二 三). Window numbers are read as people say them: 3 -> 三, 10 -> 十,
// 12 -> 十二, 20 -> 二十, 35 -> 三十五; from 100 on digit by digit (no hall has that many windows).
// Counts ("前面还有 23 人") are read as quantities: 2 -> 两, 23 -> 二十三, 105 -> 一百零五.

export const DIGIT_CLIPS = ['ling', 'yi', 'er', 'san', 'si', 'wu', 'liu', 'qi', 'ba', 'jiu'] as const;
export const TEN_CLIP = 'shi';
export const HUNDRED_CLIP = 'bai';
/** 两 / 兩: "two" when counting people (二 is for digits and window numbers). */
export const TWO_OF_CLIP = 'liang';
export const LETTER_CLIPS: readonly string[] = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');

function digitClip(digit: number): string {
  const clip = DIGIT_CLIPS[digit];
  if (clip === undefined) throw new RangeError(`not a digit: ${digit}`);
  return clip;
}

function checkWhole(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`bad ${what}: ${value}`);
}

/** 'A-L023' -> ['A', 'L', 'ling', 'er', 'san']; characters other than A–Z and 0–9 are not spoken. */
export function ticketNumberClips(number: string): string[] {
  const clips: string[] = [];
  for (const ch of number.toUpperCase()) {
    if (ch >= '0' && ch <= '9') clips.push(digitClip(Number(ch)));
    else if (ch >= 'A' && ch <= 'Z') clips.push(ch);
  }
  return clips;
}

/** 0–99 the way people say them: 10 -> 十, 12 -> 十二, 20 -> 二十, 35 -> 三十五. */
function underHundred(value: number): string[] {
  if (value < 10) return [digitClip(value)];
  const tens = Math.floor(value / 10);
  const ones = value % 10;
  return [...(tens === 1 ? [] : [digitClip(tens)]), TEN_CLIP, ...(ones === 0 ? [] : [digitClip(ones)])];
}

/** 3 -> ['san'], 10 -> ['shi'], 12 -> ['shi', 'er'], 20 -> ['er', 'shi'], 35 -> ['san', 'shi', 'wu']. */
export function windowNumberClips(windowNumber: number): string[] {
  checkWhole(windowNumber, 'window number');
  if (windowNumber < 100) return underHundred(windowNumber);
  return String(windowNumber)
    .split('')
    .map((d) => digitClip(Number(d)));
}

/**
 * A count of people: 0 -> 零, 2 -> 两, 23 -> 二十三, 100 -> 一百, 105 -> 一百零五, 110 -> 一百一十;
 * from 1000 on digit by digit (a queue that long is read out rarely and must still be read).
 */
export function quantityClips(count: number): string[] {
  checkWhole(count, 'count');
  if (count === 2) return [TWO_OF_CLIP];
  if (count < 100) return underHundred(count);
  if (count < 1000) {
    const hundreds = Math.floor(count / 100);
    const rest = count % 100;
    const lead = [hundreds === 2 ? TWO_OF_CLIP : digitClip(hundreds), HUNDRED_CLIP];
    if (rest === 0) return lead;
    if (rest < 10) return [...lead, digitClip(0), digitClip(rest)];
    // 110 is 一百一十, not 一百十: after 百 the tens digit is always said.
    return [
      ...lead,
      digitClip(Math.floor(rest / 10)),
      TEN_CLIP,
      ...(rest % 10 ? [digitClip(rest % 10)] : []),
    ];
  }
  return String(count)
    .split('')
    .map((d) => digitClip(Number(d)));
}
