// Speech synthesis, used only where the browser has a Mandarin (zh-CN) voice: many hall PCs have
// none, which is why clips are the default. The chime still comes from the voice pack.
import type { SpeechEngine, Utterance } from './types';

export function isMandarinVoice(voice: Pick<SpeechSynthesisVoice, 'lang'>): boolean {
  const lang = voice.lang.replace('_', '-').toLowerCase();
  return lang === 'zh-cn' || lang === 'cmn-cn' || lang === 'zh-hans-cn' || lang === 'cmn-hans-cn';
}

/** The zh-CN voice, waiting briefly because browsers load the voice list asynchronously. */
export async function findMandarinVoice(
  synth: SpeechSynthesis,
  waitMs = 1500,
): Promise<SpeechSynthesisVoice | null> {
  const pick = (): SpeechSynthesisVoice | null => synth.getVoices().find(isMandarinVoice) ?? null;
  const now = pick();
  if (now || waitMs <= 0) return now;
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      synth.removeEventListener('voiceschanged', done);
      resolve(pick());
    };
    const timer = setTimeout(done, waitMs);
    synth.addEventListener('voiceschanged', done);
  });
}

export class WebSpeechEngine implements SpeechEngine {
  constructor(
    private readonly synth: SpeechSynthesis,
    private readonly voice: SpeechSynthesisVoice,
    private readonly playChime: () => Promise<void>,
  ) {}

  async speak(utterance: Utterance): Promise<void> {
    if (utterance.clips[0] === 'chime') await this.playChime();
    await new Promise<void>((resolve) => {
      const spoken = new SpeechSynthesisUtterance(utterance.text);
      spoken.voice = this.voice;
      spoken.lang = this.voice.lang;
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
