// Speech synthesis, used only when this PC has a voice for the line's language (many hall PCs have
// no Mandarin voice: then the clip engine or silence is better than a foreign voice mangling it).
import type { KioskLocale } from '../locales/i18n';
import type { SpokenLine, VoiceEngine } from './types';

export function voiceMatches(voice: Pick<SpeechSynthesisVoice, 'lang'>, lang: KioskLocale): boolean {
  const tag = voice.lang.replace('_', '-').toLowerCase();
  if (lang === 'en') return tag === 'en' || tag.startsWith('en-');
  return ['zh-cn', 'cmn-cn', 'zh-hans-cn', 'cmn-hans-cn'].includes(tag);
}

export async function loadVoices(synth: SpeechSynthesis, waitMs = 1500): Promise<SpeechSynthesisVoice[]> {
  const now = synth.getVoices();
  if (now.length > 0) return now;
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

export class SpeechEngine implements VoiceEngine {
  readonly name = 'speech';

  constructor(
    private readonly synth: SpeechSynthesis,
    private readonly voices: readonly SpeechSynthesisVoice[],
  ) {}

  canSay(line: SpokenLine): boolean {
    return this.voices.some((v) => voiceMatches(v, line.lang));
  }

  speak(line: SpokenLine): Promise<void> {
    const voice = this.voices.find((v) => voiceMatches(v, line.lang));
    if (!voice) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const spoken = new SpeechSynthesisUtterance(line.text);
      spoken.voice = voice;
      spoken.lang = voice.lang;
      // A little slower than normal for elderly listeners.
      spoken.rate = 0.85;
      spoken.onend = () => resolve();
      spoken.onerror = () => resolve();
      this.synth.speak(spoken);
    });
  }

  cancel(): void {
    this.synth.cancel();
  }
}
