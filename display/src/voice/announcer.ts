// The call announcer: one queue, one voice. Every call is spoken in arrival order, each one
// `repeat` times, and the next starts only after the previous has finished (or timed out and been
// cancelled), so a burst of calls is never dropped and never overlaps.
import { clipSequence, clipsToText } from './clipSequence';
import type { SpeechEngine, Utterance } from './types';

export interface Announcement {
  number: string;
  windowNumber: number;
  /** Priority (e.g. elderly) calls are spoken more slowly. */
  priority: boolean;
  recall: boolean;
}

export interface AnnouncerOptions {
  engine: SpeechEngine;
  /** How many times each call is spoken; read per call so a rules change applies at once. */
  repeat: () => number;
  /** Playback rate for priority calls (1 = normal). */
  priorityRate?: number;
  /** Silence between the repeats of one call and between calls. */
  pauseMs?: number;
  /** An utterance that takes longer than this is cancelled so the queue moves on. */
  utteranceTimeoutMs?: number;
  onError?: (error: unknown) => void;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function utteranceFor(call: Announcement, priorityRate: number): Utterance {
  const clips = clipSequence(call.number, call.windowNumber);
  return { clips, text: clipsToText(clips), rate: call.priority ? priorityRate : 1 };
}

export class Announcer {
  private readonly queue: Announcement[] = [];
  private draining: Promise<void> | null = null;
  private readonly options: Required<Omit<AnnouncerOptions, 'onError'>> & Pick<AnnouncerOptions, 'onError'>;

  constructor(options: AnnouncerOptions) {
    this.options = {
      priorityRate: 0.85,
      pauseMs: 600,
      utteranceTimeoutMs: 30_000,
      sleep: defaultSleep,
      ...options,
    };
  }

  /** Queue a call (a recall is simply queued again). */
  announce(call: Announcement): void {
    this.queue.push(call);
    if (!this.draining) {
      this.draining = this.drain().finally(() => {
        this.draining = null;
      });
    }
  }

  /** Drop calls not yet spoken (the screen is closing); the one being spoken finishes. */
  clear(): void {
    this.queue.length = 0;
  }

  /** Calls waiting to be spoken (not counting the one being spoken). */
  get pending(): number {
    return this.queue.length;
  }

  get busy(): boolean {
    return this.draining !== null;
  }

  /** Resolves once everything queued so far has been spoken. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    const { engine, sleep, pauseMs } = this.options;
    for (let call = this.queue.shift(); call; call = this.queue.shift()) {
      const utterance = utteranceFor(call, this.options.priorityRate);
      const times = Math.max(1, Math.floor(this.options.repeat()));
      for (let i = 0; i < times; i++) {
        await this.speakWithTimeout(engine, utterance);
        await sleep(pauseMs);
      }
    }
  }

  private async speakWithTimeout(engine: SpeechEngine, utterance: Utterance): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.options.utteranceTimeoutMs);
    });
    try {
      const outcome = await Promise.race([engine.speak(utterance).then(() => 'spoken' as const), timeout]);
      if (outcome === 'timeout') {
        engine.cancel?.();
        this.options.onError?.(new Error(`announcement timed out: ${utterance.text}`));
      }
    } catch (error) {
      // An engine failure costs one utterance, never the queue.
      engine.cancel?.();
      this.options.onError?.(error);
    } finally {
      clearTimeout(timer);
    }
  }
}
