// The languages a hall can speak its calls and kiosk guidance in. Each has its own voice pack
// (display/voice/pack/<language>/) and, where the PC has one, a speech-synthesis voice.
//
// Codes are ISO 639-3 on purpose: 'cmn' (Mandarin, 普通话) and 'yue' (Cantonese, 粤语) are spoken
// languages, unlike the page locales 'zh-CN' / 'en' that decide the written text.

export const VOICE_LANGUAGES = ['cmn', 'yue'] as const;
export type VoiceLanguage = (typeof VOICE_LANGUAGES)[number];

/** Mandarin only, until a hall adds its local dialect. */
export const DEFAULT_VOICE_LANGUAGES: readonly VoiceLanguage[] = ['cmn'];

/** What a line can be spoken in: a pack language, or English (speech synthesis only, no pack). */
export type SpeechLanguage = VoiceLanguage | 'en';

export function isVoiceLanguage(value: unknown): value is VoiceLanguage {
  return typeof value === 'string' && (VOICE_LANGUAGES as readonly string[]).includes(value);
}

/** The hall's languages as set, in order, or the default when the setting is missing or empty. */
export function hallVoiceLanguages(setting: readonly string[] | null | undefined): VoiceLanguage[] {
  const languages = (setting ?? []).filter(isVoiceLanguage);
  return languages.length > 0 ? [...new Set(languages)] : [...DEFAULT_VOICE_LANGUAGES];
}

// Speech-synthesis voices name their language by BCP 47 tag, spelled in many ways
// ('zh-CN', 'zh_CN', 'cmn-Hans-CN'; Cantonese as 'zh-HK', 'yue', 'yue-HK', 'zh-yue').
const VOICE_TAGS: Record<SpeechLanguage, (tag: string) => boolean> = {
  cmn: (tag) => ['zh-cn', 'cmn-cn', 'zh-hans-cn', 'cmn-hans-cn', 'cmn'].includes(tag),
  yue: (tag) => ['zh-hk', 'zh-hant-hk', 'yue', 'yue-hk', 'yue-hant-hk', 'zh-yue', 'yue-hant'].includes(tag),
  en: (tag) => tag === 'en' || tag.startsWith('en-'),
};

/** Does this speech-synthesis voice speak `language`? (Taiwanese Mandarin does not count as zh-CN.) */
export function voiceSpeaks(voice: { lang: string }, language: SpeechLanguage): boolean {
  return VOICE_TAGS[language](voice.lang.replace(/_/g, '-').toLowerCase());
}

/** The BCP 47 tag to give an utterance in `language`. */
export const SPEECH_TAGS: Record<SpeechLanguage, string> = { cmn: 'zh-CN', yue: 'zh-HK', en: 'en-US' };
