/**
 * Titles, passage labels and texts of indexed versions, kept out of the JS heap: a file of
 * records (meta as UTF-8 JSON, text as UTF-16LE so a passage [start, end) is read with one
 * positioned read). Versions added since the last save are held in memory until save().
 */
import fs from 'node:fs';
import { Growable } from './growable.js';

export interface StoredDoc {
  title: string;
  labels: string[];
  text: string;
}

/**
 * Versions whose text is at most this many characters are read whole (one positioned read)
 * and kept in a small cache: a query reads several passages, the title and the opening of
 * each of its ~40 best documents, and a read each was ~7% of a search's CPU at 2M entries.
 *
 * The cache keeps the texts' bytes, not strings: in a ring of CACHE_BYTES written in turn, the
 * oldest text making room for the next (first in, first out). Kept as strings (a 1M-character
 * LRU), ~25 KB of them a query reached V8's old generation and waited there for a full
 * collection (docs/search.md, Memory); a slice is now decoded from the ring when asked for.
 */
const WHOLE_TEXT_CHARS = 4096;
/** the cache's bound in bytes (UTF-16: 2 bytes a character) */
const CACHE_BYTES = 2 << 20;
const META_CACHE_SIZE = 4096;

export class TextStore {
  private readonly mem = new Map<number, StoredDoc>();
  /** recently read short texts of file records, as bytes (see WHOLE_TEXT_CHARS) */
  private readonly ring: Buffer;
  /** where the next text is written in the ring */
  private ringPos = 0;
  /** slot → byte offset of its text in the ring, oldest first (Map order is insertion order) */
  private readonly ringAt = new Map<number, number>();
  /** recently read metas of file records, least recently used first (Map order) */
  private readonly metaCache = new Map<number, { title: string; labels: string[] }>();
  private memChars = 0;
  private fd: number | null = null;
  /**
   * per slot: byte offset of the meta JSON (-1 when in memory), its length in bytes, and the
   * text's length in chars; the text follows its meta in the file (at metaOff + metaLen)
   */
  metaOff = new Growable(Float64Array);
  metaLen = new Growable(Int32Array);
  textLen = new Growable(Int32Array);

  /** `cacheBytes`: the bound of the cache of short texts (tests use a small one) */
  constructor(
    private file: string | null,
    cacheBytes = CACHE_BYTES,
  ) {
    this.ring = Buffer.allocUnsafe(cacheBytes);
    if (file && fs.existsSync(file)) this.fd = fs.openSync(file, 'r');
  }

  put(slot: number, doc: StoredDoc): void {
    this.memChars += doc.text.length - (this.mem.get(slot)?.text.length ?? 0);
    this.mem.set(slot, doc);
    this.forget(slot);
    for (const g of [this.metaOff, this.metaLen, this.textLen]) if (g.length <= slot) g.fill(-1, slot + 1 - g.length);
    this.metaOff.data[slot] = -1;
  }

  /** Drops an in-memory record (deleted slot). File records stay until the next rebuild. */
  drop(slot: number): void {
    this.memChars -= this.mem.get(slot)?.text.length ?? 0;
    this.mem.delete(slot);
    this.forget(slot);
  }

  private forget(slot: number): void {
    this.ringAt.delete(slot);
    this.metaCache.delete(slot);
  }

  private clearCaches(): void {
    this.ringAt.clear();
    this.ringPos = 0;
    this.metaCache.clear();
  }

  /** reused for every read (a Buffer per read churned malloc: one per passage, title and text) */
  private buf = Buffer.allocUnsafe(1 << 16);

  /** `len` bytes at `pos`, in a buffer valid until the next read. */
  private read(pos: number, len: number): Buffer {
    if (this.buf.length < len) this.buf = Buffer.allocUnsafe(Math.max(len, 2 * this.buf.length));
    const buf = this.buf.subarray(0, len);
    let got = 0;
    while (got < len) {
      const n = fs.readSync(this.fd!, buf, got, len - got, pos + got);
      if (n === 0) throw new Error('search text store is truncated');
      got += n;
    }
    return buf;
  }

