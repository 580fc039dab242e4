// Speech synthesis, used for a language only where this PC has a voice for it (many hall PCs have
// no Mandarin voice and few have a Cantonese one; a foreign voice mangling the words is worse than
// the clips). The chime still comes from the voice pack.
import { CHIME_CLIP } from './callClips';
import {
  isVoiceLanguage,
  SPEECH_TAGS,
  voiceSpeaks,
  type SpeechLanguage,
  type VoiceLanguage,
} from './languages';
import type { SpeechEngine, Utterance } from './types';

/** The system's voices, waiting briefly because browsers load the list asynchronously. */
export async function loadVoices(synth: SpeechSynthesis, waitMs = 1500): Promise<SpeechSynthesisVoice[]> {
  const now = synth.getVoices();
  if (now.length > 0 || waitMs <= 0) return now;
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      synth.removeEventListener('voiceschanged', done);
      resolve(synth.getVoices());
    };
    const timer = setTimeout(done, waitMs);
    synth.addEventListener('voiceschanged', done);
  });
}

export function findVoice(
  voices: readonly SpeechSynthesisVoice[],
  lang: SpeechLanguage,
): SpeechSynthesisVoice | null {
  return voices.find((v) => voiceSpeaks(v, lang)) ?? null;
}

export class WebSpeechEngine implements SpeechEngine {
  readonly name = 'speech';

  constructor(
    private readonly synth: SpeechSynthesis,
    private readonly voices: readonly SpeechSynthesisVoice[],
    /** Plays the pack's chime before an utterance that starts with one. */
    private readonly playChime: (lang: VoiceLanguage) => Promise<void> = () => Promise.resolve(),
  ) {}

  /** Languages this PC has a voice for. */
  speaks(lang: SpeechLanguage): boolean {
    return findVoice(this.voices, lang) !== null;
  }

  canSay(utterance: Utterance): boolean {
    return utterance.text.trim() !== '' && this.speaks(utterance.lang);
  }

  async speak(utterance: Utterance): Promise<void> {
    const voice = findVoice(this.voices, utterance.lang);
    if (!voice) return;
    if (utterance.clips?.[0] === CHIME_CLIP && isVoiceLanguage(utterance.lang)) {
      await this.playChime(utterance.lang);
    }
    await new Promise<void>((resolve) => {
      const spoken = new SpeechSynthesisUtterance(utterance.text);
      spoken.voice = voice;
      spoken.lang = voice.lang || SPEECH_TAGS[utterance.lang];
      spoken.rate = utterance.rate;
      spoken.onend = () => resolve();
      spoken.onerror = () => resolve();
      this.synth.speak(spoken);
    });
  }

  cancel(): void {
    this.synth.cancel();
  }
}
