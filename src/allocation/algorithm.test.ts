import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalList, commitmentOf, draw, listHash, RandomStream, seedOf, shuffle, type DrawRound, type QualifiedEntry } from './algorithm.js';

const hex = (s: string) => createHash('sha256').update(s).digest('hex');
const entries = (n: number, group: string | null = null, prefix = 'A'): QualifiedEntry[] =>
  Array.from({ length: n }, (_, i) => ({ applicationNo: `${prefix}${String(i + 1).padStart(4, '0')}`, name: `张*${i}`, group }));
const ROUND: DrawRound = { id: 'AL20261128TEST', slots: 3, groups: [] };

/** Pearson's statistic of observed counts against one common expected count. */
function chiSquare(counts: number[], expected: number): number {
  return counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
}

/** 8000 fixed seeds: the test is deterministic, and a fair draw passes it by a wide margin. */
const SEEDS = Array.from({ length: 8000 }, (_, i) => hex(`chi-square seed ${i}`));

describe('canonical list and hashes', () => {
  it('writes the documented lines, sorted by application number in byte order', () => {
    const round: DrawRound = { id: 'R1', slots: 2, groups: [{ name: '优抚对象', quota: 1 }] };
    const text = canonicalList(round, [
      { applicationNo: 'b-2', name: '李*', group: null },
      { applicationNo: 'B-10', name: '王**', group: '优抚对象' },
      { applicationNo: 'B-9', name: '赵*', group: null },
    ]);
    expect(text).toBe('xiaozheng-allocation-list v1\nround\tR1\nslots\t2\ngroup\t1\t1\t优抚对象\napplicant\tB-10\t优抚对象\t王**\napplicant\tB-9\t\t赵*\napplicant\tb-2\t\t李*\n');
  });

  it('hashes the UTF-8 bytes of that text; commitment and seed follow the byte layout', async () => {
    const q = entries(2);
    expect(await listHash(ROUND, q)).toBe(hex(canonicalList(ROUND, q)));
    const secret = 'ab'.repeat(32);
    expect(await commitmentOf(secret)).toBe(createHash('sha256').update(Buffer.from(secret, 'hex')).digest('hex'));
    const lh = await listHash(ROUND, q);
    const expected = createHash('sha256').update(Buffer.concat([Buffer.from(secret, 'hex'), Buffer.from('福彩3D 2026325期 517', 'utf8'), Buffer.from(lh, 'hex')])).digest('hex');
    expect(await seedOf(secret, '福彩3D 2026325期 517', lh)).toBe(expected);
  });

  it('refuses lists it could not hash unambiguously, naming the entry', () => {
    expect(() => canonicalList(ROUND, [...entries(1), ...entries(1)])).toThrow('重复');
    expect(() => canonicalList(ROUND, [{ applicationNo: 'A 1', name: '张*', group: null }])).toThrow('格式不正确');
    expect(() => canonicalList(ROUND, [{ applicationNo: 'A1', name: '张\t*', group: null }])).toThrow('制表符');
    expect(() => canonicalList(ROUND, [{ applicationNo: 'A1', name: '张*', group: '低保家庭' }])).toThrow('不在本轮的优先组中');
    expect(() => canonicalList({ ...ROUND, groups: [{ name: '低保家庭', quota: 4 }] }, [])).toThrow('超过名额数');
  });
});

describe('random stream', () => {
  it('reads block k = SHA-256(seed ‖ uint32be k) as big-endian words', async () => {
    const seed = hex('stream');
    const s = RandomStream.fromHex(seed);
    const block0 = createHash('sha256').update(Buffer.concat([Buffer.from(seed, 'hex'), Buffer.from([0, 0, 0, 0])])).digest();
    const block1 = createHash('sha256').update(Buffer.concat([Buffer.from(seed, 'hex'), Buffer.from([0, 0, 0, 1])])).digest();
    const words = [];
    for (let i = 0; i < 9; i++) words.push(await s.nextWord());
    expect(words.slice(0, 8)).toEqual(Array.from({ length: 8 }, (_, i) => block0.readUInt32BE(i * 4)));
    expect(words[8]).toBe(block1.readUInt32BE(0));
  });

  it('rejects words at or above the largest multiple of n instead of folding them (no modulo bias)', async () => {
    const n = 3 * 2 ** 30; // 2^32 mod n = 2^30: a quarter of all words must be rejected
    const limit = 2 ** 32 - 2 ** 30;
    const seed = hex('rejection');
    const raw = RandomStream.fromHex(seed);
    const s = RandomStream.fromHex(seed);
    let rejected = 0;
    for (let i = 0; i < 200; i++) {
      let w = await raw.nextWord();
      while (w >= limit) {
        rejected++;
        w = await raw.nextWord();
      }
      expect(await s.uniform(n)).toBe(w % n);
    }
    expect(rejected).toBeGreaterThan(20);
  });
});

