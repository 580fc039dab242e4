// What generate.sh records: every clip of every pack language, as tab-separated lines
//   language  clip  espeak-voice  espeak-input  what-it-says
// and each language's manifest.json (clip -> what it says), written into pack/<language>/.
// Run by generate.sh (`npm run voice:generate`); not part of any page.
import { writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CHIME_CLIP } from '../../shared/voice/callClips';
import { CLIP_TEXT } from '../../shared/voice/clipText';
import { VOICE_LANGUAGES, type VoiceLanguage } from '../../shared/voice/languages';
import { CALL_CLIPS, REQUIRED_CLIPS, WORD_ONLY_CLIPS, type PackManifest } from '../../shared/voice/pack';
import { LETTER_CLIPS } from '../../shared/voice/numberClips';
import { SENTENCES, WORD_PINYIN } from './sentences';

/** The pack format: Ogg Vorbis keeps a sentence near 2 kB per second (WAV at 16 kHz: 32 kB). */
export const PACK_FORMAT = 'ogg';

export interface ClipJob {
  lang: VoiceLanguage;
  clip: string;
  voice: string;
  input: string;
  says: string;
}

const CHIME_SAYS = '（提示音 chime）';

function wordJob(lang: VoiceLanguage, clip: string): ClipJob {
  if (clip === CHIME_CLIP) return { lang, clip, voice: '-', input: '-', says: CHIME_SAYS };
  // Letters are read by their English names in Mandarin and Cantonese halls alike ("A 零二三号").
  if (LETTER_CLIPS.includes(clip)) return { lang, clip, voice: 'en', input: `${clip}.`, says: clip };
  const says = CLIP_TEXT[lang][clip];
  if (says === undefined) throw new Error(`no ${lang} text for clip ${clip}`);
  if (lang === 'cmn') {
    const pinyin = WORD_PINYIN[clip];
    if (!pinyin) throw new Error(`no pinyin for clip ${clip}`);
    return { lang, clip, voice: 'cmn-latn-pinyin', input: pinyin, says };
  }
  return { lang, clip, voice: 'yue', input: says, says };
}

export function clipJobs(): ClipJob[] {
  const jobs: ClipJob[] = [];
  for (const lang of VOICE_LANGUAGES) {
    for (const clip of [...CALL_CLIPS, ...WORD_ONLY_CLIPS]) jobs.push(wordJob(lang, clip));
    for (const s of SENTENCES) {
      if (lang === 'cmn')
        jobs.push({ lang, clip: s.name, voice: 'cmn-latn-pinyin', input: s.pinyin, says: s.cmn });
      else if (s.jyutping)
        jobs.push({ lang, clip: s.name, voice: 'yue-Latn-jyutping', input: s.jyutping, says: s.yue });
      else jobs.push({ lang, clip: s.name, voice: 'yue', input: s.yue, says: s.yue });
    }
  }
  return jobs;
}

export function manifestFor(lang: VoiceLanguage, jobs: readonly ClipJob[]): PackManifest {
  const clips = Object.fromEntries(jobs.filter((j) => j.lang === lang).map((j) => [j.clip, j.says.trim()]));
  return { language: lang, format: PACK_FORMAT, clips };
}

function main(): void {
  const jobs = clipJobs();
  const missing = REQUIRED_CLIPS.filter((c) => !jobs.some((j) => j.clip === c));
  if (missing.length > 0) throw new Error(`the generator has no clip for: ${missing.join(', ')}`);
  const pack = fileURLToPath(new URL('./pack/', import.meta.url));
  for (const lang of VOICE_LANGUAGES) {
    mkdirSync(`${pack}${lang}`, { recursive: true });
    writeFileSync(`${pack}${lang}/manifest.json`, `${JSON.stringify(manifestFor(lang, jobs), null, 2)}\n`);
  }
  for (const j of jobs) process.stdout.write(`${j.lang}\t${j.clip}\t${j.voice}\t${j.input}\t${j.says}\n`);
}

// Only when run as a script (tests import the functions).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
