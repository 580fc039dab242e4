// Turns a call into voice-pack clip names: chime, 请, the ticket characters one by one, 号, 到,
// the window number, 号, 窗口, 办理.
//
// Ticket numbers are read character by character (DESIGN §7): letters by their English names,
// digits as 零一二三… ('A023' -> A 零 二 三). The dash of a priority number is not spoken
// ('A-L023' -> A L 零 二 三). Window numbers are read as people say them: 3 -> 三, 10 -> 十,
// 12 -> 十二, 20 -> 二十, 35 -> 三十五; from 100 on digit by digit (no hall has that many windows,
// and it needs no 百 clip).

export const DIGIT_CLIPS = ['ling', 'yi', 'er', 'san', 'si', 'wu', 'liu', 'qi', 'ba', 'jiu'] as const;
export const TEN_CLIP = 'shi';
export const LETTER_CLIPS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
export const WORD_CLIPS = ['chime', 'qing', 'hao', 'dao', 'chuangkou', 'banli'] as const;

/** Every clip a voice pack must contain. */
export const ALL_CLIPS: readonly string[] = [...WORD_CLIPS, ...DIGIT_CLIPS, TEN_CLIP, ...LETTER_CLIPS];

/** The Chinese text of each spoken clip (for speech synthesis and for people recording a pack). */
const CLIP_TEXT: Record<string, string> = {
  qing: '请',
  hao: '号',
  dao: '到',
  chuangkou: '窗口',
  banli: '办理',
  ling: '零',
  yi: '一',
  er: '二',
  san: '三',
  si: '四',
  wu: '五',
  liu: '六',
  qi: '七',
  ba: '八',
  jiu: '九',
  shi: '十',
};

function digitClip(digit: number): string {
  const clip = DIGIT_CLIPS[digit];
  if (clip === undefined) throw new RangeError(`not a digit: ${digit}`);
  return clip;
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

/** 3 -> ['san'], 10 -> ['shi'], 12 -> ['shi', 'er'], 20 -> ['er', 'shi'], 35 -> ['san', 'shi', 'wu']. */
export function windowNumberClips(windowNumber: number): string[] {
  if (!Number.isInteger(windowNumber) || windowNumber < 0)
    throw new RangeError(`bad window number: ${windowNumber}`);
  if (windowNumber < 10) return [digitClip(windowNumber)];
  if (windowNumber < 100) {
    const tens = Math.floor(windowNumber / 10);
    const ones = windowNumber % 10;
    return [...(tens === 1 ? [] : [digitClip(tens)]), TEN_CLIP, ...(ones === 0 ? [] : [digitClip(ones)])];
  }
  return String(windowNumber)
    .split('')
    .map((d) => digitClip(Number(d)));
}

/** The whole announcement "（叮咚）请 A023 号 到 3 号窗口办理" as clip names. */
export function clipSequence(number: string, windowNumber: number): string[] {
  return [
    'chime',
    'qing',
    ...ticketNumberClips(number),
    'hao',
    'dao',
    ...windowNumberClips(windowNumber),
    'hao',
    'chuangkou',
    'banli',
  ];
}

/** The spoken words of a clip sequence as text, e.g. '请 A 零 二 三 号 到 三 号 窗口 办理'. */
export function clipsToText(clips: readonly string[]): string {
  return clips
    .filter((c) => c !== 'chime')
    .map((c) => CLIP_TEXT[c] ?? c)
    .join(' ');
}