describe('draw', () => {
  it('is deterministic, ranks everyone once and selects ranks 1…slots', async () => {
    const q = entries(10);
    const seed = hex('deterministic');
    const a = await draw(ROUND, q, seed);
    expect(await draw(ROUND, [...q].reverse(), seed)).toEqual(a);
    expect(a.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(new Set(a.map((r) => r.applicationNo)).size).toBe(10);
    expect(a.filter((r) => r.selected).map((r) => r.rank)).toEqual([1, 2, 3]);
    expect(await draw(ROUND, q, hex('another seed'))).not.toEqual(a);
  });

  it('draws priority groups first, in priority order, within their quotas; the rest join the general draw', async () => {
    const round: DrawRound = { id: 'R', slots: 5, groups: [{ name: '优抚对象', quota: 2 }, { name: '低保家庭', quota: 2 }] };
    const q = [...entries(3, '优抚对象', 'Y'), ...entries(1, '低保家庭', 'D'), ...entries(6, null, 'P')];
    const r = await draw(round, q, hex('groups'));
    expect(r.slice(0, 2).every((x) => x.group === '优抚对象' && x.applicationNo.startsWith('Y'))).toBe(true);
    // a group smaller than its quota places all its members; the unused quota goes to the general draw
    expect(r[2]).toMatchObject({ group: '低保家庭', applicationNo: 'D0001', rank: 3 });
    expect(r.slice(3).every((x) => x.group === null)).toBe(true);
    // the third 优抚对象 applicant lost in the group and is ranked in the general draw
    expect(r.slice(3).filter((x) => x.applicationNo.startsWith('Y'))).toHaveLength(1);
    expect(r.filter((x) => x.selected)).toHaveLength(5);
  });

  it('is uniform: every applicant is equally likely at every position (chi-square, α = 0.001)', async () => {
    const n = 5;
    const q = entries(n);
    const counts = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    const perms = new Map<string, number>();
    for (const seed of SEEDS) {
      const r = await draw({ id: 'U', slots: 1, groups: [] }, q, seed);
      r.forEach((x, pos) => counts[pos]![Number(x.applicationNo.slice(1)) - 1]!++);
      const key = r.map((x) => x.applicationNo).join();
      perms.set(key, (perms.get(key) ?? 0) + 1);
    }
    // each position separately (df 4, critical 18.47) and all 120 orders (df 119, critical 172.4)
    for (const row of counts) expect(chiSquare(row, SEEDS.length / n)).toBeLessThan(18.47);
    expect(perms.size).toBe(120);
    expect(chiSquare([...perms.values()], SEEDS.length / 120)).toBeLessThan(172.4);
  });

  it('the same statistic rejects a biased shuffle (swapping with any position), so the test can fail', async () => {
    const perms = new Map<string, number>();
    for (const seed of SEEDS) {
      const s = RandomStream.fromHex(seed);
      const a = ['a', 'b', 'c'];
      for (let i = a.length - 1; i >= 0; i--) {
        const j = await s.uniform(a.length);
        [a[i], a[j]] = [a[j]!, a[i]!];
      }
      perms.set(a.join(''), (perms.get(a.join('')) ?? 0) + 1);
    }
    // df 5, critical 20.52 at α = 0.001
    expect(chiSquare([...perms.values()], SEEDS.length / 6)).toBeGreaterThan(20.52);
    // the real shuffle on the same seeds passes
    const fair = new Map<string, number>();
    for (const seed of SEEDS) {
      const a = await shuffle(['a', 'b', 'c'], RandomStream.fromHex(seed));
      fair.set(a.join(''), (fair.get(a.join('')) ?? 0) + 1);
    }
    expect(chiSquare([...fair.values()], SEEDS.length / 6)).toBeLessThan(20.52);
  });

  it('gives each member of a priority group the same chance at its quota', async () => {
    const round: DrawRound = { id: 'G', slots: 2, groups: [{ name: '低保家庭', quota: 1 }] };
    const q = [...entries(4, '低保家庭', 'D'), ...entries(3, null, 'P')];
    const wins = new Array<number>(4).fill(0);
    for (const seed of SEEDS.slice(0, 4000)) {
      const r = await draw(round, q, seed);
      wins[Number(r[0]!.applicationNo.slice(1)) - 1]!++;
    }
    // df 3, critical 16.27 at α = 0.001
    expect(chiSquare(wins, 1000)).toBeLessThan(16.27);
  });
});
