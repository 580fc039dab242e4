import { describe, expect, it } from 'vitest';
import { findMandarinVoice, isMandarinVoice, WebSpeechEngine } from './webSpeechEngine';

class FakeUtterance {
  voice: unknown = null;
  lang = '';
  rate = 1;
  onend: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly text: string) {}
}

function fakeSynth(voices: { lang: string; name: string }[]) {
  const spoken: FakeUtterance[] = [];
  let cancelled = 0;
  const listeners = new Set<() => void>();
  const synth = {
    getVoices: () => voices,
    speak: (u: FakeUtterance) => {
      spoken.push(u);
      setTimeout(() => u.onend?.(), 1);
    },
    cancel: () => void cancelled++,
    addEventListener: (_: string, l: () => void) => listeners.add(l),
    removeEventListener: (_: string, l: () => void) => listeners.delete(l),
  };
  return { synth: synth as unknown as SpeechSynthesis, spoken, cancelledCount: () => cancelled, listeners };
}

describe('WebSpeechEngine', () => {
  it('recognises zh-CN voices only', () => {
    expect(isMandarinVoice({ lang: 'zh-CN' })).toBe(true);
    expect(isMandarinVoice({ lang: 'zh_CN' })).toBe(true);
    expect(isMandarinVoice({ lang: 'zh-TW' })).toBe(false);
    expect(isMandarinVoice({ lang: 'en-US' })).toBe(false);
  });

  it('finds no voice where the PC has none, so clips stay the engine', async () => {
    expect(await findMandarinVoice(fakeSynth([{ lang: 'en-US', name: 'David' }]).synth, 10)).toBeNull();
    const voice = await findMandarinVoice(fakeSynth([{ lang: 'zh-CN', name: 'Huihui' }]).synth, 10);
    expect(voice?.lang).toBe('zh-CN');
  });

  it('plays the chime first, then speaks the text at the utterance rate', async () => {
    const g = globalThis as unknown as { SpeechSynthesisUtterance?: unknown };
    const previous = g.SpeechSynthesisUtterance;
    g.SpeechSynthesisUtterance = FakeUtterance;
    try {
      const { synth, spoken } = fakeSynth([]);
      const order: string[] = [];
      const voice = { lang: 'zh-CN', name: 'Huihui' } as SpeechSynthesisVoice;
      const engine = new WebSpeechEngine(synth, voice, async () => void order.push('chime'));
      await engine.speak({ clips: ['chime', 'qing'], text: '请 A 零 零 一 号', rate: 0.85 });
      order.push('spoken');
      expect(order).toEqual(['chime', 'spoken']);
      expect(spoken.map((u) => [u.text, u.rate, u.lang])).toEqual([['请 A 零 零 一 号', 0.85, 'zh-CN']]);
    } finally {
      g.SpeechSynthesisUtterance = previous;
    }
  });
});
