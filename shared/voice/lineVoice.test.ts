import { describe, expect, it, vi } from 'vitest';
import { ClipEngine, type AudioLike } from './clipEngine';
import { LineVoice, type SpokenLineEvent } from './lineVoice';
import type { VoicePack } from './pack';
import type { Utterance } from './types';
import { WebSpeechEngine } from './webSpeechEngine';

/** Audio that "plays" at once and records its URL. */
function instantAudio(urls: string[]) {
  return (url: string): AudioLike => {
    const listeners = new Map<string, () => void>();
    return {
      playbackRate: 1,
      currentTime: 0,
      volume: 1,
      play: () => {
        urls.push(url);
        queueMicrotask(() => listeners.get('ended')?.());
        return Promise.resolve();
      },
      pause: () => undefined,
      addEventListener: (type, l) => void listeners.set(type, l),
      removeEventListener: (type) => void listeners.delete(type),
    };
  };
}

const resultLine: Utterance = {
  text: '您的号码是 A L 零 二 三',
  lang: 'cmn',
  clips: ['chime', 'kiosk_result_1', 'A', 'L', 'ling', 'er', 'san'],
  rate: 0.85,
};
const pack = (language: 'cmn' | 'yue', clips: readonly string[]): VoicePack => ({
  language,
  format: 'ogg',
  clips: new Set(clips),
});

describe('LineVoice', () => {
  it('plays pack clips when there is no speech voice and the pack can say the line', async () => {
    const urls: string[] = [];
    const clips = new ClipEngine({
      packRoot: '/display/voice/pack/',
      packs: [pack('cmn', resultLine.clips!)],
      createAudio: instantAudio(urls),
    });
    const seen: SpokenLineEvent[] = [];
    const voice = new LineVoice([clips], (d) => seen.push(d));
    await voice.speak(resultLine);
    expect(urls).toEqual(resultLine.clips!.map((c) => `/display/voice/pack/cmn/${c}.ogg`));
    expect(seen).toEqual([{ text: resultLine.text, lang: 'cmn', engine: 'clips' }]);
  });

  it('stays silent (but still reports the line) when nothing can say it', async () => {
    const urls: string[] = [];
    const clips = new ClipEngine({
      packRoot: '/p/',
      packs: [pack('cmn', ['chime'])],
      createAudio: instantAudio(urls),
    });
    const seen: SpokenLineEvent[] = [];
    const voice = new LineVoice([clips], (d) => seen.push(d));
    await voice.speak({ text: '欢迎', lang: 'cmn', clips: null, rate: 1 });
    await voice.speak(resultLine); // pack lacks the digits
    await voice.speak({ ...resultLine, lang: 'yue' }); // no Cantonese pack at all
    expect(urls).toEqual([]);
    expect(seen.map((d) => d.engine)).toEqual(['silent', 'silent', 'silent']);
  });

  it('prefers a matching speech voice and cancels the previous line first', async () => {
    const spoken: string[] = [];
    const cancel = vi.fn();
    const synth = {
      speak: (u: { text: string; onend: (() => void) | null }) => {
        spoken.push(u.text);
        u.onend?.();
      },
      cancel,
    } as unknown as SpeechSynthesis;
    class FakeUtterance {
      voice: unknown = null;
      lang = '';
      rate = 1;
      onend: (() => void) | null = null;
      onerror: (() => void) | null = null;
      constructor(readonly text: string) {}
    }
    vi.stubGlobal('SpeechSynthesisUtterance', FakeUtterance);
    try {
      const speech = new WebSpeechEngine(synth, [{ lang: 'zh-CN' } as SpeechSynthesisVoice]);
      const voice = new LineVoice([speech]);
      await voice.speak({ ...resultLine, clips: null });
      await voice.speak({ text: 'Welcome', lang: 'en', clips: null, rate: 1 });
      expect(spoken).toEqual([resultLine.text]);
      expect(cancel).toHaveBeenCalledTimes(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('says several lines in turn, each in its own language, and a new line stops the rest', async () => {
    const urls: string[] = [];
    const clips = new ClipEngine({
      packRoot: '/p/',
      packs: [pack('cmn', ['kiosk_idle']), pack('yue', ['kiosk_idle'])],
      createAudio: instantAudio(urls),
    });
    const seen: SpokenLineEvent[] = [];
    const voice = new LineVoice([clips], (d) => seen.push(d));
    const welcome = (lang: 'cmn' | 'yue'): Utterance => ({
      lang,
      clips: ['kiosk_idle'],
      text: lang,
      rate: 1,
    });
    await voice.speak([welcome('cmn'), welcome('yue')]);
    expect(urls).toEqual(['/p/cmn/kiosk_idle.ogg', '/p/yue/kiosk_idle.ogg']);

    const both = voice.speak([welcome('cmn'), welcome('yue')]);
    void voice.speak(welcome('yue')); // the visitor moved on before the first finished
    await both;
    expect(seen.slice(2).map((d) => d.lang)).toEqual(['cmn', 'yue']);
  });

  it('says nothing while muted', async () => {
    const urls: string[] = [];
    const clips = new ClipEngine({
      packRoot: '/p/',
      packs: [pack('cmn', resultLine.clips!)],
      createAudio: instantAudio(urls),
    });
    const seen: SpokenLineEvent[] = [];
    const voice = new LineVoice([clips], (d) => seen.push(d));
    voice.setMuted(true);
    await voice.speak(resultLine);
    expect(urls).toEqual([]);
    expect(seen.map((d) => d.engine)).toEqual(['silent']);
  });
});
