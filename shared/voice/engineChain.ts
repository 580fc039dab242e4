// Several engines as one: each utterance goes to the first engine that can say it (for example
// speech synthesis where the PC has a voice for that language, else the voice pack); an utterance
// nobody can say is skipped, never blocks.
import type { SpeechEngine, Utterance } from './types';

export class EngineChain implements SpeechEngine {
  readonly name = 'chain';

  constructor(private readonly engines: readonly SpeechEngine[]) {}

  /** The engine that would say this utterance, or null. */
  engineFor(utterance: Utterance): SpeechEngine | null {
    return this.engines.find((e) => e.canSay(utterance)) ?? null;
  }

  canSay(utterance: Utterance): boolean {
    return this.engineFor(utterance) !== null;
  }

  speak(utterance: Utterance): Promise<void> {
    return this.engineFor(utterance)?.speak(utterance) ?? Promise.resolve();
  }

  cancel(): void {
    for (const engine of this.engines) engine.cancel();
  }
}
