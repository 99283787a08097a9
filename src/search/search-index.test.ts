import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { forEachPosting, type FieldPostings } from './postings.js';
import { SearchIndex, type IndexDoc } from './search-index.js';

/** every field's postings, segment by segment concatenated: key → [id, tf] */
function postingsOf(ix: SearchIndex): Map<string, [number, number][]>[] {
  const out: Map<string, [number, number][]>[] = [];
  for (const seg of ix.segments) {
    seg.forEach((f: FieldPostings, fieldNo) => {
      const m = (out[fieldNo] ??= new Map());
      for (let t = 0; t < f.keys.length; t++) {
        const list = m.get(String(f.keys[t])) ?? [];
        forEachPosting(f, t, (id, tf) => list.push([id, tf]));
        m.set(String(f.keys[t]), list);
      }
    });
  }
  return out.map((m) => new Map([...m].sort((a, b) => a[0].localeCompare(b[0]))));
}

const WORDS = ['住房公积金', '提取', '居民身份证', '换领', '社会保险', '登记', '材料', '办理', '时限', '收费', '地点', '企业', '补贴', '疫情', '防控', '减免', '租金', '申请'];

function doc(i: number): IndexDoc {
  let text = `第${i}号通知\n`;
  const passages = [];
  for (let p = 0; p < 3; p++) {
    const start = text.length;
    for (let w = 0; w < 6; w++) text += WORDS[(i * 7 + p * 5 + w * 3) % WORDS.length]! + (w % 2 ? '，' : '');
    text += '。\n';
    passages.push({ seq: p, start, end: text.length, label: `第${p + 1}段` });
  }
  return { entryId: `e${i % 250}`, version: 1 + Math.floor(i / 250), kind: 'policy', title: `第${i}号通知`, text, passages, region: null, department: null, serviceObjects: [], from: null, to: null };
}

describe('SearchIndex', () => {
  it('compacts segments into one, merging spilled fields straight into the spill file, with the same postings as in memory', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xz-index-'));
    try {
      const build = (spill: boolean) => {
        const ix = new SearchIndex();
        // every field of a final segment is spilled (from 1 byte)
        if (spill) ix.spillTo(path.join(dir, 'spill.bin'), 1);
        for (let i = 0; i < 1200; i++) {
          ix.add(doc(i));
          if (i % 100 === 99) ix.flush(Infinity);
        }
        // e0…e4 removed: their versions' postings go at compaction
        for (let e = 0; e < 5; e++) ix.removeEntry(`e${e}`);
        ix.flush(3);
        return ix;
      };
      const inMemory = build(false);
      const spilled = build(true);
      expect(spilled.segments.length).toBeGreaterThan(1);
      expect(spilled.segments.flat().some((f) => f.file !== undefined)).toBe(true);
      const before = postingsOf(spilled);
      expect(before).toEqual(postingsOf(inMemory));
      inMemory.compact();
      spilled.compact();
      expect(spilled.segments.length).toBe(1);
      expect(spilled.segments[0]!.every((f) => f.file !== undefined && f.bytes.length === 0)).toBe(true);
      const after = postingsOf(spilled);
      expect(after).toEqual(postingsOf(inMemory));
      // the deleted versions' postings are gone, the others kept
      const deleted = new Set<number>();
      for (let s = 0; s < spilled.slotCount; s++) if (spilled.deleted.data[s]) deleted.add(s);
      expect(deleted.size).toBe(25);
      const slotOf = spilled.pSlot.data;
      const kept = (m: Map<string, [number, number][]>[], fieldNo: number) => [...m[fieldNo]!.values()].flat().length;
      const removed = [...before[0]!.values()].flat().filter(([id]) => deleted.has(slotOf[id]!)).length;
      expect(removed).toBeGreaterThan(0);
      expect(kept(after, 0)).toBe(kept(before, 0) - removed);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
