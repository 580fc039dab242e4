// Chooses the speech engines for this screen and builds the announcer around them.
// Clips are the default (DESIGN §7), from one pack per language. Speech synthesis is used for a
// language only where this PC has a voice for it, and only when the hall asked for it
// (?voice=speech) or that language's pack cannot be loaded.
import { Announcer } from '@hall/shared/voice/announcer';
import { ClipEngine, type ClipOutcome } from '@hall/shared/voice/clipEngine';
import { EngineChain } from '@hall/shared/voice/engineChain';
import { VOICE_LANGUAGES, type VoiceLanguage } from '@hall/shared/voice/languages';
import { CALL_CLIPS, loadPacks } from '@hall/shared/voice/pack';
import type { SpeechEngine } from '@hall/shared/voice/types';
import { loadVoices, WebSpeechEngine } from '@hall/shared/voice/webSpeechEngine';

export interface Voice {
  announcer: Announcer;
  clips: ClipEngine;
  /** 'clips' when calls start with the voice pack (so the browser must allow audio playback). */
  engineKind: 'clips' | 'speech';
}

export interface VoiceOptions {
  /** Pack root URL ending in '/', e.g. '/display/voice/pack/' (one folder per language below it). */
  packRoot: string;
  repeat: () => number;
  languages: () => readonly VoiceLanguage[];
  maxDelayMs: () => number;
  preferSpeech: boolean;
  onClip?: (name: string, lang: VoiceLanguage) => void;
  onClipEnd?: (name: string, lang: VoiceLanguage, outcome: ClipOutcome) => void;
  onError?: (error: unknown) => void;
}

export async function createVoice(options: VoiceOptions): Promise<Voice> {
  // Every language's pack, so a hall that adds Cantonese in the console is heard at the next call.
  const packs = await loadPacks(options.packRoot, VOICE_LANGUAGES);
  const clips = new ClipEngine({
    packRoot: options.packRoot,
    packs,
    onClip: options.onClip,
    onClipEnd: options.onClipEnd,
  });

  let speech: WebSpeechEngine | null = null;
  const missingPack = packs.length < VOICE_LANGUAGES.length;
  if ((options.preferSpeech || missingPack) && typeof speechSynthesis !== 'undefined') {
    const voices = await loadVoices(speechSynthesis);
    if (voices.length > 0)
      speech = new WebSpeechEngine(speechSynthesis, voices, (lang) => clips.playChime(lang));
  }
  const engines: (SpeechEngine | null)[] = options.preferSpeech ? [speech, clips] : [clips, speech];
  const chain = new EngineChain(engines.filter((e): e is SpeechEngine => e !== null));
  const firstLanguage = options.languages()[0] ?? 'cmn';
  const engineKind = options.preferSpeech && speech?.speaks(firstLanguage) ? 'speech' : 'clips';
  // The hall's languages now; a language added later is fetched at its first call.
  for (const lang of options.languages()) clips.preload(lang, CALL_CLIPS);

  const announcer = new Announcer({
    engine: chain,
    repeat: options.repeat,
    languages: options.languages,
    maxDelayMs: options.maxDelayMs,
    onError: options.onError,
  });
  return { announcer, clips, engineKind };
}
