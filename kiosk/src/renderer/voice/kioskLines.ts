// The kiosk's spoken lines (locales: `voice.*`) as utterances in a spoken language: the sentence
// for speech synthesis, and the same sentence as voice-pack clips.
//
// A line without parameters is one clip, `kiosk_<key>` (kiosk_idle = voice.idle). A line with
// parameters is cut at them: its text pieces are clips `kiosk_<key>_<n>` (n counts the pieces from
// 1) and the parameters are read by the pack's number clips, so "您的号码是 {number}，前面还有
// {count} 人，请留意 {windows}窗口。" plays kiosk_result_1, A L ling er san, kiosk_result_2, liang,
// kiosk_result_3, san hao, kiosk_result_4. English has no pack: speech synthesis or silence.
import { isVoiceLanguage, type SpeechLanguage } from '@hall/shared/voice/languages';
import { CHIME_CLIP } from '@hall/shared/voice/callClips';
import { clipsToText } from '@hall/shared/voice/clipText';
import {
  DIGIT_CLIPS,
  quantityClips,
  ticketNumberClips,
  windowNumberClips,
} from '@hall/shared/voice/numberClips';
import type { Utterance } from '@hall/shared/voice/types';
import { HOUR_CLIP, MINUTE_CLIP, openingClips } from '@hall/shared/voice/openingClips';
import { openingWords, type OpeningParts } from '@hall/shared/hallHoursText';
import zhCN, { type KioskMessages } from '../locales/zh-CN';
import en from '../locales/en';
import yue, { type SpokenLocale } from '../locales/yue';

export type VoiceKey = keyof KioskMessages['voice'];
export const VOICE_KEYS = Object.keys(zhCN.voice) as VoiceKey[];

/** Spoken a little slower than normal, for elderly listeners. */
export const KIOSK_SPEECH_RATE = 0.85;

const SPOKEN: Record<SpeechLanguage, SpokenLocale> = {
  cmn: {
    voice: zhCN.voice,
    windowItem: zhCN.result.windowItem,
    windowSeparator: zhCN.result.windowSeparator,
  },
  yue,
  en: { voice: en.voice, windowItem: en.result.windowItem, windowSeparator: en.result.windowSeparator },
};

export interface LineParams {
  /** A ticket number, read character by character. */
  number?: string;
  /** A count of people. */
  count?: number;
  /** Window numbers to watch. */
  windows?: readonly number[];
  /** A time of day, 'HH:MM', read as people say it: 13:30 -> 十三点三十分, 14:00 -> 十四点. */
  time?: string;
  /** When tickets are taken again (the closed screen). */
  when?: OpeningParts | null;
}
type ParamName = keyof LineParams;

/** 'A-L023' -> 'A L 零 二 三' in Chinese (as the pack says it), 'A L 0 2 3' in English. */
export function spokenTicketNumber(number: string, lang: SpeechLanguage): string {
  const clips = ticketNumberClips(number);
  if (isVoiceLanguage(lang)) return clipsToText(clips, lang);
  const digit = (clip: string): number => (DIGIT_CLIPS as readonly string[]).indexOf(clip);
  return clips.map((clip) => (digit(clip) < 0 ? clip : String(digit(clip)))).join(' ');
}

export interface LinePiece {
  /** Text between parameters (may be empty). */
  text: string;
  /** The parameter after this text, if any. */
  param: ParamName | null;
}

/** 'a {number} b' -> [{ text: 'a ', param: 'number' }, { text: ' b', param: null }]. */
export function linePieces(template: string): LinePiece[] {
  const parts = template.split(/\{(\w+)\}/);
  const pieces: LinePiece[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const param = parts[i + 1];
    if (param !== undefined && !['number', 'count', 'windows', 'time', 'when'].includes(param)) {
      throw new Error(`voice line parameter {${param}} cannot be spoken`);
    }
    pieces.push({ text: parts[i]!, param: (param as ParamName | undefined) ?? null });
  }
  return pieces;
}

