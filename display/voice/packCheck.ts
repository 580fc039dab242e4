// Is every voice pack complete? Used by the display build (a missing clip fails `npm run
// build:web`, not the hall) and by the tests (so CI fails first). Problems are listed in words,
// naming the file, so a hall that drops in its own recordings sees what is wrong.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { VOICE_LANGUAGES, type VoiceLanguage } from '../../shared/voice/languages';
import { parseManifest, REQUIRED_CLIPS, type AudioFormat, type PackManifest } from '../../shared/voice/pack';

/** The first bytes of each format, to catch a file that only has the right name. */
const MAGIC: Record<AudioFormat, (head: Buffer) => boolean> = {
  ogg: (h) => h.subarray(0, 4).toString('latin1') === 'OggS',
  wav: (h) =>
    h.subarray(0, 4).toString('latin1') === 'RIFF' && h.subarray(8, 12).toString('latin1') === 'WAVE',
  mp3: (h) =>
    h.subarray(0, 3).toString('latin1') === 'ID3' || (h[0] === 0xff && ((h[1] ?? 0) & 0xe0) === 0xe0),
};
const AUDIO_FILE = /\.(ogg|wav|mp3)$/;

function readManifest(dir: string, lang: VoiceLanguage, problems: string[]): PackManifest | null {
  const file = join(dir, 'manifest.json');
  if (!existsSync(file)) {
    problems.push(`${lang}: no manifest.json (run npm run voice:generate)`);
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    problems.push(`${lang}/manifest.json: not JSON (${(error as Error).message})`);
    return null;
  }
  const manifest = parseManifest(json, lang);
  if (!manifest) problems.push(`${lang}/manifest.json: not a ${lang} voice pack manifest`);
  return manifest;
}

function checkFiles(dir: string, manifest: PackManifest, problems: string[]): void {
  const lang = manifest.language;
  for (const clip of Object.keys(manifest.clips)) {
    const file = join(dir, `${clip}.${manifest.format}`);
    if (!existsSync(file)) {
      problems.push(`${lang}/${clip}.${manifest.format}: missing (says “${manifest.clips[clip]}”)`);
      continue;
    }
    const head = readFileSync(file).subarray(0, 12);
    if (statSync(file).size < 64 || !MAGIC[manifest.format](head)) {
      problems.push(`${lang}/${clip}.${manifest.format}: not a ${manifest.format} file`);
    }
  }
  // A recording under a wrong name (or format) would never be played: say so.
  for (const name of readdirSync(dir).filter((f) => AUDIO_FILE.test(f))) {
    const clip = name.replace(AUDIO_FILE, '');
    if (!(clip in manifest.clips) || !name.endsWith(`.${manifest.format}`)) {
      problems.push(
        `${lang}/${name}: not a clip of this pack (manifest.json lists the names; format ${manifest.format})`,
      );
    }
  }
}

/** Everything wrong with the packs under `packDir`; empty when every language's pack is complete. */
export function checkVoicePacks(packDir: string): string[] {
  const problems: string[] = [];
  const manifests: PackManifest[] = [];
  for (const lang of VOICE_LANGUAGES) {
    const dir = join(packDir, lang);
    if (!existsSync(dir)) {
      problems.push(`${lang}: no pack folder ${dir}`);
      continue;
    }
    const manifest = readManifest(dir, lang, problems);
    if (!manifest) continue;
    manifests.push(manifest);
    for (const clip of REQUIRED_CLIPS) {
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
