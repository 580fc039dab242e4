import { describe, expect, it, vi } from 'vitest';
import { ClipEngine, type AudioLike } from './clipEngine';
import type { VoicePack } from './pack';

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

const ALL = ['chime', 'qing', 'A', 'ling', 'hao', 'dao'];
const cmnPack: VoicePack = { language: 'cmn', format: 'wav', clips: new Set(ALL) };
const yuePack: VoicePack = { language: 'yue', format: 'ogg', clips: new Set(ALL.slice(0, 3)) };
const say = (clips: string[], rate = 1, lang: 'cmn' | 'yue' | 'en' = 'cmn') => ({
  lang,
  clips,
  text: '',
  rate,
});

function engineWith(behaviours: Record<string, Behaviour>, clipTimeoutMs = 40) {
  const played: string[] = [];
  const started: string[] = [];
  const active = { now: 0, max: 0 };
  const outcomes: string[] = [];
  const engine = new ClipEngine({
    packRoot: '/pack/',
    packs: [cmnPack, yuePack],
    clipTimeoutMs,
    createAudio: (url) => new FakeAudio(url, behaviours[url] ?? 'ok', played, active),
    onClip: (name, lang) => started.push(lang === 'cmn' ? name : `${lang}/${name}`),
    onClipEnd: (name, _lang, outcome) => outcomes.push(`${name}:${outcome}`),
  });
  return { engine, played, started, active, outcomes };
}

describe('ClipEngine', () => {
  it('plays the clips of an utterance in order, one at a time, at the utterance rate', async () => {
    const { engine, played, active } = engineWith({});
    await engine.speak(say(['chime', 'qing', 'A', 'ling'], 0.85));
    expect(played).toEqual([
      '/pack/cmn/chime.wav',
      '/pack/cmn/qing.wav',
      '/pack/cmn/A.wav',
      '/pack/cmn/ling.wav',
    ]);
    expect(active.max).toBe(1);
  });

  it('skips a missing, undecodable or hanging clip and finishes the utterance', async () => {
    const { engine, started, outcomes } = engineWith({
      '/pack/cmn/qing.wav': 'error',
      '/pack/cmn/A.wav': 'hang',
      '/pack/cmn/hao.wav': 'reject',
    });
    const began = Date.now();
    await engine.speak(say(['chime', 'qing', 'A', 'hao', 'dao']));
    expect(started).toEqual(['chime', 'qing', 'A', 'hao', 'dao']);
    expect(outcomes).toEqual(['chime:ended', 'qing:error', 'A:timeout', 'hao:error', 'dao:ended']);
    // only the hanging clip costs its time-out
    expect(Date.now() - began).toBeLessThan(1000);
  });

  it('cancel() stops the clip playing now and the rest of that utterance', async () => {
    const { engine, started, active, outcomes } = engineWith({ '/pack/cmn/A.wav': 'hang' }, 10_000);
    const speaking = engine.speak(say(['qing', 'A', 'hao', 'dao']));
    // Cancel while the hanging clip plays (waited for, not guessed with a pause).
    await vi.waitFor(() => expect(started).toEqual(['qing', 'A']));
    engine.cancel();
    await speaking;
    expect(started).toEqual(['qing', 'A']);
    expect(outcomes).toEqual(['qing:ended', 'A:cancelled']);
    expect(active.now).toBe(0);
    // the engine still works afterwards
    await engine.speak(say(['dao']));
    expect(started).toEqual(['qing', 'A', 'dao']);
  });

  it('plays each language from its own pack folder, in that pack’s format', async () => {
    const { engine, played, started } = engineWith({});
    await engine.speak(say(['qing', 'A'], 1, 'cmn'));
    await engine.speak(say(['qing', 'A'], 1, 'yue'));
    expect(played).toEqual([
      '/pack/cmn/qing.wav',
      '/pack/cmn/A.wav',
      '/pack/yue/qing.ogg',
      '/pack/yue/A.ogg',
    ]);
    expect(started).toEqual(['qing', 'A', 'yue/qing', 'yue/A']);
  });

  it('can say a line only when its language has a pack listing every clip of it', () => {
    const { engine } = engineWith({});
    expect(engine.canSay(say(['qing', 'A'], 1, 'cmn'))).toBe(true);
    expect(engine.canSay(say(['qing', 'A'], 1, 'yue'))).toBe(true);
    expect(engine.canSay(say(['qing', 'hao'], 1, 'yue'))).toBe(false); // the yue pack lacks hao
    expect(engine.canSay(say(['qing'], 1, 'en'))).toBe(false); // no English pack
    expect(engine.canSay({ lang: 'cmn', clips: null, text: 'Welcome', rate: 1 })).toBe(false);
    expect(engine.canSay(say([], 1, 'cmn'))).toBe(false);
  });

  it('plays a language without a pack as nothing, at once', async () => {
    const engine = new ClipEngine({
      packRoot: '/pack/',
      packs: [cmnPack],
      createAudio: () => {
        throw new Error('must not be called');
      },
    });
    await engine.speak(say(['qing'], 1, 'yue'));
    expect(engine.languages).toEqual(['cmn']);
  });
});