/** Whether a piece of text has anything to say (not only spaces and punctuation). */
export const speakable = (text: string): boolean => /[\p{Script=Han}A-Za-z0-9]/u.test(text);

/** The pack clips that say the fixed text of a line, with that text: what a pack must record. */
export function lineTextClips(key: VoiceKey, lang: SpeechLanguage): { clip: string; text: string }[] {
  const pieces = linePieces(SPOKEN[lang].voice[key]);
  if (pieces.length === 1) return [{ clip: `kiosk_${key}`, text: pieces[0]!.text }];
  return pieces
    .map((piece, i) => ({ clip: `kiosk_${key}_${i + 1}`, text: piece.text }))
    .filter((c) => speakable(c.text));
}

const TIME_WORDS: Record<'cmn' | 'yue', { hour: string; minute: string }> = {
  cmn: { hour: '点', minute: '分' },
  yue: { hour: '點', minute: '分' },
};

function clockParts(time: string | undefined): { hour: number; minute: number } {
  const [hour, minute] = (time ?? '00:00').split(':').map(Number);
  return { hour: hour ?? 0, minute: minute ?? 0 };
}

function timeText(time: string | undefined, lang: SpeechLanguage): string {
  if (!isVoiceLanguage(lang)) return time ?? '';
  const { hour, minute } = clockParts(time);
  const words = TIME_WORDS[lang];
  return `${hour}${words.hour}${minute > 0 ? `${minute}${words.minute}` : ''}`;
}

/** A time of day with the clips the closed screen's opening time uses (十三点三十分). */
function timeClips(time: string | undefined): string[] {
  const { hour, minute } = clockParts(time);
  return [
    ...quantityClips(hour),
    HOUR_CLIP,
    ...(minute > 0 ? [...windowNumberClips(minute), MINUTE_CLIP] : []),
  ];
}

function paramText(name: ParamName, params: LineParams, spoken: SpokenLocale, lang: SpeechLanguage): string {
  if (name === 'number') return spokenTicketNumber(params.number ?? '', lang);
  if (name === 'count') return String(params.count ?? 0);
  if (name === 'time') return timeText(params.time, lang);
  if (name === 'when') {
    if (!params.when) return openingWords(null)[lang === 'en' ? 'en' : 'zh'];
    // Said as one phrase ("明天八点三十分"), not clip by clip.
    return isVoiceLanguage(lang)
      ? clipsToText(openingClips(params.when), lang).replace(/ /g, '')
      : openingWords(params.when).en;
  }
  return (params.windows ?? [])
    .map((n) => spoken.windowItem.replace('{number}', String(n)))
    .join(spoken.windowSeparator);
}

function paramClips(name: ParamName, params: LineParams): string[] {
  if (name === 'number') return ticketNumberClips(params.number ?? '');
  if (name === 'count') return quantityClips(params.count ?? 0);
  if (name === 'time') return timeClips(params.time);
  if (name === 'when') return params.when ? openingClips(params.when) : [];
  return (params.windows ?? []).flatMap((n) => [...windowNumberClips(n), 'hao']);
}

/** One kiosk line in one language, ready for the kiosk's voice. */
export function kioskLine(
  key: VoiceKey,
  lang: SpeechLanguage,
  params: LineParams = {},
  options: { chime?: boolean } = {},
): Utterance {
  const spoken = SPOKEN[lang];
  const pieces = linePieces(spoken.voice[key]);
  const text = pieces.map((p) => p.text + (p.param ? paramText(p.param, params, spoken, lang) : '')).join('');
  if (!isVoiceLanguage(lang)) return { lang, text, clips: null, rate: KIOSK_SPEECH_RATE };
  const clips: string[] = options.chime ? [CHIME_CLIP] : [];
  if (pieces.length === 1) clips.push(`kiosk_${key}`);
  else {
    pieces.forEach((piece, i) => {
      if (speakable(piece.text)) clips.push(`kiosk_${key}_${i + 1}`);
      if (piece.param) clips.push(...paramClips(piece.param, params));
    });
  }
  return { lang, text, clips, rate: KIOSK_SPEECH_RATE };
}
