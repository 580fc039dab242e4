// What is said, and the one interface every speech engine implements (voice-pack clips, speech
// synthesis, or a chain of both).
import type { SpeechLanguage } from './languages';

export interface Utterance {
  lang: SpeechLanguage;
  /**
   * The same words as voice-pack clip names in order, e.g. ['chime', 'qing', 'A', 'ling', …];
   * null when the pack cannot say this (English lines).
   */
  clips: readonly string[] | null;
  /** The sentence as text, for engines that synthesise speech (no chime in it). */
  text: string;
  /** 1 = normal speed; below 1 is slower (priority calls and kiosk guidance, for elderly listeners). */
  rate: number;
}

export interface SpeechEngine {
  /** Short name for logs and tests: 'clips', 'speech', … */
  readonly name: string;
  /** Whether this engine can say the utterance at all (a pack for its language, a system voice). */
  canSay(utterance: Utterance): boolean;
  /** Resolves when the utterance has been spoken (or skipped); never rejects for a bad clip. */
  speak(utterance: Utterance): Promise<void>;
  /** Stops whatever is playing now, so a timed-out or replaced utterance never overlaps the next. */
  cancel(): void;
}
