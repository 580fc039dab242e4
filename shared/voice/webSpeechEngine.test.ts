import { describe, expect, it } from 'vitest';
import { voiceSpeaks } from './languages';
import { findVoice, loadVoices, WebSpeechEngine } from './webSpeechEngine';

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
  it('recognises zh-CN voices only for Mandarin', () => {
    expect(voiceSpeaks({ lang: 'zh-CN' }, 'cmn')).toBe(true);
    expect(voiceSpeaks({ lang: 'zh_CN' }, 'cmn')).toBe(true);
    expect(voiceSpeaks({ lang: 'zh-TW' }, 'cmn')).toBe(false);
    expect(voiceSpeaks({ lang: 'en-US' }, 'cmn')).toBe(false);
    expect(voiceSpeaks({ lang: 'zh-HK' }, 'cmn')).toBe(false);
  });

  it('recognises Cantonese voices (zh-HK, yue) only for Cantonese', () => {
    for (const lang of ['zh-HK', 'zh_HK', 'yue', 'yue-HK', 'zh-yue']) {
      expect(voiceSpeaks({ lang }, 'yue'), lang).toBe(true);
    }
    expect(voiceSpeaks({ lang: 'zh-CN' }, 'yue')).toBe(false);
    expect(voiceSpeaks({ lang: 'zh-TW' }, 'yue')).toBe(false);
  });

  it('finds no voice where the PC has none, so clips stay the engine', async () => {
    const english = await loadVoices(fakeSynth([{ lang: 'en-US', name: 'David' }]).synth, 10);
    expect(findVoice(english, 'cmn')).toBeNull();
    const mandarin = await loadVoices(fakeSynth([{ lang: 'zh-CN', name: 'Huihui' }]).synth, 10);
    expect(findVoice(mandarin, 'cmn')?.lang).toBe('zh-CN');
    expect(findVoice(mandarin, 'yue')).toBeNull();
  });

  it('says a language only where the PC has a voice for it', () => {
    const { synth } = fakeSynth([]);
    const engine = new WebSpeechEngine(synth, [{ lang: 'zh-CN', name: 'Huihui' } as SpeechSynthesisVoice]);
    const line = { clips: null, text: '请', rate: 1 };
    expect(engine.canSay({ ...line, lang: 'cmn' })).toBe(true);
    expect(engine.canSay({ ...line, lang: 'yue' })).toBe(false);
    expect(engine.canSay({ ...line, lang: 'en' })).toBe(false);
  });

  it('plays the chime first, then speaks the text at the utterance rate', async () => {
    const g = globalThis as unknown as { SpeechSynthesisUtterance?: unknown };
    const previous = g.SpeechSynthesisUtterance;
    g.SpeechSynthesisUtterance = FakeUtterance;
    try {
      const { synth, spoken } = fakeSynth([]);
      const order: string[] = [];
      const voice = { lang: 'zh-CN', name: 'Huihui' } as SpeechSynthesisVoice;
      const engine = new WebSpeechEngine(synth, [voice], async () => void order.push('chime'));
      await engine.speak({ lang: 'cmn', clips: ['chime', 'qing'], text: '请 A 零 零 一 号', rate: 0.85 });
      order.push('spoken');
      expect(order).toEqual(['chime', 'spoken']);
      expect(spoken.map((u) => [u.text, u.rate, u.lang])).toEqual([['请 A 零 零 一 号', 0.85, 'zh-CN']]);
    } finally {
      g.SpeechSynthesisUtterance = previous;
    }
  });
});
