// Is every voice pack complete? Used by the display build (a missing clip fails `npm run
// build:web`, not the hall) and by the tests (so CI fails first). Problems are listed in words,
// naming the file, so a hall that drops in its own recordings sees what is wrong.
//
// Plain JavaScript so the Vite config can load it as it is; the tests also pass the clips every
// pack must hold (shared/voice/pack.ts: REQUIRED_CLIPS) and check PACK_LANGUAGES against
// shared/voice/languages.ts.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every language a hall can choose (shared/voice/languages.ts VOICE_LANGUAGES). */
export const PACK_LANGUAGES = ['cmn', 'yue'];
const FORMATS = ['ogg', 'wav', 'mp3'];

/** The first bytes of each format, to catch a file that only has the right name. */
const MAGIC = {
  ogg: (h) => h.subarray(0, 4).toString('latin1') === 'OggS',
  wav: (h) =>
    h.subarray(0, 4).toString('latin1') === 'RIFF' && h.subarray(8, 12).toString('latin1') === 'WAVE',
  mp3: (h) =>
    h.subarray(0, 3).toString('latin1') === 'ID3' || (h[0] === 0xff && ((h[1] ?? 0) & 0xe0) === 0xe0),
};
const AUDIO_FILE = /\.(ogg|wav|mp3)$/;

function readManifest(dir, lang, problems) {
  const file = join(dir, 'manifest.json');
  if (!existsSync(file)) {
    problems.push(`${lang}: no manifest.json (run npm run voice:generate)`);
    return null;
  }
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    problems.push(`${lang}/manifest.json: not JSON (${error.message})`);
    return null;
  }
  const clips = manifest?.clips;
  const ok =
    manifest?.language === lang &&
    FORMATS.includes(manifest.format) &&
    clips &&
    typeof clips === 'object' &&
    !Array.isArray(clips) &&
    Object.values(clips).every((say) => typeof say === 'string');
  if (!ok) {
    problems.push(`${lang}/manifest.json: not a ${lang} voice pack manifest`);
    return null;
  }
  return manifest;
}

function checkFiles(dir, manifest, problems) {
  const { language: lang, format, clips } = manifest;
  for (const clip of Object.keys(clips)) {
    const file = join(dir, `${clip}.${format}`);
    if (!existsSync(file)) {
      problems.push(`${lang}/${clip}.${format}: missing (says “${clips[clip]}”)`);
      continue;
    }
    const head = readFileSync(file).subarray(0, 12);
    if (statSync(file).size < 64 || !MAGIC[format](head))
      problems.push(`${lang}/${clip}.${format}: not a ${format} file`);
  }
  // A recording under a wrong name (or format) would never be played: say so.
  for (const name of readdirSync(dir).filter((f) => AUDIO_FILE.test(f))) {
    const clip = name.replace(AUDIO_FILE, '');
    if (!(clip in clips) || !name.endsWith(`.${format}`)) {
      problems.push(
        `${lang}/${name}: not a clip of this pack (manifest.json lists the names; format ${format})`,
      );
    }
  }
}

/**
 * Everything wrong with the packs under `packDir`; empty when every language's pack is complete.
 * @param {string} packDir
 * @param {{ required?: readonly string[] }} [options] clips every pack must hold
 * @returns {string[]}
 */
export function checkVoicePacks(packDir, options = {}) {
  const problems = [];
  const manifests = [];
  for (const lang of PACK_LANGUAGES) {
    const dir = join(packDir, lang);
    if (!existsSync(dir)) {
      problems.push(`${lang}: no pack folder ${dir}`);
      continue;
    }
    const manifest = readManifest(dir, lang, problems);
    if (!manifest) continue;
    manifests.push(manifest);
    for (const clip of options.required ?? []) {
      if (!(clip in manifest.clips)) problems.push(`${lang}/manifest.json: lacks the clip ${clip}`);
    }
    checkFiles(dir, manifest, problems);
  }
  // Every language says everything any other says (the kiosk's lines are listed in each pack).
  const all = new Set(manifests.flatMap((m) => Object.keys(m.clips)));
  for (const m of manifests) {
    for (const clip of all) {
      if (!(clip in m.clips))
        problems.push(`${m.language}/manifest.json: lacks the clip ${clip} (other packs have it)`);
    }
  }
  return problems;
}
