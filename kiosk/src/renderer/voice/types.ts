// The kiosk's voice: one line per screen, spoken by whichever engine this PC can use.
// Engines sit behind this interface so tests can replace or observe them.
import type { KioskLocale } from '../locales/i18n';

export interface SpokenLine {
  /** The sentence, for speech synthesis (and for tests / diagnostics). */
  text: string;
  lang: KioskLocale;
  /** The same line as voice-pack clips, when the pack can say it; null when it cannot. */
  clips: readonly string[] | null;
}

export interface VoiceEngine {
  readonly name: string;
  /** Resolves when done or skipped; never rejects (a silent kiosk is better than a broken one). */
  speak(line: SpokenLine): Promise<void>;
  /** Stop at once: a new screen's line must never overlap the old one. */
  cancel(): void;
}

/** Fired on window for every line the kiosk asks to speak (browser tests listen to it). */
export const VOICE_EVENT = 'kiosk:voice';
/** Fired on window as each voice-pack clip starts; detail is the clip name. */
export const VOICE_CLIP_EVENT = 'kiosk:voice-clip';
export interface VoiceEventDetail {
  text: string;
  lang: KioskLocale;
  engine: string;
}
