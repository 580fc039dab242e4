// The idle reset: after `seconds` without a touch, go back to the start screen. The remaining time
// is computed from the clock on every tick (not by counting ticks), so a busy or throttled page
// still resets on time. The last `warnSeconds` show a large "continue" prompt.

export const MIN_IDLE_SECONDS = 60;

export function effectiveIdleSeconds(configured: number | null | undefined, fallback: number): number {
  const chosen = typeof configured === 'number' && Number.isFinite(configured) ? configured : fallback;
  return Math.max(MIN_IDLE_SECONDS, Math.round(chosen));
}

export function warnSecondsFor(idleSeconds: number): number {
  return Math.min(30, Math.floor(idleSeconds / 2));
}

export interface IdleCountdownOptions {
  seconds: number;
  now: () => number;
  onTick: (remainingSeconds: number) => void;
  onTimeout: () => void;
  tickMs?: number;
}

export class IdleCountdown {
  private deadline = 0;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly options: IdleCountdownOptions) {}

  get running(): boolean {
    return this.timer !== null;
  }

  start(): void {
    this.stop();
    this.deadline = this.options.now() + this.options.seconds * 1000;
    this.options.onTick(this.options.seconds);
    this.timer = setInterval(() => this.tick(), this.options.tickMs ?? 250);
  }

  /** A touch anywhere: the visitor is still there. */
  touch(): void {
    if (this.running) this.start();
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  private tick(): void {
    const remainingMs = this.deadline - this.options.now();
    if (remainingMs <= 0) {
      this.stop();
      this.options.onTick(0);
      this.options.onTimeout();
      return;
    }
    this.options.onTick(Math.ceil(remainingMs / 1000));
  }
}
