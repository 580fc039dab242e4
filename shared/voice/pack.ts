// Voice packs: one folder per language under the pack root (display/voice/pack/<language>/,
// served at /display/voice/pack/<language>/), each with manifest.json and one audio file per clip.
//
//   { "language": "yue", "format": "ogg", "clips": { "qing": "請", "kiosk_idle": "歡迎。…", … } }
//
// The manifest says what every clip must say, so a hall knows what to record; a page only plays
// a line whose every clip the manifest lists.
import { WORD_CLIPS } from './callClips';
import { ALL_EVALUATOR_CLIPS } from './evaluatorClips';
import { isVoiceLanguage, type VoiceLanguage } from './languages';
import { DIGIT_CLIPS, HUNDRED_CLIP, LETTER_CLIPS, TEN_CLIP, TWO_OF_CLIP } from './numberClips';
import { OPENING_CLIPS } from './openingClips';

/** Clips every pack needs to announce calls and read numbers. */
export const CALL_CLIPS: readonly string[] = [
  ...WORD_CLIPS,
  ...DIGIT_CLIPS,
  TEN_CLIP,
  HUNDRED_CLIP,
  TWO_OF_CLIP,
  ...LETTER_CLIPS,
];

/** Word clips that are not part of a call: the kiosk's next opening time. */
export const WORD_ONLY_CLIPS: readonly string[] = OPENING_CLIPS;

/** Clips every pack needs whatever screens a hall runs (kiosk lines are listed by the kiosk). */
export const REQUIRED_CLIPS: readonly string[] = [...CALL_CLIPS, ...WORD_ONLY_CLIPS, ...ALL_EVALUATOR_CLIPS];

export const AUDIO_FORMATS = ['ogg', 'wav', 'mp3'] as const;
export type AudioFormat = (typeof AUDIO_FORMATS)[number];

export interface PackManifest {
  language: VoiceLanguage;
  format: AudioFormat;
  /** Clip name -> what it says. */
  clips: Record<string, string>;
}

/** A loaded pack as engines use it. */
export interface VoicePack {
  language: VoiceLanguage;
  format: AudioFormat;
  clips: ReadonlySet<string>;
}

/** Checks a manifest read from JSON; null when it is not one (a broken pack is no pack). */
export function parseManifest(value: unknown, expected: VoiceLanguage): PackManifest | null {
  if (!value || typeof value !== 'object') return null;
  const { language, format, clips } = value as Record<string, unknown>;
  // Packs from before the language level have no "language": they were Mandarin.
  const lang = language === undefined ? 'cmn' : language;
  if (!isVoiceLanguage(lang) || lang !== expected) return null;
  if (typeof format !== 'string' || !(AUDIO_FORMATS as readonly string[]).includes(format)) return null;
  if (!clips || typeof clips !== 'object' || Array.isArray(clips)) return null;
  const entries = Object.entries(clips as Record<string, unknown>);
  if (!entries.every(([, say]) => typeof say === 'string')) return null;
  return {
    language: lang,
    format: format as AudioFormat,
    clips: Object.fromEntries(entries) as Record<string, string>,
  };
}

export function packFolderUrl(packRoot: string, language: VoiceLanguage): string {
  return `${packRoot}${language}/`;
}

export function clipUrl(
  packRoot: string,
  pack: Pick<VoicePack, 'language' | 'format'>,
  clip: string,
): string {
  return `${packFolderUrl(packRoot, pack.language)}${encodeURIComponent(clip)}.${pack.format}`;
}

/** Fetches one language's manifest; null when the pack is missing, unreachable or malformed. */
export async function loadPack(
  packRoot: string,
  language: VoiceLanguage,
  fetcher: typeof fetch = fetch,
): Promise<VoicePack | null> {
  try {
    const response = await fetcher(`${packFolderUrl(packRoot, language)}manifest.json`, {
      cache: 'no-cache',
    });
    if (!response.ok) return null;
    const manifest = parseManifest(await response.json(), language);
    if (!manifest) return null;
    return { language, format: manifest.format, clips: new Set(Object.keys(manifest.clips)) };
  } catch {
    return null;
  }
}

/** Every language's pack that could be loaded. */
export async function loadPacks(
  packRoot: string,
  languages: readonly VoiceLanguage[],
  fetcher: typeof fetch = fetch,
): Promise<VoicePack[]> {
  const packs = await Promise.all(languages.map((l) => loadPack(packRoot, l, fetcher)));
  return packs.filter((p): p is VoicePack => p !== null);
}
