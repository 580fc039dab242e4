// The committed voice packs are complete for every language a hall can choose, and the check
// that guards the build really catches a broken pack.
import { cpSync, mkdtempSync, rmSync, unlinkSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { VOICE_LANGUAGES } from '../../shared/voice/languages';
import { REQUIRED_CLIPS } from '../../shared/voice/pack';
import { checkVoicePacks, PACK_LANGUAGES } from './packCheck.mjs';

const packDir = fileURLToPath(new URL('./pack/', import.meta.url));
let scratch: string | null = null;
function copyOfPacks(): string {
  scratch = mkdtempSync(join(tmpdir(), 'voice-pack-'));
  cpSync(packDir, scratch, { recursive: true });
  return scratch;
}
afterEach(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = null;
});

describe('the committed voice packs', () => {
  it('are complete for every language: every clip listed, present and a real audio file', () => {
    expect(checkVoicePacks(packDir, { required: REQUIRED_CLIPS })).toEqual([]);
  });

  it('the build checks every language a hall can choose', () => {
    expect(PACK_LANGUAGES).toEqual([...VOICE_LANGUAGES]);
  });

  it('each holds the call words, numbers, letters and the evaluator lines', () => {
    for (const lang of VOICE_LANGUAGES) {
      const manifest = JSON.parse(readFileSync(join(packDir, lang, 'manifest.json'), 'utf8')) as {
        clips: Record<string, string>;
      };
      for (const clip of REQUIRED_CLIPS) expect(manifest.clips[clip], `${lang}/${clip}`).toBeTypeOf('string');
    }
  });
});

describe('checkVoicePacks', () => {
  it('names a missing clip file', () => {
    const dir = copyOfPacks();
    unlinkSync(join(dir, 'yue', 'kiosk_idle.ogg'));
    expect(checkVoicePacks(dir, { required: REQUIRED_CLIPS })).toEqual([
      expect.stringMatching(/^yue\/kiosk_idle\.ogg: missing/),
    ]);
  });

  it('names a clip one language lacks', () => {
    const dir = copyOfPacks();
    const file = join(dir, 'yue', 'manifest.json');
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { clips: Record<string, string> };
    delete manifest.clips.eval_thanks;
    writeFileSync(file, JSON.stringify(manifest));
    const problems = checkVoicePacks(dir, { required: REQUIRED_CLIPS });
    expect(problems).toContain('yue/manifest.json: lacks the clip eval_thanks');
    expect(problems).toContain('yue/manifest.json: lacks the clip eval_thanks (other packs have it)');
    expect(problems).toContain(
      'yue/eval_thanks.ogg: not a clip of this pack (manifest.json lists the names; format ogg)',
    );
  });

  it('names a recording dropped in under a wrong name or format, and a file that is not audio', () => {
    const dir = copyOfPacks();
    cpSync(join(dir, 'cmn', 'qing.ogg'), join(dir, 'cmn', 'qing2.ogg'));
    writeFileSync(join(dir, 'cmn', 'hao.wav'), 'RIFF');
    writeFileSync(join(dir, 'cmn', 'dao.ogg'), 'x'.repeat(100));
    const problems = checkVoicePacks(dir);
    expect(problems).toEqual(
      expect.arrayContaining([
        'cmn/dao.ogg: not a ogg file',
        expect.stringMatching(/^cmn\/qing2\.ogg: not a clip of this pack/),
        expect.stringMatching(/^cmn\/hao\.wav: not a clip of this pack/),
      ]),
    );
  });

  it('names a missing language', () => {
    const dir = copyOfPacks();
    rmSync(join(dir, 'yue'), { recursive: true });
    expect(checkVoicePacks(dir)).toEqual([expect.stringMatching(/^yue: no pack folder/)]);
  });
});
