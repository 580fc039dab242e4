import { describe, expect, it, vi } from 'vitest';
import { ClipEngine, loadClipEngine, type ClipPlayer } from './clipEngine';
import { SpeechEngine, voiceMatches } from './speechEngine';
import { spokenTicketNumber, ticketNumberClips } from './spokenNumber';
import { KioskVoice } from './voice';
import type { SpokenLine, VoiceEventDetail } from './types';

function recordingPlayer(): ClipPlayer & { urls: string[] } {
  const urls: string[] = [];
  return { urls, play: async (url) => void urls.push(url), stop: () => undefined };
}

const resultLine: SpokenLine = {
  text: '您的号码是 A L 零 二 三',
  lang: 'zh-CN',
  clips: ['chime', 'A', 'L', 'ling', 'er', 'san', 'hao'],
};

describe('spoken ticket numbers', () => {
  it('reads characters one by one, digits in Mandarin, without the dash', () => {
    expect(spokenTicketNumber('A-L023', 'zh-CN')).toBe('A L 零 二 三');
    expect(spokenTicketNumber('B105', 'en')).toBe('B 1 0 5');
    expect(ticketNumberClips('A-L023')).toEqual(['A', 'L', 'ling', 'er', 'san']);
  });
});

describe('KioskVoice', () => {
  it('uses speech only where a voice for the language exists', () => {
    expect(voiceMatches({ lang: 'zh-CN' }, 'zh-CN')).toBe(true);
    expect(voiceMatches({ lang: 'zh_CN' }, 'zh-CN')).toBe(true);
    expect(voiceMatches({ lang: 'zh-TW' }, 'zh-CN')).toBe(false);
    expect(voiceMatches({ lang: 'en-US' }, 'en')).toBe(true);
  });

  it('plays pack clips when there is no speech voice and the pack can say the line', async () => {
    const player = recordingPlayer();
    const clips = new ClipEngine('/display/voice/pack/', new Set(resultLine.clips), 'wav', player);
    const seen: VoiceEventDetail[] = [];
    const voice = new KioskVoice(null, clips, (d) => seen.push(d));
    await voice.speak(resultLine);
    expect(player.urls).toEqual(resultLine.clips!.map((c) => `/display/voice/pack/${c}.wav`));
    expect(seen).toEqual([{ text: resultLine.text, lang: 'zh-CN', engine: 'clips' }]);
  });

  it('stays silent (but still reports the line) when nothing can say it', async () => {
    const player = recordingPlayer();
    const clips = new ClipEngine('/p/', new Set(['chime']), 'wav', player);
    const seen: VoiceEventDetail[] = [];
    const voice = new KioskVoice(null, clips, (d) => seen.push(d));
    await voice.speak({ text: '欢迎', lang: 'zh-CN', clips: null });
    await voice.speak(resultLine); // pack lacks the digits
    expect(player.urls).toEqual([]);
    expect(seen.map((d) => d.engine)).toEqual(['silent', 'silent']);
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
    const speech = new SpeechEngine(synth, [{ lang: 'zh-CN' } as SpeechSynthesisVoice]);
    const voice = new KioskVoice(speech, null, () => undefined);
    await voice.speak(resultLine);
    await voice.speak({ text: 'Welcome', lang: 'en', clips: null });
    expect(spoken).toEqual([resultLine.text]);
    expect(cancel).toHaveBeenCalledTimes(1);
    vi.unstubAllGlobals();
  });
});

describe('loadClipEngine', () => {
  it('reads the pack manifest and reports each clip as it starts', async () => {
    const manifest = { format: 'wav', clips: Object.fromEntries(resultLine.clips!.map((c) => [c, c])) };
    const fetcher = vi.fn(async () => new Response(JSON.stringify(manifest), { status: 200 }));
    const started: string[] = [];
    const engine = await loadClipEngine('/display/voice/pack/', (c) => started.push(c), fetcher);
    expect(fetcher).toHaveBeenCalledWith('/display/voice/pack/manifest.json');
    expect(engine?.canSay(resultLine)).toBe(true);
    expect(engine?.canSay({ ...resultLine, clips: ['welcome'] })).toBe(false);
  });

  it('gives no engine when the pack is missing or malformed', async () => {
    expect(await loadClipEngine('/p/', undefined, async () => new Response('', { status: 404 }))).toBeNull();
    expect(
      await loadClipEngine('/p/', undefined, async () => new Response('{"x":1}', { status: 200 })),
    ).toBeNull();
    expect(
      await loadClipEngine('/p/', undefined, async () => {
        throw new TypeError('offline');
      }),
    ).toBeNull();
  });

  it('announces every clip it plays, in order', async () => {
    const started: string[] = [];
    const engine = new ClipEngine('/p/', new Set(resultLine.clips), 'wav', recordingPlayer(), (c) =>
      started.push(c),
    );
    await engine.speak(resultLine);
    expect(started).toEqual(resultLine.clips);
  });
});
