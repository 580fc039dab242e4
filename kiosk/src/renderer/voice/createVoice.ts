// Builds the kiosk voice for this PC: speech synthesis for a language where the PC has a voice for
// it, else the hall server's voice pack for that language (/display/voice/pack/<language>/), else
// silence. Nothing here may block the screens: it resolves within a couple of seconds even when
// there is no voice at all.
import { ClipEngine } from '@hall/shared/voice/clipEngine';
import { VOICE_LANGUAGES } from '@hall/shared/voice/languages';
import { LineVoice } from '@hall/shared/voice/lineVoice';
import { loadPacks } from '@hall/shared/voice/pack';
import type { SpeechEngine } from '@hall/shared/voice/types';
import { loadVoices, WebSpeechEngine } from '@hall/shared/voice/webSpeechEngine';
import { dispatchClipEvent, dispatchVoiceEvent } from './events';

/** The pack root on the hall server (one folder per language below it). */
export function voicePackUrl(serverUrl: string): string {
  const origin = serverUrl ? serverUrl.replace(/\/+$/, '') : '';
  return `${origin}/display/voice/pack/`;
}

/** A kiosk clip that hangs is skipped sooner than a call clip: the visitor is waiting. */
const CLIP_TIMEOUT_MS = 4_000;

export async function createKioskVoice(serverUrl: string): Promise<LineVoice> {
  const synth = typeof window !== 'undefined' && 'speechSynthesis' in window ? window.speechSynthesis : null;
  const packRoot = voicePackUrl(serverUrl);
  const [voices, packs] = await Promise.all([
    synth ? loadVoices(synth) : Promise.resolve([]),
    loadPacks(packRoot, VOICE_LANGUAGES),
  ]);
  const clips = new ClipEngine({
    packRoot,
    packs,
    clipTimeoutMs: CLIP_TIMEOUT_MS,
    onClip: (name, lang) => dispatchClipEvent(`${lang}/${name}`),
  });
  const speech =
    synth && voices.length > 0 ? new WebSpeechEngine(synth, voices, (l) => clips.playChime(l)) : null;
  const engines: SpeechEngine[] = speech ? [speech, clips] : [clips];
  return new LineVoice(engines, dispatchVoiceEvent);
}
