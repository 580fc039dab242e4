// The voice of a screen that speaks one thing at a time (kiosk guidance, the evaluator's prompts):
// a new screen's line replaces whatever is still being said. Each line goes to the first engine
// that can say it (speech synthesis where the PC has a voice for its language, else the voice
// pack), else it stays silent: a silent screen is better than a broken one. Every line is reported
// to `onLine` with the engine that took it, so tests and diagnostics can follow what was said.
import type { SpeechLanguage } from './languages';
import type { SpeechEngine, Utterance } from './types';

export interface SpokenLineEvent {
  text: string;
  lang: SpeechLanguage;
  /** The engine's name, or 'silent' when none could say the line (or the voice is muted). */
  engine: string;
}

export class LineVoice {
  private lastEngine: SpeechEngine | null = null;
  private muted = false;
  /** Bumped by every speak() and cancel(); an older sequence stops before its next line. */
  private generation = 0;

  constructor(
    private readonly engines: readonly SpeechEngine[],
    private readonly onLine: (event: SpokenLineEvent) => void = () => undefined,
  ) {}

  setMuted(muted: boolean): void {
    this.muted = muted;
    if (muted) this.cancel();
  }

  /** Says one line, or several one after another (e.g. a welcome in each of the hall's languages). */
  async speak(lines: Utterance | readonly Utterance[]): Promise<void> {
    this.cancel();
    const generation = this.generation;
    for (const line of Array.isArray(lines) ? lines : [lines as Utterance]) {
      if (generation !== this.generation) return;
      const engine = this.muted ? null : (this.engines.find((e) => e.canSay(line)) ?? null);
      this.onLine({ text: line.text, lang: line.lang, engine: engine?.name ?? 'silent' });
      if (!engine) continue;
      this.lastEngine = engine;
      await engine.speak(line).catch(() => undefined);
    }
  }

  cancel(): void {
    this.generation += 1;
    this.lastEngine?.cancel();
    this.lastEngine = null;
  }
}
