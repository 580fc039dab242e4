// Keyboard-wedge card readers "type" the number: 18 characters and Enter within a few hundred
// milliseconds. People cannot type that fast, and the kiosk has no text field, so we recognise a
// read by timing: every key of the burst follows the previous one within maxGapMs.
import type { IdReadCallback, IdReader } from './types';

export interface KeyboardWedgeOptions {
  /** Longest pause between two characters of one read. */
  maxGapMs?: number;
  now?: () => number;
}

const ID_LENGTH = 18;

export class KeyboardWedgeReader implements IdReader {
  readonly kind = 'keyboard-wedge';
  private buffer = '';
  private lastKeyAt = 0;
  private onRead: IdReadCallback | null = null;
  private readonly maxGapMs: number;
  private readonly now: () => number;
  private readonly listener = (event: Event): void => this.onKey(event as KeyboardEvent);

  constructor(
    private readonly target: EventTarget,
    options: KeyboardWedgeOptions = {},
  ) {
    this.maxGapMs = options.maxGapMs ?? 60;
    this.now = options.now ?? (() => performance.now());
  }

  start(onRead: IdReadCallback): void {
    this.stop();
    this.onRead = onRead;
    this.buffer = '';
    this.target.addEventListener('keydown', this.listener);
  }

  stop(): void {
    this.target.removeEventListener('keydown', this.listener);
    this.onRead = null;
    this.buffer = '';
  }

  private onKey(event: KeyboardEvent): void {
    const at = this.now();
    const gap = at - this.lastKeyAt;
    this.lastKeyAt = at;
    if (event.key === 'Enter') {
      const candidate = this.buffer;
      this.buffer = '';
      if (candidate.length === ID_LENGTH && gap <= this.maxGapMs) {
        event.preventDefault();
        this.onRead?.({ kind: 'raw', number: candidate });
      }
      return;
    }
    if (!/^[0-9Xx]$/.test(event.key)) {
      this.buffer = '';
      return;
    }
    // A slow key starts a new burst: whatever came before was a person, not the reader.
    if (gap > this.maxGapMs) this.buffer = '';
    this.buffer = (this.buffer + event.key.toUpperCase()).slice(-ID_LENGTH);
  }
}
