import { describe, expect, it } from 'vitest';
import { EntryIds } from './entry-ids.js';

describe('entry ids', () => {
  it('maps slots to ids and entries to their live slots, newest first', () => {
    const ids = new EntryIds();
    for (const id of ['item-户口迁入', 'law-1', 'item-户口迁入', 'faq-9', 'law-1', 'law-1']) ids.link(ids.push(id));
    expect(ids.get(0)).toBe('item-户口迁入');
    expect(ids.get(5)).toBe('law-1');
    expect(ids.slotsOf('law-1')).toEqual([5, 4, 1]);
    expect(ids.slotsOf('item-户口迁入')).toEqual([2, 0]);
    expect(ids.slotsOf('law-10')).toEqual([]);
    expect(ids.entryCount).toBe(3);
  });

  it('forgets a removed entry, and takes it back as new', () => {
    const ids = new EntryIds();
    for (const id of ['a', 'b', 'a']) ids.link(ids.push(id));
    ids.unlink('a');
    expect(ids.slotsOf('a')).toEqual([]);
    expect(ids.slotsOf('b')).toEqual([1]);
    expect(ids.entryCount).toBe(1);
    ids.link(ids.push('a'));
    expect(ids.slotsOf('a')).toEqual([3]);
    expect(ids.entryCount).toBe(2);
    ids.unlink('nobody');
    expect(ids.entryCount).toBe(2);
  });

  it('grows past its first table, and survives a save as two columns', () => {
    const ids = new EntryIds();
    const model = new Map<string, number[]>();
    for (let i = 0; i < 50_000; i++) {
      const id = `policy-${i % 20_011}-${i % 7}`;
      const slot = ids.push(id);
      ids.link(slot);
      model.set(id, [slot, ...(model.get(id) ?? [])]);
    }
    expect(ids.entryCount).toBe(model.size);
    for (const [id, slots] of [...model].filter((_, k) => k % 97 === 0)) expect(ids.slotsOf(id)).toEqual(slots);
    // a snapshot keeps the columns; the lookup is rebuilt from the live slots
    const copy = EntryIds.from(ids.bytes.view().slice(), ids.start.view().slice());
    for (let s = 0; s < copy.length; s++) if (s % 3 !== 0) copy.link(s);
    for (let s = 0; s < copy.length; s += 1013) expect(copy.get(s)).toBe(ids.get(s));
    for (const [id, slots] of [...model].filter((_, k) => k % 89 === 0)) expect(copy.slotsOf(id)).toEqual(slots.filter((s) => s % 3 !== 0));
  });
});
