import { describe, expect, it, vi } from 'vitest';
import { clipUrl, loadPack, loadPacks, parseManifest } from './pack';

const manifest = { language: 'yue', format: 'ogg', clips: { qing: '請', hao: '號' } };

describe('voice pack manifests', () => {
  it('reads a manifest of the expected language', () => {
    expect(parseManifest(manifest, 'yue')).toEqual(manifest);
    expect(parseManifest(manifest, 'cmn')).toBeNull();
  });

  it('takes a manifest without a language (packs before the language level) as Mandarin', () => {
    expect(parseManifest({ format: 'wav', clips: { qing: '请' } }, 'cmn')?.language).toBe('cmn');
  });

  it('refuses anything else', () => {
    for (const bad of [
      null,
      'x',
      { format: 'flac', clips: {} },
      { format: 'ogg' },
      { format: 'ogg', clips: [] },
    ]) {
      expect(parseManifest(bad, 'cmn')).toBeNull();
    }
    expect(parseManifest({ format: 'ogg', clips: { qing: 1 } }, 'cmn')).toBeNull();
  });

  it('puts each language in its own folder', () => {
    expect(clipUrl('/display/voice/pack/', { language: 'yue', format: 'ogg' }, 'kiosk_idle')).toBe(
      '/display/voice/pack/yue/kiosk_idle.ogg',
    );
  });
});

describe('loadPack', () => {
  it('fetches the language’s manifest', async () => {
    const fetcher = vi.fn(async () => new Response(JSON.stringify(manifest), { status: 200 }));
    const pack = await loadPack('/display/voice/pack/', 'yue', fetcher);
    expect(fetcher).toHaveBeenCalledWith('/display/voice/pack/yue/manifest.json', { cache: 'no-cache' });
    expect(pack).toEqual({ language: 'yue', format: 'ogg', clips: new Set(['qing', 'hao']) });
  });

  it('gives no pack when it is missing, malformed or unreachable', async () => {
    expect(await loadPack('/p/', 'cmn', async () => new Response('', { status: 404 }))).toBeNull();
    expect(await loadPack('/p/', 'cmn', async () => new Response('{"x":1}', { status: 200 }))).toBeNull();
    expect(
      await loadPack('/p/', 'cmn', async () => {
        throw new TypeError('offline');
      }),
    ).toBeNull();
  });

  it('loads the languages that have a pack', async () => {
    const fetcher = async (url: RequestInfo | URL) =>
      String(url).includes('/yue/')
        ? new Response(JSON.stringify(manifest), { status: 200 })
        : new Response('', { status: 404 });
    expect((await loadPacks('/p/', ['cmn', 'yue'], fetcher)).map((p) => p.language)).toEqual(['yue']);
  });
});
