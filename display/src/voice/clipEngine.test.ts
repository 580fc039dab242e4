import { describe, expect, it, vi } from 'vitest';
import { ClipEngine, type AudioLike } from './clipEngine';

type Behaviour = 'ok' | 'error' | 'hang' | 'reject';

/** A fake audio element: 'ok' ends after a few ms, 'error' fires error, 'hang' never ends. */
class FakeAudio implements AudioLike {
  playbackRate = 1;
  preservesPitch = false;
  currentTime = 0;
  volume = 1;
  paused = true;
  private readonly listeners = new Map<string, Set<() => void>>();
  constructor(
    readonly url: string,
    private readonly behaviour: Behaviour,
    private readonly played: string[],
    private readonly active: { now: number; max: number },
  ) {}
  play(): Promise<void> {
    this.played.push(this.url);
    if (this.behaviour === 'reject') return Promise.reject(new Error('decode failed'));
    this.paused = false;
    this.active.now += 1;
    this.active.max = Math.max(this.active.max, this.active.now);
    if (this.behaviour === 'ok') setTimeout(() => this.fire('ended'), 3);
    if (this.behaviour === 'error') setTimeout(() => this.fire('error'), 3);
    return Promise.resolve();
  }
  pause(): void {
    if (!this.paused) this.active.now -= 1;
    this.paused = true;
  }
  addEventListener(type: string, listener: () => void): void {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(listener);
  }
  removeEventListener(type: string, listener: () => void): void {
    this.listeners.get(type)?.delete(listener);
  }
  private fire(type: string): void {
    if (!this.paused) this.active.now -= 1;
    this.paused = true;
    for (const l of [...(this.listeners.get(type) ?? [])]) l();
  }
}

function engineWith(behaviours: Record<string, Behaviour>, clipTimeoutMs = 40) {
  const played: string[] = [];
  const started: string[] = [];
  const active = { now: 0, max: 0 };
  const outcomes: string[] = [];
  const engine = new ClipEngine({
    baseUrl: '/pack/',
    clipTimeoutMs,
    createAudio: (url) => new FakeAudio(url, behaviours[url] ?? 'ok', played, active),
    onClip: (name) => started.push(name),
    onClipEnd: (name, outcome) => outcomes.push(`${name}:${outcome}`),
  });
  return { engine, played, started, active, outcomes };
}

describe('ClipEngine', () => {
  it('plays the clips of an utterance in order, one at a time, at the utterance rate', async () => {
    const { engine, played, active } = engineWith({});
    await engine.speak({ clips: ['chime', 'qing', 'A', 'ling'], text: '', rate: 0.85 });
    expect(played).toEqual(['/pack/chime.wav', '/pack/qing.wav', '/pack/A.wav', '/pack/ling.wav']);
    expect(active.max).toBe(1);
  });

  it('skips a missing, undecodable or hanging clip and finishes the utterance', async () => {
    const { engine, started, outcomes } = engineWith({
      '/pack/qing.wav': 'error',
      '/pack/A.wav': 'hang',
      '/pack/hao.wav': 'reject',
    });
    const began = Date.now();
    await engine.speak({ clips: ['chime', 'qing', 'A', 'hao', 'dao'], text: '', rate: 1 });
    expect(started).toEqual(['chime', 'qing', 'A', 'hao', 'dao']);
    expect(outcomes).toEqual(['chime:ended', 'qing:error', 'A:timeout', 'hao:error', 'dao:ended']);
    // only the hanging clip costs its time-out
    expect(Date.now() - began).toBeLessThan(1000);
  });

  it('cancel() stops the clip playing now and the rest of that utterance', async () => {
    const { engine, started, active, outcomes } = engineWith({ '/pack/A.wav': 'hang' }, 10_000);
    const speaking = engine.speak({ clips: ['qing', 'A', 'hao', 'dao'], text: '', rate: 1 });
    // Cancel while the hanging clip plays (waited for, not guessed with a pause).
    await vi.waitFor(() => expect(started).toEqual(['qing', 'A']));
    engine.cancel();
    await speaking;
    expect(started).toEqual(['qing', 'A']);
    expect(outcomes).toEqual(['qing:ended', 'A:cancelled']);
    expect(active.now).toBe(0);
    // the engine still works afterwards
    await engine.speak({ clips: ['dao'], text: '', rate: 1 });
    expect(started).toEqual(['qing', 'A', 'dao']);
  });
});
