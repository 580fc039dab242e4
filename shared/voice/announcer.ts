// The call announcer: one queue, one voice. Every call is spoken in arrival order, in each of the
// hall's languages in turn ("请 A023 号…" in Mandarin, then Cantonese), `repeat` times; the next
// utterance starts only after the previous one has finished (or timed out and been cancelled), so
// a burst of calls is never dropped and never overlaps.
//
// Under a backlog the repeats of older calls give way: before each repeat (never the first
// round), the announcer estimates when every waiting call would start if it spoke that repeat and
// the calls ahead were spoken once each; if any would then have waited longer than `maxDelayMs`,
// the repeat is skipped. A call is never dropped and never cut off mid-sentence, so a new call can
// still wait longer than the bound when the calls ahead of it, spoken once each, already take longer.
import { callUtterance } from './callClips';
import { DEFAULT_VOICE_LANGUAGES, type VoiceLanguage } from './languages';
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
  /** The languages of each call, in order; read per call so a hall setting applies at once. */
  languages?: () => readonly VoiceLanguage[];
  /** Longest a waiting call should wait for repeats of older calls; read when deciding. */
  maxDelayMs?: () => number;
  /** Playback rate for priority calls (1 = normal). */
  priorityRate?: number;
  /** Silence after each utterance. */
  pauseMs?: number;
  /** An utterance that takes longer than this is cancelled so the queue moves on. */
  utteranceTimeoutMs?: number;
  /** How long one utterance is assumed to take until the first has been timed. */
  utteranceEstimateMs?: number;
  onError?: (error: unknown) => void;
  /** Told when a call's remaining repeats are skipped because calls are waiting. */
  onShortened?: (call: Announcement, roundsSpoken: number) => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

interface Queued {
  call: Announcement;
  arrivedAt: number;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
/** How many recent utterances the duration estimate averages. */
const ESTIMATE_WINDOW = 8;

export class Announcer {
  private readonly queue: Queued[] = [];
  private draining: Promise<void> | null = null;
  private readonly engine: SpeechEngine;
  private readonly repeat: () => number;
  private readonly languages: () => readonly VoiceLanguage[];
  private readonly maxDelayMs: () => number;
  private readonly priorityRate: number;
  private readonly pauseMs: number;
  private readonly utteranceTimeoutMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly onError: ((error: unknown) => void) | undefined;
  private readonly onShortened: ((call: Announcement, roundsSpoken: number) => void) | undefined;
  /** Durations of the last utterances, for the backlog estimate. */
  private readonly durations: number[] = [];
  private readonly firstEstimateMs: number;

  constructor(options: AnnouncerOptions) {
    this.engine = options.engine;
    this.repeat = options.repeat;
    this.languages = options.languages ?? (() => DEFAULT_VOICE_LANGUAGES);
    this.maxDelayMs = options.maxDelayMs ?? (() => Number.POSITIVE_INFINITY);
    this.priorityRate = options.priorityRate ?? 0.85;
    this.pauseMs = options.pauseMs ?? 600;
    this.utteranceTimeoutMs = options.utteranceTimeoutMs ?? 30_000;
    this.firstEstimateMs = options.utteranceEstimateMs ?? 6000;
    this.sleep = options.sleep ?? defaultSleep;
    this.now = options.now ?? (() => Date.now());
    this.onError = options.onError;
    this.onShortened = options.onShortened;
  }

  /** Queue a call (a recall is simply queued again). */
  announce(call: Announcement): void {
    this.queue.push({ call, arrivedAt: this.now() });
    if (this.draining) return;
    // Started on the next microtask, so `draining` is set before any engine code runs: a call
    // announced from inside an engine's speak() then joins this queue instead of a second one.
    this.draining = Promise.resolve()
      .then(() => this.drain())
      .finally(() => {
        this.draining = null;
      });
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

  private currentLanguages(): readonly VoiceLanguage[] {
    const languages = this.languages();
    return languages.length > 0 ? languages : DEFAULT_VOICE_LANGUAGES;
  }

  private async drain(): Promise<void> {
    for (let item = this.queue.shift(); item; item = this.queue.shift()) {
      const { call } = item;
      const languages = this.currentLanguages();
      const rate = call.priority ? this.priorityRate : 1;
      const rounds = Math.max(1, Math.floor(this.repeat()));
      for (let round = 0; round < rounds; round++) {
        // The first round is always spoken: a call is never dropped.
        if (round > 0 && this.anotherRoundDelaysTooLong(languages.length)) {
          this.onShortened?.(call, round);
          break;
        }
        for (const lang of languages) {
          await this.speakTimed(callUtterance(call, lang, rate));
          await this.sleep(this.pauseMs);
        }
      }
    }
  }

  /** Estimated time of one utterance plus its pause. */
  private utteranceMs(): number {
    const measured = this.durations;
    const speech =
      measured.length === 0 ? this.firstEstimateMs : measured.reduce((a, b) => a + b, 0) / measured.length;
    return speech + this.pauseMs;
  }

  /**
   * Would one more round of the current call (in `languageCount` languages) make any waiting call
   * start later than its arrival + the bound, with each call ahead of it spoken once?
   */
  private anotherRoundDelaysTooLong(languageCount: number): boolean {
    const bound = this.maxDelayMs();
    if (!(bound >= 0) || bound === Number.POSITIVE_INFINITY || this.queue.length === 0) return false;
    const perUtterance = this.utteranceMs();
    const waitingRound = this.currentLanguages().length * perUtterance;
    let startsAt = this.now() + languageCount * perUtterance;
    for (const waiting of this.queue) {
      if (startsAt - waiting.arrivedAt > bound) return true;
      startsAt += waitingRound;
    }
    return false;
  }

  private async speakTimed(utterance: Utterance): Promise<void> {
    const began = this.now();
    await this.speakWithTimeout(utterance);
    this.durations.push(Math.max(0, this.now() - began));
    if (this.durations.length > ESTIMATE_WINDOW) this.durations.shift();
  }

  private async speakWithTimeout(utterance: Utterance): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.utteranceTimeoutMs);
    });
    try {
      const outcome = await Promise.race([
        this.engine.speak(utterance).then(() => 'spoken' as const),
        timeout,
      ]);
      if (outcome === 'timeout') {
        this.engine.cancel();
        this.onError?.(new Error(`announcement timed out: ${utterance.text}`));
      }
    } catch (error) {
      // An engine failure costs one utterance, never the queue.
      this.engine.cancel();
      this.onError?.(error);
    } finally {
      clearTimeout(timer);
    }
  }
}
