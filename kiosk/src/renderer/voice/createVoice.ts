// Builds the kiosk voice for this PC. Nothing here may block the screens: it resolves within a
// couple of seconds even when there is no voice at all.
import { loadClipEngine } from './clipEngine';
import { SpeechEngine, loadVoices } from './speechEngine';
import { KioskVoice } from './voice';
import { VOICE_CLIP_EVENT } from './types';

function announceClip(name: string): void {
  window.dispatchEvent(new CustomEvent<string>(VOICE_CLIP_EVENT, { detail: name }));
}

export function voicePackUrl(serverUrl: string): string {
  const origin = serverUrl ? serverUrl.replace(/\/+$/, '') : '';
  return `${origin}/display/voice/pack/`;
}

export async function createKioskVoice(serverUrl: string): Promise<KioskVoice> {
  const synth = typeof window !== 'undefined' && 'speechSynthesis' in window ? window.speechSynthesis : null;
  const [voices, clips] = await Promise.all([
    synth ? loadVoices(synth) : Promise.resolve([]),
    loadClipEngine(voicePackUrl(serverUrl), announceClip),
  ]);
  const speech = synth && voices.length > 0 ? new SpeechEngine(synth, voices) : null;
  return new KioskVoice(speech, clips);
}
