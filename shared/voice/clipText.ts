// What each word and digit clip says, per pack language: the text speech synthesis reads when it
// stands in for the pack, and what a person recording a pack must say (see the pack's manifest.json).
import type { VoiceLanguage } from './languages';

const MANDARIN: Record<string, string> = {
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
  bai: '百',
  liang: '两',
  // the next opening time (openingClips.ts)
  jintian: '今天',
  mingtian: '明天',
  houtian: '后天',
  yuefen: '月',
  ri: '日',
  dian: '点',
  fen: '分',
};

const CANTONESE: Record<string, string> = {
  ...MANDARIN,
  qing: '請',
  hao: '號',
  chuangkou: '窗口',
  banli: '辦理',
  bai: '百',
  liang: '兩',
  jintian: '今日',
  mingtian: '聽日',
  houtian: '後日',
  yuefen: '月',
  ri: '號',
  dian: '點',
  fen: '分',
};

export const CLIP_TEXT: Record<VoiceLanguage, Readonly<Record<string, string>>> = {
  cmn: MANDARIN,
  yue: CANTONESE,
};

/** The spoken words of a clip sequence as text, e.g. '请 A 零 二 三 号 到 三 号 窗口 办理'. */
export function clipsToText(clips: readonly string[], lang: VoiceLanguage): string {
  const words = CLIP_TEXT[lang];
  return clips
    .filter((c) => c !== 'chime')
    .map((c) => words[c] ?? c)
    .join(' ');
}
