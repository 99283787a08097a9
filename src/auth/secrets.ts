/** Passwords (argon2id) and bearer secrets (random, stored only as a SHA-256). */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/**
 * OWASP's argon2id baseline (19 MiB, 2 passes). The library's default algorithm is argon2id
 * (its enum is an ambient const enum, unusable under isolatedModules); the unit test pins it.
 */
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/**
 * Verifies against a throw-away hash, so a login for an unknown name costs the same time as
 * one with a wrong password and the response time does not reveal which names exist.
 */
export async function spendVerifyTime(password: string): Promise<void> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(await dummyHash, password);
}

/** Letters and digits without look-alikes (0/O, 1/l/I), for passwords read off a console. */
const READABLE = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function generatePassword(length = 16): string {
  const bytes = randomBytes(length * 2);
  let out = '';
  // rejection sampling keeps every character equally likely
  for (const b of bytes) {
    if (b >= 256 - (256 % READABLE.length)) continue;
    out += READABLE[b % READABLE.length];
    if (out.length === length) return out;
  }
  return out + generatePassword(length - out.length);
}

export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export const API_TOKEN_PREFIX = 'xz_';

export function newApiToken(): string {
  return `${API_TOKEN_PREFIX}${randomSecret(32)}`;
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
