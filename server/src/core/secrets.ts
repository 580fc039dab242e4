// Passwords are stored as scrypt hashes; device keys, session tokens and status tokens are random
// 256/128-bit values, and only the SHA-256 of keys and session tokens is stored (they are
// high-entropy, so a fast hash is enough and lets us look them up by hash).
import { createHash, randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';

const SCRYPT = { N: 16384, r: 8, p: 1, keyLength: 32 };

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, SCRYPT.keyLength, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return [
    'scrypt',
    SCRYPT.N,
    SCRYPT.r,
    SCRYPT.p,
    salt.toString('base64url'),
    hash.toString('base64url'),
  ].join('$');
}

/**
 * Password checks run one after another: each holds 128·N·r = 16 MB for tens of milliseconds, and
 * a burst of sign-ins (staff arriving together, or guesses sent in parallel) would otherwise hold
 * that many times over in the thread pool — and keep it, since freed arenas rarely shrink.
 */
let previousCheck: Promise<unknown> = Promise.resolve();

/**
 * Checks a password against its stored hash. Asynchronous: scrypt takes tens of milliseconds on
 * purpose, and running it on the event loop would stall every kiosk and display meanwhile.
 */
export function verifyPassword(password: string, stored: string): Promise<boolean> {
  const check = previousCheck.then(() => scryptCheck(password, stored));
  previousCheck = check.catch(() => undefined);
  return check;
}

async function scryptCheck(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await new Promise<Buffer>((resolve, reject) =>
    scrypt(
      password,
      Buffer.from(salt, 'base64url'),
      expected.length,
      { N: Number(n), r: Number(r), p: Number(p) },
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  );
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
