/**
 * A second, independent verifier written only from docs/allocation.md (synchronous, with
 * node:crypto and Buffers instead of WebCrypto): if the document and the implementation ever
 * disagree, a third party following the document would fail where this test fails.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { draw, listHash, seedOf, type DrawRound, type QualifiedEntry } from './algorithm.js';

const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();

function specListHash(round: DrawRound, qualified: QualifiedEntry[]): string {
  const lines = ['xiaozheng-allocation-list v1', `round\t${round.id}`, `slots\t${round.slots}`];
  round.groups.forEach((g, i) => lines.push(`group\t${i + 1}\t${g.quota}\t${g.name}`));
  const sorted = [...qualified].sort((a, b) => Buffer.compare(Buffer.from(a.applicationNo), Buffer.from(b.applicationNo)));
  for (const q of sorted) lines.push(`applicant\t${q.applicationNo}\t${q.group ?? ''}\t${q.name}`);
  return sha(Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8')).toString('hex');
}

function specDraw(round: DrawRound, qualified: QualifiedEntry[], seedHex: string) {
  const seed = Buffer.from(seedHex, 'hex');
  let k = 0;
  let block = Buffer.alloc(0);
  let at = 32;
  const word = () => {
    if (at === 32) {
      const kb = Buffer.alloc(4);
      kb.writeUInt32BE(k++);
      block = sha(seed, kb);
      at = 0;
    }
    const w = block.readUInt32BE(at);
    at += 4;
    return w;
  };
  const uniform = (n: number) => {
    const limit = 2 ** 32 - (2 ** 32 % n);
    for (;;) {
      const x = word();
      if (x < limit) return x % n;
    }
  };
  const shuffle = (a: string[]) => {
    for (let i = a.length - 1; i >= 1; i--) {
      const j = uniform(i + 1);
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a;
  };
  const byNo = (a: QualifiedEntry, b: QualifiedEntry) => Buffer.compare(Buffer.from(a.applicationNo), Buffer.from(b.applicationNo));
  const sorted = [...qualified].sort(byNo);
  const out: Array<{ applicationNo: string; rank: number; group: string | null; selected: boolean }> = [];
  const done = new Set<string>();
  const place = (no: string, group: string | null) => {
    done.add(no);
    out.push({ applicationNo: no, rank: out.length + 1, group, selected: out.length + 1 <= round.slots });
  };
  for (const g of round.groups) {
    shuffle(sorted.filter((q) => q.group === g.name).map((q) => q.applicationNo))
      .slice(0, g.quota)
      .forEach((no) => place(no, g.name));
  }
  shuffle(sorted.filter((q) => !done.has(q.applicationNo)).map((q) => q.applicationNo)).forEach((no) => place(no, null));
  return out;
}

describe('docs/allocation.md, implemented independently, agrees with the implementation', () => {
  const round: DrawRound = { id: 'AL20261128SPEC01', slots: 9, groups: [{ name: '优抚对象', quota: 2 }, { name: '低保家庭', quota: 3 }] };
  const groups = ['优抚对象', '低保家庭', null, null, null];
  const qualified: QualifiedEntry[] = Array.from({ length: 41 }, (_, i) => ({ applicationNo: `${round.id}-${String(97 - i * 2).padStart(5, '0')}`, name: i % 3 ? '王*' : '欧阳**', group: groups[i % 5]! }));
  qualified.push({ applicationNo: 'a-lower-case', name: '李*', group: null });

  it.each(['福彩3D 2026325期 517', 'notary 483920', '公证处现场摇号 一二三'])('for the public value %j', async (publicValue) => {
    const secret = sha(Buffer.from(publicValue)).toString('hex');
    const lh = await listHash(round, qualified);
    expect(lh).toBe(specListHash(round, qualified));
    const seed = await seedOf(secret, publicValue, lh);
    expect(seed).toBe(sha(Buffer.from(secret, 'hex'), Buffer.from(publicValue, 'utf8'), Buffer.from(lh, 'hex')).toString('hex'));
    expect(await draw(round, qualified, seed)).toEqual(specDraw(round, qualified, seed));
  });
});
