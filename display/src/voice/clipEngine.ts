// The default speech engine: plays voice-pack clips one after another. A clip that is missing,
// fails to decode or never reports 'ended' is skipped after a time-out, so a broken pack can
// never stall the call queue.
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

export interface ClipEngineOptions {
  /** URL of the pack folder, ending in '/'. */
  baseUrl: string;
  extension?: string;
  createAudio?: (url: string) => AudioLike;
  /** Longest a single clip may take before it is skipped. */
  clipTimeoutMs?: number;
  /** Called as each clip starts (tests and diagnostics). */
  onClip?: (name: string) => void;
  /** Called as each clip stops: played to the end, or skipped and why. */
  onClipEnd?: (name: string, outcome: ClipOutcome) => void;
}

export type ClipOutcome = 'ended' | 'error' | 'timeout' | 'cancelled';

function browserAudio(url: string): AudioLike {
  const audio = new Audio(url);
  audio.preload = 'auto';
  return audio;
}

export class ClipEngine implements SpeechEngine {
  private readonly baseUrl: string;
  private readonly extension: string;
  private readonly createAudio: (url: string) => AudioLike;
  private readonly clipTimeoutMs: number;
  private readonly onClip: ((name: string) => void) | undefined;
  private readonly onClipEnd: ((name: string, outcome: ClipOutcome) => void) | undefined;
  /** One element per clip, reused, so a clip is fetched once and then plays without delay. */
  private readonly elements = new Map<string, AudioLike>();
  /** Bumped by cancel(); a speak() from an older generation stops at its next clip. */
  private generation = 0;
  private stopCurrent: (() => void) | null = null;

  constructor(options: ClipEngineOptions) {
    this.baseUrl = options.baseUrl;
    this.extension = options.extension ?? 'wav';
    this.createAudio = options.createAudio ?? browserAudio;
    this.clipTimeoutMs = options.clipTimeoutMs ?? 5000;
    this.onClip = options.onClip;
    this.onClipEnd = options.onClipEnd;
  }

  /** Start fetching clips so the first call has no gaps. */
  preload(names: readonly string[]): void {
    for (const name of names) this.element(name);
  }

  async speak(utterance: Utterance): Promise<void> {
    const generation = this.generation;
    for (const name of utterance.clips) {
      if (generation !== this.generation) return;
      await this.playClip(name, utterance.rate);
    }
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
    const audio = this.element('chime');
    const volume = audio.volume;
    audio.volume = 0;
    try {
      await audio.play();
      audio.pause();
      audio.currentTime = 0;
      return true;
    } catch (error) {
      return !(error instanceof DOMException && error.name === 'NotAllowedError');
    } finally {
      audio.volume = volume;
    }
  }

  private element(name: string): AudioLike {
    let audio = this.elements.get(name);
    if (!audio) {
      audio = this.createAudio(`${this.baseUrl}${encodeURIComponent(name)}.${this.extension}`);
      this.elements.set(name, audio);
    }
    return audio;
  }

  private playClip(name: string, rate: number): Promise<void> {
    const audio = this.element(name);
    return new Promise<void>((resolve) => {
      let settled = false;
      const finish = (outcome: ClipOutcome): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        audio.removeEventListener('ended', onEnded);
        audio.removeEventListener('error', onError);
        this.stopCurrent = null;
        this.onClipEnd?.(name, outcome);
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
      this.onClip?.(name);
      audio.play().catch(onError);
    });
  }
}
