import { createHash, randomBytes, randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// argon2id with the OWASP-recommended minimum (19 MiB, 2 passes, 1 lane).
const ARGON2 = { algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, ARGON2);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A fixed hash to verify against when an account does not exist, so timing reveals nothing. */
let dummyHash: Promise<string> | null = null;
export async function burnPasswordCheck(password: string) {
  dummyHash ??= hashPassword('not-a-real-account-password');
  await verifyPassword(await dummyHash, password);
}

/** Session tokens, CSRF tokens and recovery codes are random; only their SHA-256 is stored. */
export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

// Without look-alikes (0/O, 1/l/I) so a code read over the phone survives.
const READABLE = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export function readableSecret(length: number, alphabet = READABLE): string {
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet[randomInt(alphabet.length)];
  return s;
}

/** Temporary passwords that an administrator hands over: 16 readable characters in groups. */
export const temporaryPassword = () => readableSecret(16).replace(/(.{4})(?=.)/g, '$1-');

/** Recovery codes: 10 characters, lower-case, grouped 5-5. */
export const recoveryCode = () => readableSecret(10, 'abcdefghjkmnpqrstuvwxyz23456789').replace(/^(.{5})/, '$1-');
export const normaliseRecoveryCode = (code: string) => code.trim().toLowerCase().replace(/[\s-]/g, '');
