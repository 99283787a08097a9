import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FieldBuilder, findTerm, forEachPosting, forEachPostingAt, mergeFields, mergeFieldsToFile, SKIP_BLOCK, spillField, targetRange, type FieldPostings } from './postings.js';

function decode(f: FieldPostings): Map<number, [number, number][]> {
  const out = new Map<number, [number, number][]>();
  for (let t = 0; t < f.keys.length; t++) {
    const list: [number, number][] = [];
    forEachPosting(f, t, (id, tf) => list.push([id, tf]));
    expect(list.length).toBe(f.df[t]);
    out.set(f.keys[t]!, list);
  }
  return out;
}

/** key → [id, tf] postings, ids increasing */
function sample(seed: number, from: number, to: number): Map<number, [number, number][]> {
  let x = seed;
  const rnd = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const m = new Map<number, [number, number][]>();
  for (let id = from; id < to; id += 1 + Math.floor(rnd() * 300)) {
    for (let j = 0; j < 5; j++) {
      const key = (Math.floor(rnd() * 40) - 20) * 0x1000193;
      const list = m.get(key) ?? [];
      if (list.length && list[list.length - 1]![0] === id) continue;
      const r = rnd();
      list.push([id, r < 0.7 ? 1 : r < 0.9 ? 2 + Math.floor(rnd() * 10) : r < 0.98 ? 200 : 70_000]);
      m.set(key, list);
    }
  }
  return m;
}

function build(m: Map<number, [number, number][]>): FieldPostings {
  const b = new FieldBuilder();
  const all: [number, number, number][] = [];
  for (const [k, list] of m) for (const [id, tf] of list) all.push([id, k, tf]);
  all.sort((a, c) => a[0] - c[0]);
  for (const [id, k, tf] of all) b.add(k, id, tf);
  return b.build();
}

const capped = (m: Map<number, [number, number][]>) => new Map([...m].map(([k, l]) => [k, l.map(([id, tf]) => [id, Math.min(tf, 0xffff)] as [number, number])]));

