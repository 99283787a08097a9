/**
 * Entry ids of the indexed versions ("slots") and the entry → slots lookup, without a JS
 * string and a Map entry per version: at 2M entries those held ~150 MB of heap in every
 * server process (see docs/search.md, Memory). Ids are kept as UTF-8 in one byte column with
 * a start offset per slot; the lookup is an open-addressing hash table over the entries
 * (slot of the newest version) with a per-slot link to the entry's previous version.
 */
import { Growable } from './growable.js';

const EMPTY = -1;
/** a removed entry: probing goes on past it */
const GONE = -2;

function hashBytes(b: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) {
    h ^= b[i]!;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class EntryIds {
  /** UTF-8 of every slot's entry id, one after another */
  bytes: Growable<Uint8Array> = new Growable(Uint8Array, 1 << 16);
  /** where each slot's id starts in `bytes` (it ends where the next one starts) */
  start: Growable<Uint32Array> = new Growable(Uint32Array);
  /** per slot: the same entry's previous live slot, or -1 */
  private prev: Growable<Int32Array> = new Growable(Int32Array);
  /** hash table: the newest live slot of an entry, EMPTY or GONE */
  private table = new Int32Array(1 << 10).fill(EMPTY);
  private used = 0;
  private live = 0;

  get length(): number {
    return this.start.length;
  }

  /** Entries with at least one live slot. */
  get entryCount(): number {
    return this.live;
  }

  get(slot: number): string {
    const b = this.bytes.data;
    const end = slot + 1 < this.start.length ? this.start.data[slot + 1]! : this.bytes.length;
    return Buffer.from(b.buffer, b.byteOffset + this.start.data[slot]!, end - this.start.data[slot]!).toString('utf8');
  }

  private end(slot: number): number {
    return slot + 1 < this.start.length ? this.start.data[slot + 1]! : this.bytes.length;
  }

  /** Appends a slot for `id` (not yet linked for lookups); returns the slot. */
  push(id: string): number {
    const slot = this.start.push(this.bytes.length);
    const enc = Buffer.from(id, 'utf8');
    this.bytes.reserve(this.bytes.length + enc.length);
    this.bytes.data.set(enc, this.bytes.length);
    this.bytes.length += enc.length;
    this.prev.push(-1);
    return slot;
  }

  /** Table position of the entry `key` (UTF-8), or the position to insert it at (as -pos - 1). */
  private find(key: Uint8Array): number {
    const mask = this.table.length - 1;
    let h = hashBytes(key, 0, key.length) & mask;
    let free = -1;
    const b = this.bytes.data;
    for (;;) {
      const s = this.table[h]!;
      if (s === EMPTY) return -(free >= 0 ? free : h) - 1;
      if (s === GONE) {
        if (free < 0) free = h;
      } else {
        const from = this.start.data[s]!;
        const to = this.end(s);
        if (to - from === key.length) {
          let same = true;
          for (let i = 0; i < key.length && same; i++) same = b[from + i] === key[i];
          if (same) return h;
        }
      }
      h = (h + 1) & mask;
    }
  }

  /** Makes `slot` the newest live version of its entry. */
  link(slot: number): void {
    if ((this.used + 1) * 2 > this.table.length) this.grow();
    const b = this.bytes.data;
    const key = b.subarray(this.start.data[slot]!, this.end(slot));
    const at = this.find(key);
    if (at >= 0) {
      this.prev.data[slot] = this.table[at]!;
      this.table[at] = slot;
      return;
    }
    const pos = -at - 1;
    if (this.table[pos] === EMPTY) this.used++;
    this.table[pos] = slot;
    this.prev.data[slot] = -1;
    this.live++;
  }

  /** The live slots of an entry, newest first. */
  slotsOf(id: string): number[] {
    const at = this.find(Buffer.from(id, 'utf8'));
    const out: number[] = [];
    if (at < 0) return out;
    for (let s = this.table[at]!; s >= 0; s = this.prev.data[s]!) out.push(s);
    return out;
  }

  /** Forgets the entry's slots for lookups (the slots and their ids stay). */
  unlink(id: string): void {
    const at = this.find(Buffer.from(id, 'utf8'));
    if (at < 0) return;
    this.table[at] = GONE;
    this.live--;
  }

  /** Empties the lookup; `link` then re-adds slots. */
  clearLinks(): void {
    this.table = new Int32Array(Math.max(1 << 10, nextPow2(this.length * 2))).fill(EMPTY);
    this.used = 0;
    this.live = 0;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2).fill(EMPTY);
    this.used = 0;
    const b = this.bytes.data;
    const mask = this.table.length - 1;
    for (const s of old) {
      if (s < 0) continue;
      let h = hashBytes(b, this.start.data[s]!, this.end(s)) & mask;
      while (this.table[h] !== EMPTY) h = (h + 1) & mask;
      this.table[h] = s;
      this.used++;
    }
  }

  /** Drops spare capacity (see Growable.trim). */
  trim(): void {
    this.bytes.trim();
    this.start.trim();
    this.prev.trim();
  }

  /** Restores ids saved as `bytes` + `start` columns (a snapshot); the lookup is then empty. */
  static from(bytes: Uint8Array, start: Uint32Array): EntryIds {
    const ids = new EntryIds();
    ids.bytes = Growable.from(Uint8Array, bytes);
    ids.start = Growable.from(Uint32Array, start);
    ids.prev = Growable.from(Int32Array, new Int32Array(start.length).fill(-1));
    ids.clearLinks();
    return ids;
  }
}

function nextPow2(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}