  meta(slot: number): { title: string; labels: string[] } {
    const m = this.mem.get(slot);
    if (m) return m;
    let meta = this.metaCache.get(slot);
    if (meta) {
      this.metaCache.delete(slot);
    } else {
      meta = JSON.parse(this.read(this.metaOff.data[slot]!, this.metaLen.data[slot]!).toString('utf8')) as { title: string; labels: string[] };
      if (this.metaCache.size >= META_CACHE_SIZE) this.metaCache.delete(this.metaCache.keys().next().value!);
    }
    this.metaCache.set(slot, meta);
    return meta;
  }

  /** text.slice(start, end) of the slot's version. */
  slice(slot: number, start: number, end: number): string {
    const m = this.mem.get(slot);
    if (m) return m.text.slice(start, end);
    const total = this.textLen.data[slot]!;
    const len = Math.max(0, Math.min(end, total) - start);
    if (len === 0) return '';
    const textOff = this.metaOff.data[slot]! + this.metaLen.data[slot]!;
    if (total > WHOLE_TEXT_CHARS || total * 2 > this.ring.length) return this.read(textOff + start * 2, len * 2).toString('utf16le');
    let at = this.ringAt.get(slot);
    if (at === undefined) {
      at = this.makeRoom(total * 2);
      const bytes = this.read(textOff, total * 2);
      bytes.copy(this.ring, at);
      this.ringAt.set(slot, at);
    }
    return this.ring.toString('utf16le', at + start * 2, at + (start + len) * 2);
  }

  /**
   * Where `bytes` go in the ring: at the write position, or at its start when they do not fit
   * before its end. The texts written there before are dropped — the oldest ones: the ring is
   * written in turn, so the texts ahead of the write position are the oldest, in Map order.
   */
  private makeRoom(bytes: number): number {
    if (this.ringPos + bytes > this.ring.length) {
      // the texts between the write position and the end are the oldest of all
      for (const [s, o] of this.ringAt) {
        if (o < this.ringPos) break;
        this.ringAt.delete(s);
      }
      this.ringPos = 0;
    }
    const from = this.ringPos;
    const to = from + bytes;
    for (const [s, o] of this.ringAt) {
      // the oldest text left starts behind the write position: none is ahead of it any more
      if (o < from || o >= to) break;
      this.ringAt.delete(s);
    }
    this.ringPos = to;
    return from;
  }

  /** Byte offsets of the slots' texts in the file (for the snapshot's column): after their metas. */
  textOffsets(n: number): Float64Array {
    const out = new Float64Array(n);
    const off = this.metaOff.data;
    const len = this.metaLen.data;
    for (let s = 0; s < n; s++) out[s] = off[s]! < 0 ? -1 : off[s]! + len[s]!;
    return out;
  }

  pendingChars(): number {
    return this.memChars;
  }

  get path(): string | null {
    return this.file;
  }

  /**
   * Writes the in-memory records to `target`: appended in place when it is this store's
   * own file, else after a copy of the current file (a file loaded from a snapshot may be
   * shared with other processes, which keep reading their copy).
   */
  save(target: string): void {
    if (target !== this.file) {
      if (this.file && fs.existsSync(this.file)) fs.copyFileSync(this.file, target);
      else fs.writeFileSync(target, '');
    }
    if (this.mem.size === 0 && target === this.file) return;
    const fd = fs.openSync(target, 'r+');
    let pos = fs.fstatSync(fd).size;
    for (const [slot, d] of [...this.mem].sort((a, b) => a[0] - b[0])) {
      const meta = Buffer.from(JSON.stringify({ title: d.title, labels: d.labels }), 'utf8');
      const text = Buffer.from(d.text, 'utf16le');
      fs.writeSync(fd, meta, 0, meta.length, pos);
      fs.writeSync(fd, text, 0, text.length, pos + meta.length);
      this.metaOff.data[slot] = pos;
      this.metaLen.data[slot] = meta.length;
      this.textLen.data[slot] = d.text.length;
      pos += meta.length + text.length;
    }
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = fs.openSync(target, 'r');
    this.file = target;
    this.clearCaches();
    this.mem.clear();
    this.memChars = 0;
  }

  fileSize(): number {
    return this.fd === null ? 0 : fs.fstatSync(this.fd).size;
  }

  close(): void {
    this.clearCaches();
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }
}
