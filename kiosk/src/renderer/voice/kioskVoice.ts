// The one voice of this kiosk. It starts silent (but still announces each line) and is replaced
// by the real engines once they are known, so the first screen never waits for voices to load.
import { KioskVoice } from './voice';
import type { SpokenLine } from './types';

let active = new KioskVoice(null, null);

export function useKioskVoice(voice: KioskVoice): void {
  active.cancel();
  active = voice;
}

export function say(line: SpokenLine): void {
  void active.speak(line);
}

export function hush(): void {
  active.cancel();
}
