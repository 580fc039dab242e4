// Plays voice-pack clips one after another: the default engine, because speech-synthesis voices
// are missing on many hall PCs (DESIGN §7). A clip that is missing, fails to decode or never
// reports 'ended' is skipped after a time-out, so a broken pack can never stall the call queue
// or hang a kiosk screen.
import { CHIME_CLIP } from './callClips';
import { isVoiceLanguage, type VoiceLanguage } from './languages';
import { clipUrl, type VoicePack } from './pack';
import type { SpeechEngine, Utterance } from './types';

/** The part of HTMLAudioElement this engine uses (a fake in unit tests). */
export interface AudioLike {
  playbackRate: number;
  preservesPitch?: boolean;
  currentTime: number;
  volume: number;
  play(): Promise<void>;
  pause(): void;
  addEventListener(type: 'ended' | 'error', listener: () => void): void;
  removeEventListener(type: 'ended' | 'error', listener: () => void): void;
}

export type ClipOutcome = 'ended' | 'error' | 'timeout' | 'cancelled';

export interface ClipEngineOptions {
  /** URL of the folder holding one folder per language, ending in '/', e.g. '/display/voice/pack/'. */
  packRoot: string;
  /** The packs this page could load (see loadPacks); a language without one is not spoken by clips. */
  packs: readonly VoicePack[];
  createAudio?: (url: string) => AudioLike;
  /** Longest a single clip may take before it is skipped. */
  clipTimeoutMs?: number;
  /** Called as each clip starts (tests and diagnostics). */
  onClip?: (name: string, lang: VoiceLanguage) => void;
  /** Called as each clip stops: played to the end, or skipped and why. */
  onClipEnd?: (name: string, lang: VoiceLanguage, outcome: ClipOutcome) => void;
}

function browserAudio(url: string): AudioLike {
  const audio = new Audio(url);
  audio.preload = 'auto';
  return audio;
}

export class ClipEngine implements SpeechEngine {
  readonly name = 'clips';
  private readonly packs = new Map<VoiceLanguage, VoicePack>();
  private readonly createAudio: (url: string) => AudioLike;
  private readonly clipTimeoutMs: number;
  /** One element per clip and language, reused, so a clip is fetched once and then plays at once. */
  private readonly elements = new Map<string, AudioLike>();
  /** Bumped by cancel(); a speak() from an older generation stops at its next clip. */
  private generation = 0;
  private stopCurrent: (() => void) | null = null;

  constructor(private readonly options: ClipEngineOptions) {
    for (const pack of options.packs) this.packs.set(pack.language, pack);
    this.createAudio = options.createAudio ?? browserAudio;
    this.clipTimeoutMs = options.clipTimeoutMs ?? 5000;
  }

  /** Languages this engine has a pack for. */
  get languages(): VoiceLanguage[] {
    return [...this.packs.keys()];
  }

  hasPack(lang: VoiceLanguage): boolean {
    return this.packs.has(lang);
  }

  canSay(utterance: Utterance): boolean {
    const pack = isVoiceLanguage(utterance.lang) ? this.packs.get(utterance.lang) : undefined;
    const clips = utterance.clips;
    return !!pack && !!clips && clips.length > 0 && clips.every((c) => pack.clips.has(c));
  }

  /** Start fetching clips so the first call has no gaps. */
  preload(lang: VoiceLanguage, names: readonly string[]): void {
    const pack = this.packs.get(lang);
    if (pack) for (const name of names) this.element(pack, name);
  }

  async speak(utterance: Utterance): Promise<void> {
    const pack = isVoiceLanguage(utterance.lang) ? this.packs.get(utterance.lang) : undefined;
    if (!pack || !utterance.clips) return;
    const generation = this.generation;
    for (const name of utterance.clips) {
      if (generation !== this.generation) return;
      await this.playClip(pack, name, utterance.rate);
    }
  }

  /** The chime alone (before a sentence read by speech synthesis), from `lang`'s pack or any pack. */
  playChime(lang: VoiceLanguage): Promise<void> {
    const pack = this.packs.get(lang) ?? this.packs.values().next().value;
    if (!pack) return Promise.resolve();
    return this.speak({ lang: pack.language, clips: [CHIME_CLIP], text: '', rate: 1 });
  }

  cancel(): void {
    this.generation += 1;
    this.stopCurrent?.();
  }

  /**
   * Try to play the chime silently. Resolves true when the browser lets this page play sound
   * (after a tap, or where autoplay is allowed), false when it is still blocked.
   */
  async probeAutoplay(): Promise<boolean> {
    // True only when a clip really played. Anything else (blocked, no pack, a clip that would not
    // load on a busy network) asks for the tap: it costs one touch, and it is what lets the browser
    // play clips and speech alike from then on. Guessing "allowed" left a silent hall.
    const pack = this.packs.values().next().value;
    if (!pack) return false;
    const audio = this.element(pack, CHIME_CLIP);
    const volume = audio.volume;
    audio.volume = 0;
    try {
      await audio.play();
      audio.pause();
      audio.currentTime = 0;
      return true;
    } catch {
      return false;
    } finally {
      audio.volume = volume;
    }
  }

  private element(pack: VoicePack, name: string): AudioLike {
    const url = clipUrl(this.options.packRoot, pack, name);
    let audio = this.elements.get(url);
    if (!audio) {
      audio = this.createAudio(url);
      this.elements.set(url, audio);
    }
    return audio;
  }

  private playClip(pack: VoicePack, name: string, rate: number): Promise<void> {
    const audio = this.element(pack, name);
    const lang = pack.language;
    return new Promise<void>((resolve) => {
      let settled = false;
      const finish = (outcome: ClipOutcome): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        audio.removeEventListener('ended', onEnded);
        audio.removeEventListener('error', onError);
        this.stopCurrent = null;
        this.options.onClipEnd?.(name, lang, outcome);
        resolve();
      };
      const onEnded = (): void => finish('ended');
      const onError = (): void => finish('error');
      const timer = setTimeout(() => {
        audio.pause();
        finish('timeout');
      }, this.clipTimeoutMs);
      this.stopCurrent = () => {
        audio.pause();
        finish('cancelled');
      };
      audio.addEventListener('ended', onEnded);
      audio.addEventListener('error', onError);
      audio.currentTime = 0;
      audio.playbackRate = rate;
      // Slower priority calls keep their pitch rather than sounding deeper.
      audio.preservesPitch = true;
      this.options.onClip?.(name, lang);
      audio.play().catch(onError);
    });
  }
}
