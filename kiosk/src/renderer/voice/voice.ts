// The kiosk voice: picks, per line, speech synthesis when this PC has a voice for the language,
// else the voice pack when it can say the line, else silence. Every request is announced as a
// window event so browser tests (and a diagnostics overlay) can see what the kiosk said.
import type { ClipEngine } from './clipEngine';
import type { SpeechEngine } from './speechEngine';
import { VOICE_EVENT, type SpokenLine, type VoiceEngine, type VoiceEventDetail } from './types';

export class KioskVoice implements VoiceEngine {
  readonly name = 'kiosk';
  private lastEngine: VoiceEngine | null = null;
  private muted = false;

  constructor(
    private readonly speech: SpeechEngine | null,
    private readonly clips: ClipEngine | null,
    private readonly announce: (detail: VoiceEventDetail) => void = dispatchVoiceEvent,
  ) {}

  private engineFor(line: SpokenLine): VoiceEngine | null {
    if (this.speech?.canSay(line)) return this.speech;
    if (this.clips?.canSay(line)) return this.clips;
    return null;
  }

  setMuted(muted: boolean): void {
    this.muted = muted;
    if (muted) this.cancel();
  }

  speak(line: SpokenLine): Promise<void> {
    // A new screen's line replaces whatever is still being said.
    this.cancel();
    const engine = this.muted ? null : this.engineFor(line);
    this.announce({ text: line.text, lang: line.lang, engine: engine?.name ?? 'silent' });
    if (!engine) return Promise.resolve();
    this.lastEngine = engine;
    return engine.speak(line).catch(() => undefined);
  }

  cancel(): void {
    this.lastEngine?.cancel();
    this.lastEngine = null;
  }
}

function dispatchVoiceEvent(detail: VoiceEventDetail): void {
  if (typeof window === 'undefined') return;
  window.dispatchEvent(new CustomEvent<VoiceEventDetail>(VOICE_EVENT, { detail }));
}
