// Turns a call into voice-pack clip names: chime, 请, the ticket characters one by one, 号, 到,
// the window number, 号, 窗口, 办理 ("（叮咚）请 A023 号 到 3 号窗口办理"). Mandarin and Cantonese
// halls call in the same order (請 A023 號到 3 號窗口辦理), so the clip names are the same in every
// pack; what differs per language is the pack the clips come from and the text given to speech
// synthesis (simplified characters for Mandarin voices, traditional for Cantonese ones).
import type { VoiceLanguage } from './languages';
import { clipsToText } from './clipText';
import { ticketNumberClips, windowNumberClips } from './numberClips';
import type { Utterance } from './types';

export const CHIME_CLIP = 'chime';
export const WORD_CLIPS = [CHIME_CLIP, 'qing', 'hao', 'dao', 'chuangkou', 'banli'] as const;

export interface CallToSpeak {
  number: string;
  windowNumber: number;
}

/** The whole announcement "（叮咚）请 A023 号 到 3 号窗口办理" as clip names. */
export function clipSequence(number: string, windowNumber: number): string[] {
  return [
    CHIME_CLIP,
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

/** One call in one language, as an engine receives it. */
export function callUtterance(call: CallToSpeak, lang: VoiceLanguage, rate: number): Utterance {
  const clips = clipSequence(call.number, call.windowNumber);
  return { lang, clips, text: clipsToText(clips, lang), rate };
}
