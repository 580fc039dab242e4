// What the announcer hands to a speech engine, and the one interface every engine implements.

export interface Utterance {
  /** Voice-pack clip names in order, e.g. ['chime', 'qing', 'A', 'ling', 'er', 'san', 'hao', …]. */
  clips: string[];
  /** The same sentence as text, for engines that synthesise speech (no chime in it). */
  text: string;
  /** 1 = normal speed; below 1 is slower (priority calls, for elderly listeners). */
  rate: number;
}

export interface SpeechEngine {
  /** Resolves when the utterance has been spoken (or skipped); must not reject for a bad clip. */
  speak(utterance: Utterance): Promise<void>;
  /** Stops whatever is playing now, so a timed-out utterance can never overlap the next one. */
  cancel?(): void;
}