describe('postings', () => {
  it('round-trips ids and term frequencies (tf 1 without a tf byte, large ids and tfs)', () => {
    const m = sample(1, 0, 3_000_000);
    const f = build(m);
    expect([...f.keys]).toEqual([...m.keys()].sort((a, b) => a - b));
    expect(decode(f)).toEqual(capped(m));
    expect(findTerm(f, 12345)).toBe(-1);
  });

  it('counts repeated tokens into one posting', () => {
    const b = new FieldBuilder();
    for (const [k, id] of [[7, 0], [7, 0], [-3, 0], [7, 5], [-3, 9], [-3, 9], [-3, 9]] as const) b.addToken(k, id);
    const d = decode(b.build());
    expect(d.get(7)).toEqual([[0, 2], [5, 1]]);
    expect(d.get(-3)).toEqual([[0, 1], [9, 3]]);
    expect(() => b.addToken(7, 4)).toThrow(/increasing/);
  });

  it('merges segments, dropping deleted documents', () => {
    const parts = [sample(2, 0, 100_000), sample(3, 100_000, 250_000), sample(4, 250_000, 260_000)];
    const deleted = new Uint8Array(260_000);
    for (let i = 0; i < deleted.length; i += 7) deleted[i] = 1;
    const merged = decode(mergeFields(parts.map(build), deleted, null));
    const expected = new Map<number, [number, number][]>();
    for (const p of parts) for (const [k, l] of capped(p)) expected.set(k, [...(expected.get(k) ?? []), ...l.filter(([id]) => !deleted[id])]);
    for (const [k, l] of expected) if (l.length === 0) expected.delete(k);
    expect(new Map([...merged].sort((a, b) => a[0] - b[0]))).toEqual(new Map([...expected].sort((a, b) => a[0] - b[0])));
  });

  it('merges spilled and in-memory segments straight into a file, the same runs as in memory', () => {
    const parts = [sample(12, 0, 80_000), sample(13, 80_000, 200_000), sample(14, 200_000, 210_000)];
    const deleted = new Uint8Array(210_000);
    for (let i = 0; i < deleted.length; i += 5) deleted[i] = 1;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xz-postings-'));
    const fd = fs.openSync(path.join(dir, 'spill.bin'), 'w+');
    try {
      for (const gone of [null, deleted]) {
        const expected = mergeFields(parts.map(build), gone, null);
        // inputs: the first two spilled, the third in memory; tiny write buffers and read windows
        // so that runs cross both
        const inputs = parts.map(build);
        let pos = spillField(inputs[0]!, fd, 0);
        pos = spillField(inputs[1]!, fd, pos);
        for (const [chunk, window] of [[8, 16], [64, 1000], [4 << 20, 1 << 20]] as const) {
          const start = pos + 3;
          const { field, end } = mergeFieldsToFile(inputs, gone, null, fd, start, chunk, window);
          expect(field.bytes.length).toBe(0);
          expect(field.file).toEqual({ fd, pos: start, length: expected.offsets[expected.keys.length] });
          expect(end).toBe(start + field.file!.length);
          expect([...field.keys]).toEqual([...expected.keys]);
          expect([...field.df]).toEqual([...expected.df]);
          expect([...field.offsets]).toEqual([...expected.offsets]);
          const runs = Buffer.alloc(field.file!.length);
          fs.readSync(fd, runs, 0, runs.length, start);
          expect(runs.equals(Buffer.from(expected.bytes))).toBe(true);
          expect(decode(field)).toEqual(decode(expected));
          pos = end;
        }
      }
    } finally {
      fs.closeSync(fd);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a spilled field from its file, and merges it', () => {
    const m = sample(5, 0, 500_000);
    const f = build(m);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xz-postings-')), 'spill.bin');
    const fd = fs.openSync(file, 'w+');
    try {
      const end = spillField(f, fd, 1000);
      expect(f.bytes.length).toBe(0);
      expect(end).toBe(1000 + f.file!.length);
      expect(decode(f)).toEqual(capped(m));
      expect(decode(mergeFields([f], null, null))).toEqual(capped(m));
    } finally {
      fs.closeSync(fd);
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });

  it('calls back only for the ids in a mask, with their term frequencies', () => {
    const m = sample(8, 0, 1_000_000);
    const f = build(m);
    let x = 5;
    const rnd = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const mask = new Int32Array((1_000_000 >>> 5) + 1);
    const inMask = (id: number) => (mask[id >>> 5]! & (1 << (id & 31))) !== 0;
    for (let id = 0; id < 1_000_000; id++) if (rnd() < 0.1 || (id >= 400_000 && id < 420_000)) mask[id >>> 5]! |= 1 << (id & 31);
    let withBigTf = 0;
    for (let t = 0; t < f.keys.length; t++) {
      const all: [number, number][] = [];
      forEachPosting(f, t, (id, tf) => all.push([id, tf]));
      const got: [number, number][] = [];
      forEachPosting(f, t, (id, tf) => got.push([id, tf]), mask);
      const want = all.filter(([id]) => inMask(id));
      expect(got).toEqual(want);
      if (want.some(([, tf]) => tf > 0x3fff)) withBigTf++;
    }
    // three-byte term frequencies were among the masked postings
    expect(withBigTf).toBeGreaterThan(0);
  });

  it('finds the postings of given ids through skip data, in memory and spilled', () => {
    const m = sample(6, 0, 2_000_000);
    const f = build(m);
    let x = 99;
    const rnd = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32);
    // target sets from one id to thousands, clustered and spread, beyond the last id too
    const targetSets = [[0], [1_999_999, 2_500_000], Array.from({ length: 3000 }, () => Math.floor(rnd() * 2_100_000)), Array.from({ length: 40 }, () => Math.floor(rnd() * 50_000))].map((l) => Int32Array.from(new Set(l)).sort());
    const check = (field: FieldPostings) => {
      for (let t = 0; t < field.keys.length; t++) {
        const all: [number, number][] = [];
        forEachPosting(field, t, (id, tf) => all.push([id, tf]));
        expect(all.length).toBeGreaterThan(SKIP_BLOCK);
        for (const targets of targetSets) {
          const want = new Set(targets);
          const got: [number, number][] = [];
          forEachPostingAt(field, t, targets, 0, targets.length, (id, tf) => got.push([id, tf]));
          expect(got).toEqual(all.filter(([id]) => want.has(id)));
          // only the targets inside the run's id range, read from that part alone: the same postings
          const [from, to] = targetRange(field, t, targets, targets.length);
          const inside = Array.from(targets).filter((id) => id >= all[0]![0] && id <= all.at(-1)![0]);
          expect(Array.from(targets.subarray(from, to))).toEqual(inside);
          const part: [number, number][] = [];
          forEachPostingAt(field, t, targets, from, to, (id, tf) => part.push([id, tf]));
          expect(part).toEqual(got);
        }
      }
    };
    check(f);
    // runs covering part of the targets' range (as a segment's runs do)
    check(build(sample(7, 600_000, 900_000)));
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xz-postings-')), 'spill.bin');
    const fd = fs.openSync(file, 'w+');
    try {
      const spilled = build(m);
      spillField(spilled, fd, 0);
      check(spilled);
    } finally {
      fs.closeSync(fd);
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });
});
