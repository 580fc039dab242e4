// The key file: the secrets that open the personal fields of the database. It lives OUTSIDE the
// data folder, so a copied database or a backup alone reveals nothing, and is readable by its
// owner only (0600, folder 0700). Written atomically (temporary file, then rename): a crash while
// rotating never leaves half a key file.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { KEY_ID_PATTERN, KEY_SECRET_BYTES, newKeyId, newKeySecret, type FieldKey } from './fieldCipher';

const keyEntrySchema = z.object({
  id: z.string().regex(KEY_ID_PATTERN),
  secret: z
    .string()
    .regex(/^[A-Za-z0-9+/]+=*$/)
    .refine((s) => Buffer.from(s, 'base64').length === KEY_SECRET_BYTES, 'must be 32 bytes'),
  createdAt: z.string(),
  /** Set when a newer key took over; kept so backups made before the rotation stay readable. */
  retiredAt: z.string().nullable().default(null),
});

const keyFileSchema = z
  .object({
    format: z.literal('hall-queue/field-keys'),
    version: z.literal(1),
    current: z.string().regex(KEY_ID_PATTERN),
    keys: z.array(keyEntrySchema).min(1),
  })
  .refine((f) => f.keys.some((k) => k.id === f.current), { message: 'current key is not listed' });

export type KeyFileContent = z.output<typeof keyFileSchema>;
export type KeyEntry = KeyFileContent['keys'][number];

/** A refusal to start or to change keys, with words for the person at the console (zh, then en). */
export class KeyFileError extends Error {
  override name = 'KeyFileError';
}

export function keysOf(content: KeyFileContent): FieldKey[] {
  return content.keys.map((k) => ({ id: k.id, secret: Buffer.from(k.secret, 'base64') }));
}

export function newKeyEntry(at: Date): KeyEntry {
  return {
    id: newKeyId(),
    secret: newKeySecret().toString('base64'),
    createdAt: at.toISOString(),
    retiredAt: null,
  };
}

/** The key file's content, or null when there is no file at that path. */
export function readKeyFile(file: string): KeyFileContent | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new KeyFileError(
      `无法读取密钥文件 / Cannot read the key file ${file}: ${(error as Error).message}`,
    );
  }
  checkPermissions(file);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new KeyFileError(`密钥文件已损坏 / The key file ${file} is not valid JSON`);
  }
  const parsed = keyFileSchema.safeParse(raw);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ');
    throw new KeyFileError(`密钥文件格式有误 / The key file ${file} is malformed: ${where}`);
  }
  return parsed.data;
}

/**
 * Anyone who can read the key file can read every phone number and address: refuse to use one
 * that group or others may read, as ssh does with private keys. (Windows has no such mode bits.)
 */
function checkPermissions(file: string): void {
  if (process.platform === 'win32') return;
  const mode = fs.statSync(file).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new KeyFileError(
      `密钥文件权限过宽（${mode.toString(8)}），请执行 chmod 600 ${file} / ` +
        `The key file ${file} may be read by others (mode ${mode.toString(8)}); run: chmod 600 ${file}`,
    );
  }
}

export function writeKeyFile(file: string, content: KeyFileContent): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  const fd = fs.openSync(temp, 'w', 0o600);
  try {
    fs.writeSync(fd, `${JSON.stringify(keyFileSchema.parse(content), null, 2)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.chmodSync(temp, 0o600);
  fs.renameSync(temp, file);
}

export function createKeyFile(file: string, at: Date): KeyFileContent {
  const first = newKeyEntry(at);
  const content: KeyFileContent = {
    format: 'hall-queue/field-keys',
    version: 1,
    current: first.id,
    keys: [first],
  };
  writeKeyFile(file, content);
  return content;
}

/**
 * Where a server started without an explicit key file keeps it: a folder beside the data folder
 * (data → data-keys), never inside it.
 */
export function keyFileBeside(dataDir: string): string {
  const resolved = path.resolve(dataDir);
  return path.join(path.dirname(resolved), `${path.basename(resolved)}-keys`, 'field-keys.json');
}

/** True when `inner` is `outer` or lies inside it (after resolving both). */
export function isInside(inner: string, outer: string): boolean {
  const relative = path.relative(path.resolve(outer), path.resolve(inner));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Adds the keys of `otherFile` that `file` lacks, as retired keys (they open and match what they
 * sealed; new values keep being sealed with this file's current key): a hall moved into the
 * city's database (npm run db -- import) brings fields sealed with its own key file. Creates
 * `file` as a copy when it does not exist. Returns the ids added.
 */
export function addKeysFrom(file: string, otherFile: string, at: Date): string[] {
  const other = readKeyFile(otherFile);
  if (!other) throw new KeyFileError(`找不到密钥文件 / No key file at ${otherFile}`);
  const own = readKeyFile(file);
  if (!own) {
    writeKeyFile(file, other);
    return other.keys.map((k) => k.id);
  }
  const added: KeyEntry[] = [];
  for (const key of other.keys) {
    const found = own.keys.find((k) => k.id === key.id);
    if (found && found.secret !== key.secret)
      throw new KeyFileError(
        `两个密钥文件中的密钥 ${key.id} 不同 / Key ${key.id} differs between ${file} and ${otherFile}`,
      );
    if (!found) added.push({ ...key, retiredAt: key.retiredAt ?? at.toISOString() });
  }
  if (added.length > 0) writeKeyFile(file, { ...own, keys: [...own.keys, ...added] });
  return added.map((k) => k.id);
}
