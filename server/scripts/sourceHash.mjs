// A content hash of the files a build reads, so `npm start` rebuilds only what changed since the
// last build (the hash is kept beside the build output).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const SKIP = new Set(['node_modules', 'dist', '.git']);

function walk(dir, files) {
  if (!existsSync(dir)) return;
  const stat = statSync(dir);
  if (stat.isFile()) {
    files.push(dir);
    return;
  }
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) walk(full, files);
    else if (!/\.test\.ts$/.test(entry.name)) files.push(full);
  }
}

/** Hash of every file under `inputs` (folders or files), by path and content. */
export function sourceHash(root, inputs) {
  const files = [];
  for (const input of inputs) walk(join(root, input), files);
  files.sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(relative(root, file));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

const STAMP = '.source-hash';

export function isFresh(outDir, hash) {
  const stamp = join(outDir, STAMP);
  return existsSync(stamp) && readFileSync(stamp, 'utf8') === hash;
}

export function markBuilt(outDir, hash) {
  writeFileSync(join(outDir, STAMP), hash);
}
