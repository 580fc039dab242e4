// What the kiosk voice announces on `window`, so browser tests (and a diagnostics overlay) can
// follow what was said without hearing it.
import type { SpokenLineEvent } from '@hall/shared/voice/lineVoice';

/** Fired for every line the kiosk asks to speak; detail: VoiceEventDetail. */
export const VOICE_EVENT = 'kiosk:voice';
/** Fired as each voice-pack clip starts; detail: 'language/clip', e.g. 'yue/kiosk_idle'. */
export const VOICE_CLIP_EVENT = 'kiosk:voice-clip';
export type VoiceEventDetail = SpokenLineEvent;

export function dispatchVoiceEvent(detail: VoiceEventDetail): void {
  if (typeof window === 'undefined') return;
  window.dispatchEvent(new CustomEvent<VoiceEventDetail>(VOICE_EVENT, { detail }));
}

export function dispatchClipEvent(clip: string): void {
  if (typeof window === 'undefined') return;
  window.dispatchEvent(new CustomEvent<string>(VOICE_CLIP_EVENT, { detail: clip }));
}
