// The one voice of this kiosk. The first screen never waits for voices to load: a line asked for
// before the voice is ready is kept and said as soon as it is (so the welcome is not lost on a
// slow start), and each later line replaces whatever is being said.
import type { LineVoice } from '@hall/shared/voice/lineVoice';
import type { Utterance } from '@hall/shared/voice/types';

let active: LineVoice | null = null;
let waiting: readonly Utterance[] | null = null;

export function useKioskVoice(voice: LineVoice): void {
  active?.cancel();
  active = voice;
  if (waiting) void voice.speak(waiting);
  waiting = null;
}

/** Say a line (or lines one after another), replacing whatever is being said. */
export function say(lines: Utterance | readonly Utterance[]): void {
  const list: readonly Utterance[] = Array.isArray(lines) ? lines : [lines as Utterance];
  if (active) void active.speak(list);
  else waiting = list;
}

export function hush(): void {
  waiting = null;
  active?.cancel();
}
