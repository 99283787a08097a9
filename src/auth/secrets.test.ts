import { describe, expect, it } from 'vitest';
import { API_TOKEN_PREFIX, generatePassword, hashPassword, newApiToken, safeEqual, sha256Hex, verifyPassword } from './secrets.js';

describe('secrets', () => {
  it('hashes passwords with argon2id and verifies only the right one', async () => {
    const h = await hashPassword('青禾区-correct-horse');
    expect(h.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(h, '青禾区-correct-horse')).toBe(true);
    expect(await verifyPassword(h, '青禾区-correct-hors')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });

  it('generates readable passwords of the asked length, different each time', () => {
    const a = generatePassword(16);
    expect(a).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{16}$/);
    expect(generatePassword(16)).not.toBe(a);
  });

  it('makes xz_ tokens with 256 bits of randomness and stores a fixed-length digest', () => {
    const t = newApiToken();
    expect(t.startsWith(API_TOKEN_PREFIX)).toBe(true);
    expect(t.length).toBe(API_TOKEN_PREFIX.length + 43);
    expect(sha256Hex(t)).toMatch(/^[0-9a-f]{64}$/);
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });
});
