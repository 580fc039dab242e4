// Field-by-field encryption of personal data at rest (AES-256-GCM, node:crypto) and keyed hashes
// (HMAC-SHA-256 "blind indexes") for the fields that must be matched without being readable.
//
// A sealed value is text that fits the column it replaces:
//   f1.<keyId>.<base64url(iv ‖ tag ‖ ciphertext)>
// The key id makes rotation possible (old rows stay readable while new ones use the new key); the
// column's context ("home_visits.phone") and the header are authenticated data, so a ciphertext
// copied into another column or relabelled with another key id fails to open instead of being
// misread. A blind index is `<keyId>.<base64url(HMAC)>` over a normalised value, so the same phone
// always matches itself under one key while the stored text reveals nothing without the key.
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  hkdfSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';

const FORMAT = 'f1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_SECRET_BYTES = 32;
export const KEY_ID_PATTERN = /^[0-9a-f]{8}$/;

/** One key of the ring: an id and a 32-byte secret from which the working keys are derived. */
export interface FieldKey {
  id: string;
  secret: Buffer;
}

interface DerivedKey {
  id: string;
  // KeyObjects, not Buffers: node imports a raw key on every cipher otherwise (several times slower).
  encryption: KeyObject;
  index: KeyObject;
  check: string;
}

/** What blind indexes are computed over; each kind is hashed separately, so they never collide. */
export type BlindIndexKind = 'phone' | 'id_number';

export class FieldCipherError extends Error {
  override name = 'FieldCipherError';
}

const derive = (secret: Buffer, purpose: string): Buffer =>
  Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `hall-queue ${purpose}`, 32));

function deriveKey(key: FieldKey): DerivedKey {
  if (!KEY_ID_PATTERN.test(key.id)) throw new FieldCipherError(`bad key id ${key.id}`);
  if (key.secret.length !== KEY_SECRET_BYTES) throw new FieldCipherError(`key ${key.id}: wrong length`);
  return {
    id: key.id,
    encryption: createSecretKey(derive(key.secret, 'field encryption v1')),
    index: createSecretKey(derive(key.secret, 'blind index v1')),
    // Stored in the database to recognise the right key file; derived separately, so it tells
    // nothing about the working keys.
    check: derive(key.secret, 'key check v1').subarray(0, 16).toString('hex'),
  };
}

export const newKeyId = (): string => randomBytes(4).toString('hex');
export const newKeySecret = (): Buffer => randomBytes(KEY_SECRET_BYTES);

/** The fingerprint the database keeps for a key (see keyRing.ts). */
export const keyCheckValue = (key: FieldKey): string => deriveKey(key).check;

export const isSealed = (value: string): boolean => value.startsWith(`${FORMAT}.`);

/** The key id a sealed value or blind index was made with, or null for anything else. */
export function keyIdOf(value: string): string | null {
  const parts = value.split('.');
  if (parts[0] === FORMAT && parts.length === 3) return parts[1] ?? null;
  if (parts.length === 2 && KEY_ID_PATTERN.test(parts[0] ?? '')) return parts[0] ?? null;
  return null;
}

export function createFieldCipher(keys: readonly FieldKey[], currentId: string) {
  const ring = new Map(keys.map((k) => [k.id, deriveKey(k)]));
  const current = ring.get(currentId);
  if (!current) throw new FieldCipherError(`current key ${currentId} is not in the key ring`);

  function seal(context: string, plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const header = `${FORMAT}.${current!.id}`;
    const cipher = createCipheriv('aes-256-gcm', current!.encryption, iv);
    cipher.setAAD(Buffer.from(`${header}.${context}`, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${header}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
  }

  function open(context: string, sealed: string): string {
    const [format, keyId, payload] = sealed.split('.');
    if (format !== FORMAT || !keyId || payload === undefined) {
      throw new FieldCipherError(`${context}: not a sealed value`);
    }
    const key = ring.get(keyId);
    if (!key) throw new FieldCipherError(`${context}: sealed with key ${keyId}, which the key file lacks`);
    const raw = Buffer.from(payload, 'base64url');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new FieldCipherError(`${context}: truncated value`);
    const decipher = createDecipheriv('aes-256-gcm', key.encryption, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(`${format}.${keyId}.${context}`, 'utf8'));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      throw new FieldCipherError(`${context}: value does not open with key ${keyId} (altered or moved)`);
    }
  }

  const indexWith = (key: DerivedKey, kind: BlindIndexKind, normalized: string): string =>
    `${key.id}.${createHmac('sha256', key.index).update(`${kind}\u0000${normalized}`, 'utf8').digest('base64url')}`;

  return {
    currentKeyId: current.id,
    keyIds: [...ring.keys()],
    seal,
    open,
    /** Seals a value that may be absent; empty text means "cleared" and stays empty. */
    sealOptional(context: string, plain: string | null): string | null {
      return plain === null || plain === '' ? plain : seal(context, plain);
    },
    openOptional(context: string, stored: string | null): string | null {
      return stored === null || stored === '' ? stored : open(context, stored);
    },
    /** The blind index to store, under the current key. */
    blindIndex(kind: BlindIndexKind, normalized: string): string {
      return indexWith(current, kind, normalized);
    },
    /**
     * Every index this value may be stored under (one per key in the ring): an index whose source
     * is not kept (a full ID number) cannot be recomputed at rotation and keeps its old key id.
     */
    blindIndexCandidates(kind: BlindIndexKind, normalized: string): string[] {
      return [...ring.values()].map((key) => indexWith(key, kind, normalized));
    },
  };
}
export type FieldCipher = ReturnType<typeof createFieldCipher>;
