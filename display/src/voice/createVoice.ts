// Chooses the speech engine for this screen and builds the announcer around it.
// Clips are the default (DESIGN §7). Speech synthesis is used only where a zh-CN voice exists and
// either the hall asked for it (?voice=speech) or the voice pack cannot be loaded.
import { Announcer } from './announcer';
import { ALL_CLIPS } from './clipSequence';
import { ClipEngine, type ClipOutcome } from './clipEngine';
import type { SpeechEngine } from './types';
import { findMandarinVoice, WebSpeechEngine } from './webSpeechEngine';

export interface Voice {
  announcer: Announcer;
  clips: ClipEngine;
  engineKind: 'clips' | 'speech';
}

export interface VoiceOptions {
  /** Pack folder URL ending in '/', e.g. '/display/voice/pack/'. */
  packUrl: string;
  repeat: () => number;
  preferSpeech: boolean;
  onClip?: (name: string) => void;
  onClipEnd?: (name: string, outcome: ClipOutcome) => void;
  onError?: (error: unknown) => void;
}

async function packAvailable(packUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${packUrl}manifest.json`, { cache: 'no-cache' });
    return response.ok;
  } catch {
    return false;
  }
}

export async function createVoice(options: VoiceOptions): Promise<Voice> {
  const clips = new ClipEngine({
    baseUrl: options.packUrl,
    onClip: options.onClip,
    onClipEnd: options.onClipEnd,
  });
  let engine: SpeechEngine = clips;
  let engineKind: Voice['engineKind'] = 'clips';

  const hasPack = await packAvailable(options.packUrl);
  if ((options.preferSpeech || !hasPack) && typeof speechSynthesis !== 'undefined') {
    const voice = await findMandarinVoice(speechSynthesis);
    if (voice) {
      engine = new WebSpeechEngine(speechSynthesis, voice, () =>
        clips.speak({ clips: ['chime'], text: '', rate: 1 }),
      );
      engineKind = 'speech';
    }
  }
  if (engineKind === 'clips') clips.preload(ALL_CLIPS);

  const announcer = new Announcer({ engine, repeat: options.repeat, onError: options.onError });
  return { announcer, clips, engineKind };
}
