// The evaluator pad's voice: one line at a time (LineVoice) from the hall's voice packs, in each of
// the hall's spoken languages in turn — the question, the level tapped, the reason question and the
// thanks (shared/voice/evaluatorClips.ts). Speech synthesis stands in only where a pack is missing.
// Every line and clip is logged on `window.__evaluatorVoice` for tests and diagnostics.
import { ClipEngine } from '@hall/shared/voice/clipEngine';
import { EVALUATOR_CLIPS } from '@hall/shared/voice/evaluatorClips';
import { VOICE_LANGUAGES, type VoiceLanguage } from '@hall/shared/voice/languages';
import { LineVoice } from '@hall/shared/voice/lineVoice';
import { loadPacks } from '@hall/shared/voice/pack';
import type { SpeechEngine, Utterance } from '@hall/shared/voice/types';
import { loadVoices, WebSpeechEngine } from '@hall/shared/voice/webSpeechEngine';
import type { RatingLevel, RatingReason } from '@hall/shared/contracts/ratings';
import { SENTENCES } from '../../voice/sentences';

declare global {
  interface Window {
    /** 'lang/clip' as each evaluator clip starts (tests and diagnostics). */
    __evaluatorVoice?: string[];
  }
}

const textOf = (clip: string, lang: VoiceLanguage): string =>
  SENTENCES.find((s) => s.name === clip)?.[lang] ?? clip;

/** One clip said in each of the hall's languages, slowly (elderly listeners). */
export function evaluatorLines(clip: string, languages: readonly VoiceLanguage[]): Utterance[] {
  return languages.map((lang) => ({ lang, clips: [clip], text: textOf(clip, lang), rate: 0.9 }));
}

export const EVALUATOR_LINE = {
  prompt: EVALUATOR_CLIPS.prompt,
  reasonPrompt: EVALUATOR_CLIPS.reasonPrompt,
  thanks: EVALUATOR_CLIPS.thanks,
  level: (level: RatingLevel) => EVALUATOR_CLIPS.levels[level],
  reason: (reason: RatingReason) => EVALUATOR_CLIPS.reasons[reason],
};

export interface EvaluatorVoice {
  say(clip: string, languages: readonly VoiceLanguage[]): void;
  /** False when the browser blocks sound until a first tap (then the pad asks for that tap). */
  probe(): Promise<boolean>;
  cancel(): void;
}

export async function createEvaluatorVoice(packRoot: string): Promise<EvaluatorVoice> {
  window.__evaluatorVoice = [];
  const packs = await loadPacks(packRoot, VOICE_LANGUAGES);
  const clips = new ClipEngine({
    packRoot,
    packs,
    clipTimeoutMs: 4_000,
    onClip: (name, lang) => window.__evaluatorVoice?.push(`${lang}/${name}`),
  });
  const engines: SpeechEngine[] = [clips];
  if (packs.length < VOICE_LANGUAGES.length && typeof speechSynthesis !== 'undefined') {
    const voices = await loadVoices(speechSynthesis);
    if (voices.length > 0)
      engines.push(new WebSpeechEngine(speechSynthesis, voices, (l) => clips.playChime(l)));
  }
  const voice = new LineVoice(engines);
  return {
    say: (clip, languages) => void voice.speak(evaluatorLines(clip, languages)),
    probe: () => clips.probeAutoplay(),
    cancel: () => voice.cancel(),
  };
}
