import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TextStore } from './text-store.js';

const dirs: string[] = [];
function tmpFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xz-store-'));
  dirs.push(dir);
  return path.join(dir, 'store.bin');
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** a text of `n` characters that differs per slot and per position */
function textOf(slot: number, n: number, tag = ''): string {
  let s = `${tag}第${slot}号文件：`;
  while (s.length < n) s += `申请人${slot % 97}应当提交材料${s.length}；`;
  return s.slice(0, n);
}

describe('TextStore', () => {
  it('reads the same slices, titles and labels from its file as were put, for short and long texts, in any order and again', () => {
    const store = new TextStore(null);
    const lengths = [0, 1, 300, 4096, 4097, 20_000];
    lengths.forEach((n, slot) => store.put(slot, { title: `标题${slot}`, labels: [`第${slot}条`, '附则'], text: textOf(slot, n) }));
    const file = tmpFile();
    store.save(file);
    for (let round = 0; round < 2; round++) {
      for (let slot = lengths.length - 1; slot >= 0; slot--) {
        const text = textOf(slot, lengths[slot]!);
        expect(store.meta(slot)).toEqual({ title: `标题${slot}`, labels: [`第${slot}条`, '附则'] });
        for (const [a, b] of [[0, 10], [5, 300], [4000, 4200], [0, 30_000], [100, 50]]) expect(store.slice(slot, a!, b!)).toBe(text.slice(a, b));
      }
    }
    store.close();
  });

  it('serves a slot put again after it was read with the new text and title, before and after the next save', () => {
    const store = new TextStore(null);
    store.put(1, { title: '旧标题', labels: ['一'], text: textOf(1, 500, '旧') });
    const file = tmpFile();
    store.save(file);
    expect(store.slice(1, 0, 4)).toBe('旧第1号');
    expect(store.meta(1).title).toBe('旧标题');
    store.put(1, { title: '新标题', labels: ['一'], text: textOf(1, 500, '新') });
    expect(store.slice(1, 0, 4)).toBe('新第1号');
    store.save(file);
    expect(store.slice(1, 0, 4)).toBe('新第1号');
    expect(store.meta(1).title).toBe('新标题');
    store.close();
  });

  it('stays right when more texts are read than its cache holds', () => {
    const store = new TextStore(null);
    const n = 400;
    for (let slot = 0; slot < n; slot++) store.put(slot, { title: `t${slot}`, labels: [], text: textOf(slot, 4000) });
    store.save(tmpFile());
    // 400 × 4000 characters is more than the cache's bound: the first ones are read again from the file
    for (let round = 0; round < 2; round++) {
      for (let slot = 0; slot < n; slot++) expect(store.slice(slot, 3990, 4000)).toBe(textOf(slot, 4000).slice(3990));
    }
    store.close();
  });

  it.each([
    ['its own cache', undefined, 4096],
    ['a cache of 3,000 bytes', 3000, 1600],
  ])('gives the right slices whatever the order of reads of texts of every length, as %s fills, wraps and drops texts', (_, cacheBytes, maxChars) => {
    const store = new TextStore(null, cacheBytes);
    const n = 1500;
    let seed = 7;
    const rand = (k: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % k;
    };
    const lengths = Array.from({ length: n }, () => 1 + rand(maxChars));
    for (let slot = 0; slot < n; slot++) store.put(slot, { title: `t${slot}`, labels: [], text: textOf(slot, lengths[slot]!) });
    store.save(tmpFile());
    // more texts than the cache holds, read at random and re-read soon after: hits, misses,
    // texts dropped while others stay, and (small cache) texts longer than the whole cache
    for (let i = 0; i < 6000; i++) {
      const slot = i % 3 === 0 ? rand(n) : rand(40);
      const len = lengths[slot]!;
      const a = rand(len);
      const b = a + rand(len - a + 1);
      expect(store.slice(slot, a, b)).toBe(textOf(slot, len).slice(a, b));
    }
    store.close();
  });
});
