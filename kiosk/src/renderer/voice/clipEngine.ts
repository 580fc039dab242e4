// Plays voice-pack clips (the display's pack, served at /display/voice/pack/) one after another.
// Only lines that the pack can say completely are played; a missing or broken clip is skipped
// after a time-out so nothing can hang the kiosk.
import type { SpokenLine, VoiceEngine } from './types';

export interface ClipPlayer {
  play(url: string): Promise<void>;
  stop(): void;
}

const CLIP_TIMEOUT_MS = 4_000;

/** HTMLAudioElement playback; resolves on end, error, blocked autoplay or time-out. */
export function browserClipPlayer(): ClipPlayer {
  let current: HTMLAudioElement | null = null;
  let finishCurrent: (() => void) | null = null;
  return {
    play(url) {
      return new Promise<void>((resolve) => {
        const audio = new Audio(url);
        current = audio;
        const finish = (): void => {
          clearTimeout(timer);
          finishCurrent = null;
          resolve();
        };
        const timer = setTimeout(() => {
          audio.pause();
          finish();
        }, CLIP_TIMEOUT_MS);
        finishCurrent = finish;
        audio.addEventListener('ended', finish, { once: true });
        audio.addEventListener('error', finish, { once: true });
        audio.play().catch(finish);
      });
    },
    stop() {
      current?.pause();
      finishCurrent?.();
    },
  };
}

export class ClipEngine implements VoiceEngine {
  readonly name = 'clips';
  private generation = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly available: ReadonlySet<string>,
    private readonly extension: string,
    private readonly player: ClipPlayer,
    /** Called as each clip starts (diagnostics and browser tests). */
    private readonly onClip: (name: string) => void = () => undefined,
  ) {}

  canSay(line: SpokenLine): boolean {
    return line.clips !== null && line.clips.length > 0 && line.clips.every((c) => this.available.has(c));
  }

  async speak(line: SpokenLine): Promise<void> {
    if (!this.canSay(line)) return;
    const generation = this.generation;
    for (const clip of line.clips ?? []) {
      if (generation !== this.generation) return;
      this.onClip(clip);
      await this.player.play(`${this.baseUrl}${encodeURIComponent(clip)}.${this.extension}`);
    }
  }

  cancel(): void {
    this.generation += 1;
    this.player.stop();
  }
}

/** Reads the pack's manifest.json ({ format, clips: { name: words } }); null when there is none. */
export async function loadClipEngine(
  baseUrl: string,
  onClip?: (name: string) => void,
  fetcher: typeof fetch = fetch,
): Promise<ClipEngine | null> {
  try {
    const response = await fetcher(`${baseUrl}manifest.json`);
    if (!response.ok) return null;
    const manifest = (await response.json()) as { format?: unknown; clips?: unknown };
    if (!manifest.clips || typeof manifest.clips !== 'object') return null;
    const extension = typeof manifest.format === 'string' ? manifest.format : 'wav';
    return new ClipEngine(
      baseUrl,
      new Set(Object.keys(manifest.clips)),
      extension,
      browserClipPlayer(),
      onClip,
    );
  } catch {
    return null;
  }
}
