// The one voice of this kiosk. It starts silent (but still announces each line) and is replaced
// by the real engines once they are known, so the first screen never waits for voices to load.
import { LineVoice } from '@hall/shared/voice/lineVoice';
import type { Utterance } from '@hall/shared/voice/types';
import { dispatchVoiceEvent } from './events';

let active = new LineVoice([], dispatchVoiceEvent);

export function useKioskVoice(voice: LineVoice): void {
  active.cancel();
  active = voice;
}

/** Say a line (or lines one after another), replacing whatever is being said. */
export function say(lines: Utterance | readonly Utterance[]): void {
  void active.speak(lines);
}

export function hush(): void {
  active.cancel();
}
