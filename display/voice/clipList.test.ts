// The generator's list: every clip in every language, with pinyin that matches the Mandarin text
// (a changed sentence with stale pinyin would record the old words).
import { describe, expect, it } from 'vitest';
import { VOICE_LANGUAGES } from '../../shared/voice/languages';
import { REQUIRED_CLIPS } from '../../shared/voice/pack';
import { clipJobs, manifestFor } from './clipList';
import { SENTENCES, WORD_PINYIN } from './sentences';

const hanCount = (text: string): number => [...text].filter((ch) => /\p{Script=Han}/u.test(ch)).length;
/** Tone-numbered syllables: pinyin has tones 1–5 (5 = neutral), Jyutping 1–6. */
const syllables = (romanised: string, tones = '1-5'): number =>
  romanised.split(/[\s,.?!]+/).filter((s) => new RegExp(`^[a-z]+[${tones}]$`).test(s)).length;

describe('voice pack clip list', () => {
  it('has the same clips in every language, including every required one', () => {
    const jobs = clipJobs();
    const names = (lang: string) => jobs.filter((j) => j.lang === lang).map((j) => j.clip);
    for (const lang of VOICE_LANGUAGES) {
      expect(names(lang)).toEqual(names('cmn'));
      expect(names(lang)).toEqual(expect.arrayContaining([...REQUIRED_CLIPS]));
      expect(new Set(names(lang)).size).toBe(names(lang).length);
    }
  });

  it('gives one tone-numbered pinyin syllable per Chinese character', () => {
    for (const s of SENTENCES) {
      expect(syllables(s.pinyin), s.name).toBe(hanCount(s.cmn));
      expect(
        s.pinyin
          .split(/[\s,.?!]+/)
          .filter(Boolean)
          .every((w) => /^[a-z]+[1-5]$/.test(w)),
        s.name,
      ).toBe(true);
      if (s.jyutping) expect(syllables(s.jyutping, '1-6'), s.name).toBe(hanCount(s.yue));
    }
    for (const [clip, pinyin] of Object.entries(WORD_PINYIN)) {
      const job = clipJobs().find((j) => j.lang === 'cmn' && j.clip === clip)!;
      expect(syllables(pinyin), clip).toBe(hanCount(job.says));
    }
  });

  it('reads Cantonese with the yue voice and Mandarin with the pinyin voice', () => {
    const jobs = clipJobs();
    expect(
      new Set(jobs.filter((j) => j.lang === 'yue' && j.clip.startsWith('kiosk_')).map((j) => j.voice)),
    ).toEqual(new Set(['yue', 'yue-Latn-jyutping']));
    expect(
      new Set(
        jobs
          .filter((j) => j.lang === 'cmn' && j.clip !== 'chime' && !/^[A-Z]$/.test(j.clip))
          .map((j) => j.voice),
      ),
    ).toEqual(new Set(['cmn-latn-pinyin']));
  });

  it('writes manifests that say what each clip says', () => {
    const yue = manifestFor('yue', clipJobs());
    expect(yue.language).toBe('yue');
    expect(yue.clips.qing).toBe('請');
    expect(yue.clips.eval_prompt).toBe('請你對今次服務作出評價');
  });
});
