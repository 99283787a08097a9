import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalRecord, checkLink, GENESIS_HASH, recordHash, type AuditRow } from './audit-chain.js';

function row(over: Partial<AuditRow> = {}): AuditRow {
  const base: Omit<AuditRow, 'hash'> = {
    seq: 1,
    at: '2026-11-28T09:00:00.000Z',
    actor_kind: 'user',
    actor_user_id: 'u-1',
    actor_name: 'wangfang',
    actor_role: 'handler',
    actor_department_id: 'd-1',
    action: 'user.update',
    entity_type: 'user',
    entity_id: 'u-2',
    before: '{"role":"agent"}',
    after: '{"role":"handler"}',
    ai: null,
    reason: '岗位调整',
    ip: '10.0.0.1',
    prev_hash: GENESIS_HASH,
    ...over,
  };
  return { ...base, hash: over.hash ?? recordHash(base) };
}

describe('canonical encoding', () => {
  it('sorts keys at every depth and drops whitespace and undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: null, y: '中' }], c: undefined } })).toBe('{"a":{"d":[3,{"y":"中","z":null}]},"b":1}');
    expect(canonicalJson(new Date('2026-01-02T03:04:05Z'))).toBe('"2026-01-02T03:04:05.000Z"');
  });

  it('is the sorted JSON of every column but the hash, and the hash is its SHA-256', () => {
    const r = row();
    const text = canonicalRecord(r);
    expect(text.startsWith('{"action":"user.update","actor_department_id":"d-1",')).toBe(true);
    expect(text).toContain('"prev_hash":"' + GENESIS_HASH + '","reason":"岗位调整","seq":1}');
    expect(text).not.toContain('"hash"');
    expect(r.hash).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });

  it('keeps the published format: a fixed record hashes to the value an outside tool computes', () => {
    // printf '%s' '<the canonical text>' | sha256sum — changing the encoding breaks every chain
    expect(row().hash).toBe('13b1bd12c12c506fdefc4696bd77ba0476f97cf3f35731469252d0ed77d53fc9');
  });
});

describe('checkLink', () => {
  it('accepts a well-formed record and names each kind of damage', () => {
    const r = row();
    expect(checkLink(r, 1, GENESIS_HASH)).toBeNull();
    expect(checkLink(r, 1, 'f'.repeat(64))).toMatchObject({ seq: 1, problem: 'prev_hash_mismatch' });
    expect(checkLink({ ...r, reason: '另一个理由' }, 1, GENESIS_HASH)).toMatchObject({ seq: 1, problem: 'hash_mismatch' });
    expect(checkLink(row({ seq: 3 }), 2, GENESIS_HASH)).toMatchObject({ seq: 2, problem: 'seq_gap' });
  });
});
