/**
 * Compact postings: per field, a sorted Int32Array of term keys, and for each term a run of
 * postings in one Uint8Array. A posting is varint(2·idDelta + (tf = 1 ? 1 : 0)), followed by
 * varint(tf) only when tf ≠ 1 (most postings of a few-hundred-character passage have tf 1).
 * No per-posting JS objects: about 1.5–2.5 bytes per posting.
 *
 * Building is columnar: FieldBuilder appends (term, id, tf) to typed arrays (terms found
 * through an open-addressing Int32 hash table) and packs them with two linear passes; merging
 * walks the segments' sorted keys side by side. Nothing allocates per posting.
 */
import fs from 'node:fs';
import { Growable } from './growable.js';

export interface FieldPostings {
  /** sorted term keys (signed 32-bit) */
  keys: Int32Array;
  /** byte offset of each term's run in `bytes`; length keys.length + 1 */
  offsets: Uint32Array;
  /** document frequency (postings count) per term */
  df: Uint32Array;
  bytes: Uint8Array;
  /**
   * When set, the runs are not in `bytes` (empty) but in a file at this byte position, read
   * with one positioned read per term: large finished segments live in the page cache, not
   * in the process heap (see docs/search.md, Memory).
   */
  file?: { fd: number; pos: number; length: number };
}

export const EMPTY_FIELD: FieldPostings = { keys: new Int32Array(0), offsets: new Uint32Array(1), df: new Uint32Array(0), bytes: new Uint8Array(0) };

function varintLen(v: number): number {
  return v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x20_0000 ? 3 : v < 0x1000_0000 ? 4 : 5;
}

/** Writes varint `v` (0 ≤ v < 2^35) at `p`; returns the next position. */
function writeVarint(bytes: Uint8Array, p: number, v: number): number {
  while (v >= 0x80) {
    bytes[p++] = (v % 0x80) | 0x80;
    v = Math.floor(v / 0x80);
  }
  bytes[p++] = v;
  return p;
}

/** Posting head: delta and the tf = 1 flag. */
function head(delta: number, tf: number): number {
  return delta * 2 + (tf === 1 ? 1 : 0);
}

/** Collects postings in increasing id order per term, then packs them into a FieldPostings. */
export class FieldBuilder {
  /** open addressing: slot → key, slot → term number + 1 (0 = empty) */
  private hKeys = new Int32Array(1 << 12);
  private hVals = new Int32Array(1 << 12);
  private hMask = (1 << 12) - 1;
  private termKey = new Growable(Int32Array);
  /** last id added per term, and the posting holding it (for addToken) */
  private termLast = new Growable(Int32Array);
  private termPosting = new Growable(Int32Array);
  private pTerm = new Growable(Int32Array);
  private pId = new Growable(Int32Array);
  private pTf = new Growable(Uint16Array);

  get postings(): number {
    return this.pTerm.length;
  }

  /** Term number of `key`, created on first sight. */
  private term(key: number): number {
    let h = Math.imul(key, 0x9e3779b1) >>> 0;
    const mask = this.hMask;
    const keys = this.hKeys;
    const vals = this.hVals;
    for (;;) {
      h &= mask;
      const v = vals[h]!;
      if (v === 0) break;
      if (keys[h] === key) return v - 1;
      h++;
    }
    const t = this.termKey.push(key);
    this.termLast.push(-1);
    this.termPosting.push(-1);
    keys[h] = key;
    vals[h] = t + 1;
    if ((t + 1) * 2 > mask) this.growTable();
    return t;
  }

  private growTable(): void {
    const size = (this.hMask + 1) * 2;
    const keys = new Int32Array(size);
    const vals = new Int32Array(size);
    const mask = size - 1;
    const tk = this.termKey.data;
    for (let t = 0; t < this.termKey.length; t++) {
      const key = tk[t]!;
      let h = Math.imul(key, 0x9e3779b1) >>> 0;
      for (;;) {
        h &= mask;
        if (vals[h] === 0) break;
        h++;
      }
      keys[h] = key;
      vals[h] = t + 1;
    }
    this.hKeys = keys;
    this.hVals = vals;
    this.hMask = mask;
  }

  /** One posting with its term frequency (ids must increase per term). */
  add(key: number, id: number, tf: number): void {
    const t = this.term(key);
    const last = this.termLast.data[t]!;
    if (id <= last) throw new Error(`postings must be added in increasing id order (${id} after ${last})`);
    this.termLast.data[t] = id;
    this.termPosting.data[t] = this.pTerm.push(t);
    this.pId.push(id);
    this.pTf.push(Math.min(tf, 0xffff));
  }

  /** One occurrence of `key` in document `id`: counts it into the document's posting. */
  addToken(key: number, id: number): void {
    const t = this.term(key);
    const last = this.termLast.data[t]!;
    if (last === id) {
      const p = this.termPosting.data[t]!;
      const tf = this.pTf.data;
      if (tf[p]! < 0xffff) tf[p]!++;
      return;
    }
    if (id < last) throw new Error(`postings must be added in increasing id order (${id} after ${last})`);
    this.termLast.data[t] = id;
    this.termPosting.data[t] = this.pTerm.push(t);
    this.pId.push(id);
    this.pTf.push(1);
  }

  build(): FieldPostings {
    const T = this.termKey.length;
    const P = this.pTerm.length;
    const keys = this.termKey.view().slice().sort();
    // rank[t]: position of term t in key order
    const rank = new Int32Array(T);
    for (let i = 0; i < T; i++) rank[this.term(keys[i]!)] = i;
    const size = new Float64Array(T);
    const last = new Int32Array(T).fill(-1);
    const df = new Uint32Array(T);
    const pTerm = this.pTerm.data;
    const pId = this.pId.data;
    const pTf = this.pTf.data;
    for (let p = 0; p < P; p++) {
      const r = rank[pTerm[p]!]!;
      const id = pId[p]!;
      const tf = pTf[p]!;
      size[r]! += varintLen(head(id - last[r]! - 1, tf)) + (tf === 1 ? 0 : varintLen(tf));
      last[r] = id;
      df[r]!++;
    }
    const offsets = new Uint32Array(T + 1);
    let total = 0;
    for (let i = 0; i < T; i++) {
      offsets[i] = total;
      total += size[i]!;
    }
    offsets[T] = total;
    const cursor = offsets.slice(0, T);
    last.fill(-1);
    const bytes = new Uint8Array(total);
    for (let p = 0; p < P; p++) {
      const r = rank[pTerm[p]!]!;
      const id = pId[p]!;
      const tf = pTf[p]!;
      let at = writeVarint(bytes, cursor[r]!, head(id - last[r]! - 1, tf));
      if (tf !== 1) at = writeVarint(bytes, at, tf);
      cursor[r] = at;
      last[r] = id;
    }
    return { keys, offsets, df, bytes };
  }

  /** Empties the builder, keeping its buffers for the next segment. */
  reset(): void {
    this.hVals.fill(0);
    this.termKey.length = 0;
    this.termLast.length = 0;
    this.termPosting.length = 0;
    this.pTerm.length = 0;
    this.pId.length = 0;
    this.pTf.length = 0;
  }
}

/** Reads `into.length` bytes at `pos` of `fd`. */
export function readFully(fd: number, into: Uint8Array, pos: number): void {
  let got = 0;
  while (got < into.length) {
    const n = fs.readSync(fd, into, got, Math.min(into.length - got, 1 << 30), pos + got);
    if (n === 0) throw new Error('search postings file is truncated');
    got += n;
  }
}

/** Writes the field's runs to `fd` at `pos` and makes the field read them from there. */
export function spillField(f: FieldPostings, fd: number, pos: number): number {
  const b = f.bytes;
  let done = 0;
  while (done < b.length) done += fs.writeSync(fd, b, done, Math.min(b.length - done, 1 << 30), pos + done);
  f.file = { fd, pos, length: b.length };
  f.bytes = new Uint8Array(0);
  return pos + b.length;
}

let scratch = new Uint8Array(1 << 16);

/** Index of `key` in the field, or -1. */
export function findTerm(f: FieldPostings, key: number): number {
  let lo = 0;
  let hi = f.keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const k = f.keys[mid]!;
    if (k === key) return mid;
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The posting readPosting decoded last: its id gap (id − previous id) and term frequency. */
let postingGap = 0;
let postingTf = 1;

/**
 * Decodes the posting at `p` of a run into `postingGap` and `postingTf`; returns the position
 * after it. Module variables rather than a returned object: nothing is allocated per posting,
 * and the function is small enough for V8 to inline into the loops that call it.
 */
function readPosting(bytes: Uint8Array, p: number): number {
  // integer operations only: a head (2·gap + flag) is below 2^32 as ids are below 2^31 (read
  // as uint32 by `>>>`), a tf below 2^16
  let v = bytes[p++]!;
  if (v >= 0x80) {
    let c = bytes[p++]!;
    v = (v & 0x7f) | ((c & 0x7f) << 7);
    if (c >= 0x80) {
      c = bytes[p++]!;
      v |= (c & 0x7f) << 14;
      if (c >= 0x80) {
        c = bytes[p++]!;
        v |= (c & 0x7f) << 21;
        if (c >= 0x80) v |= (bytes[p++]! & 0x7f) << 28;
      }
    }
  }
  postingGap = (v >>> 1) + 1;
  let tf = 1;
  if ((v & 1) === 0) {
    tf = bytes[p++]!;
    if (tf >= 0x80) {
      const c = bytes[p++]!;
      tf = (tf & 0x7f) | ((c & 0x7f) << 7);
      if (c >= 0x80) tf |= (bytes[p++]! & 0x7f) << 14;
    }
  }
  postingTf = tf;
  return p;
}

/**
 * Calls `fn(id, tf)` for every posting of term number `t` (whose id is in the bit set `mask`,
 * when one is given: decoding and testing a bit cost a fraction of scoring a posting).
 */
export function forEachPosting(f: FieldPostings, t: number, fn: (id: number, tf: number) => void, mask: Int32Array | null = null): void {
  const { bytes, p: start, end } = runOf(f, t);
  if (mask === null) {
    let p = start;
    let id = -1;
    while (p < end) {
      p = readPosting(bytes, p);
      id += postingGap;
      fn(id, postingTf);
    }
    return;
  }
  // the candidates' scan, where most postings fall outside the mask: the head decoded with
  // locals only (readPosting's module variables cost stores in this loop), and a posting's tf
  // read only when its id is in the mask. This repeats readPosting's head decode on purpose:
  // one shared decoder returning the head (its length derived from its value) measured
  // 1.7–1.8% slower per query at 2M (bench/search-ab.ts, two runs); this copy gains 2.3%.
  let p = start;
  let id = -1;
  while (p < end) {
    let v = bytes[p++]!;
    if (v >= 0x80) {
      let c = bytes[p++]!;
      v = (v & 0x7f) | ((c & 0x7f) << 7);
      if (c >= 0x80) {
        c = bytes[p++]!;
        v |= (c & 0x7f) << 14;
        if (c >= 0x80) {
          c = bytes[p++]!;
          v |= (c & 0x7f) << 21;
          if (c >= 0x80) v |= (bytes[p++]! & 0x7f) << 28;
        }
      }
    }
    id += (v >>> 1) + 1;
    if ((mask[id >>> 5]! & (1 << (id & 31))) !== 0) {
      let tf = 1;
      if ((v & 1) === 0) {
        tf = bytes[p]!;
        if (tf >= 0x80) {
          const c = bytes[p + 1]!;
          tf = (tf & 0x7f) | ((c & 0x7f) << 7);
          if (c >= 0x80) tf |= (bytes[p + 2]! & 0x7f) << 14;
        }
      }
      fn(id, tf);
    }
    if ((v & 1) === 0) while (bytes[p++]! >= 0x80);
  }
}

/**
 * The runs of one input field of a merge, in term order: in memory, or read from the field's
 * file through a window of consecutive runs (one read per window, not per term).
 */
class RunReader {
  private buf = new Uint8Array(0);
  private winStart = 0;
  private winEnd = 0;
  bytes: Uint8Array;
  p = 0;
  end = 0;
  constructor(
    readonly f: FieldPostings,
    private readonly window: number,
  ) {
    this.bytes = f.bytes;
  }
  /** Points bytes[p, end) at term number `t`'s run. */
  run(t: number): void {
    const a = this.f.offsets[t]!;
    const b = this.f.offsets[t + 1]!;
    const file = this.f.file;
    if (!file) {
      this.p = a;
      this.end = b;
      return;
    }
    if (a < this.winStart || b > this.winEnd) {
      const len = Math.max(b - a, Math.min(this.window, file.length - a));
      if (this.buf.length < len) this.buf = new Uint8Array(Math.max(len, this.window));
      readFully(file.fd, this.buf.subarray(0, len), file.pos + a);
      this.winStart = a;
      this.winEnd = a + len;
      this.bytes = this.buf;
    }
    this.p = a - this.winStart;
    this.end = b - this.winStart;
  }
}

/**
 * Where a merge writes: nowhere (measuring), into a field's bytes of the measured size, or to
 * a file through a buffer of `chunk` bytes. `base + at` is the output position.
 */
interface RunWriter {
  /** null while measuring */
  buf: Uint8Array | null;
  at: number;
  base: number;
  /** empties buf into the output (file writers; in memory, buf has the measured size) */
  flush(): void;
  /** the term tables, null while measuring */
  keys: Int32Array | null;
  offsets: Uint32Array | null;
  df: Uint32Array | null;
}

/**
 * One pass of a merge: walks the sorted keys of all inputs side by side and writes each
 * term's postings (rebased onto the previous input's last id), dropping postings of deleted
 * documents. Returns the number of terms and of bytes written.
 */
function mergePass(readers: RunReader[], deleted: Uint8Array | null, slotOf: Int32Array | null, w: RunWriter): { terms: number; bytes: number } {
  const n = readers.length;
  const cur = new Int32Array(n);
  let terms = 0;
  for (;;) {
    // smallest current key
    let key = 0;
    let have = false;
    for (let s = 0; s < n; s++) {
      const f = readers[s]!.f;
      if (cur[s]! < f.keys.length) {
        const k = f.keys[cur[s]!]!;
        if (!have || k < key) {
          key = k;
          have = true;
        }
      }
    }
    if (!have) break;
    const start = w.base + w.at;
    let last = -1;
    let df = 0;
    for (let s = 0; s < n; s++) {
      const r = readers[s]!;
      const t = cur[s]!;
      if (t >= r.f.keys.length || r.f.keys[t] !== key) continue;
      cur[s] = t + 1;
      r.run(t);
      const bytes = r.bytes;
      let p = r.p;
      const end = r.end;
      let id = -1;
      while (p < end) {
        let v = bytes[p++]!;
        if (v >= 0x80) {
          v &= 0x7f;
          let mul = 0x80;
          let b: number;
          do {
            b = bytes[p++]!;
            v += (b & 0x7f) * mul;
            mul *= 0x80;
          } while (b & 0x80);
        }
        const one = v % 2;
        id += (v - one) / 2 + 1;
        const tfAt = p;
        if (one === 0) while (bytes[p++]! & 0x80);
        if (deleted !== null && deleted[slotOf === null ? id : slotOf[id]!] !== 0) continue;
        const h = (id - last - 1) * 2 + one;
        const ob = w.buf;
        if (ob !== null) {
          // a posting is at most 8 bytes (a 5-byte head, a 3-byte tf)
          if (w.at + 8 > ob.length) w.flush();
          let at = writeVarint(ob, w.at, h);
          for (let q = tfAt; q < p; q++) ob[at++] = bytes[q]!;
          w.at = at;
        } else w.at += varintLen(h) + (p - tfAt);
        last = id;
        df++;
      }
    }
    if (df === 0) continue;
    if (w.keys !== null) {
      w.keys[terms] = key;
      w.df![terms] = df;
      w.offsets![terms] = start;
    }
    terms++;
  }
  const bytes = w.base + w.at;
  if (w.offsets !== null) w.offsets[terms] = bytes;
  return { terms, bytes };
}

/** Bytes read at once from a spilled input field while merging. */
const MERGE_READ_WINDOW = 1 << 20;

/**
 * Merges fields whose id ranges follow each other (segment order) into one, dropping
 * postings of deleted documents: `deleted[id]` (per-slot fields) or `deleted[slotOf[id]]`
 * (per-passage fields) ≠ 0. In memory: a first pass measures the output so every array is
 * allocated once at its exact size. Spilled inputs are read a window at a time.
 */
export function mergeFields(inputs: FieldPostings[], deleted: Uint8Array | null, slotOf: Int32Array | null): FieldPostings {
  const readers = () => inputs.map((f) => new RunReader(f, MERGE_READ_WINDOW));
  const measure: RunWriter = { buf: null, at: 0, base: 0, flush: () => {}, keys: null, offsets: null, df: null };
  const size = mergePass(readers(), deleted, slotOf, measure);
  const merged: FieldPostings = { keys: new Int32Array(size.terms), offsets: new Uint32Array(size.terms + 1), df: new Uint32Array(size.terms), bytes: new Uint8Array(size.bytes) };
  mergePass(readers(), deleted, slotOf, { buf: merged.bytes, at: 0, base: 0, flush: () => {}, keys: merged.keys, offsets: merged.offsets, df: merged.df });
  return merged;
}

/**
 * The same merge written straight to `fd` at `pos` (the result reads its runs from there):
 * neither the inputs' runs nor the output are ever held whole, so one large segment can be
 * made of the whole index (docs/search.md, Memory). Returns the merged field and the file
 * position after it.
 */
export function mergeFieldsToFile(inputs: FieldPostings[], deleted: Uint8Array | null, slotOf: Int32Array | null, fd: number, pos: number, chunk = 4 << 20, window = MERGE_READ_WINDOW): { field: FieldPostings; end: number } {
  // the merged terms are at most all the inputs' terms; the tables are cut to size at the end
  const most = inputs.reduce((n, f) => n + f.keys.length, 0);
  const keys = new Int32Array(most);
  const offsets = new Uint32Array(most + 1);
  const df = new Uint32Array(most);
  const w: RunWriter = {
    buf: new Uint8Array(chunk),
    at: 0,
    base: 0,
    flush(): void {
      // written out whole: `chunk` (at least 8 bytes) holds at least one posting
      let done = 0;
      while (done < w.at) done += fs.writeSync(fd, w.buf!, done, w.at - done, pos + w.base + done);
      w.base += w.at;
      w.at = 0;
    },
    keys,
    offsets,
    df,
  };
  const size = mergePass(
    inputs.map((f) => new RunReader(f, window)),
    deleted,
    slotOf,
    w,
  );
  w.flush();
  if (size.bytes >= 2 ** 32) throw new Error(`search postings field too large for one segment: ${size.bytes} bytes`);
  const field: FieldPostings = { keys: keys.slice(0, size.terms), offsets: offsets.slice(0, size.terms + 1), df: df.slice(0, size.terms), bytes: new Uint8Array(0), file: { fd, pos, length: size.bytes } };
  return { field, end: pos + size.bytes };
}

/** Bytes held in memory by the field. */
export function fieldBytes(f: FieldPostings): number {
  return f.keys.byteLength + f.offsets.byteLength + f.df.byteLength + f.bytes.byteLength;
}

/** Bytes of the field wherever its runs are. */
export function fieldSize(f: FieldPostings): number {
  return fieldBytes(f) + (f.file?.length ?? 0);
}

/**
 * Skip data of one term's run: the run cut into blocks of SKIP_BLOCK postings, with the id
 * before each block (`base`; `base[nb]` is the run's last id), each block's byte length
 * (`len`: at most 16 × 8 bytes) and the byte offset of every 16th block (`sup`). It lets a
 * scoring-only term be evaluated on a few thousand surviving candidates by decoding only the
 * blocks that can hold them (see docs/search.md, Query evaluation at scale). 5.25 bytes per
 * block of 16 postings.
 */
export interface SkipTable {
  /** the run's first id (base[0] is the id before it, −1) */
  first: number;
  base: Int32Array;
  len: Uint8Array;
  sup: Uint32Array;
}

/** Byte offset of block `b` in its run. */
function blockOffset(t: SkipTable, b: number): number {
  let off = t.sup[b >>> 4]!;
  for (let k = b & ~15; k < b; k++) off += t.len[k]!;
  return off;
}

export const SKIP_BLOCK = 16;

/**
 * Skip tables are derived data: built on a term's first skip access (one decode of its run)
 * and kept with its field, up to SKIP_CACHE_BYTES; past that the cache starts over (the terms
 * queried often are rebuilt first). The bound is part of a server process's memory at 2M
 * entries (docs/search.md, Memory): the benchmark's 698 distinct queries use 64 MB, and two
 * workers must stay within 1.5 GB whatever the queries.
 */
let skipCache = new WeakMap<FieldPostings, Map<number, SkipTable>>();
let skipBytes = 0;
/** Bytes held by the skip-table cache. */
export function skipCacheBytes(): number {
  return skipBytes;
}
const SKIP_CACHE_BYTES = 72 * 1024 * 1024;

/** The run of term number `t`, and where it starts in the returned bytes. */
function runOf(f: FieldPostings, t: number): { bytes: Uint8Array; p: number; end: number } {
  const p = f.offsets[t]!;
  const end = f.offsets[t + 1]!;
  if (!f.file) return { bytes: f.bytes, p, end };
  const len = end - p;
  if (scratch.length < len) scratch = new Uint8Array(Math.max(len, scratch.length * 2));
  readFully(f.file.fd, scratch.subarray(0, len), f.file.pos + p);
  return { bytes: scratch, p: 0, end: len };
}

function skipTable(f: FieldPostings, t: number): SkipTable {
  let perField = skipCache.get(f);
  if (!perField) skipCache.set(f, (perField = new Map()));
  const cached = perField.get(t);
  if (cached) return cached;
  const n = f.df[t]!;
  const nb = Math.ceil(n / SKIP_BLOCK);
  const base = new Int32Array(nb + 1);
  const len = new Uint8Array(nb);
  const sup = new Uint32Array((nb >>> 4) + 1);
  const { bytes, p: start } = runOf(f, t);
  let p = start;
  let id = -1;
  let first = -1;
  let blockStart = start;
  for (let i = 0; i < n; i++) {
    if (i % SKIP_BLOCK === 0) {
      const b = i / SKIP_BLOCK;
      if (b > 0) len[b - 1] = p - blockStart;
      if ((b & 15) === 0) sup[b >>> 4] = p - start;
      base[b] = id;
      blockStart = p;
    }
    p = readPosting(bytes, p);
    id += postingGap;
    if (i === 0) first = id;
  }
  if (nb > 0) len[nb - 1] = p - blockStart;
  base[nb] = id;
  const table = { first, base, len, sup };
  const size = base.byteLength + len.byteLength + sup.byteLength;
  skipBytes += size;
  if (skipBytes > SKIP_CACHE_BYTES) {
    skipCache = new WeakMap();
    skipBytes = size;
    skipCache.set(f, (perField = new Map()));
  }
  perField.set(t, table);
  return table;
}

/** The first index in `targets[from, to)` (sorted) whose value is at least `v`. */
function lowerBound(targets: Int32Array, from: number, to: number, v: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (targets[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The part `[from, to)` of `targets[0, n)` (sorted) that falls inside the id range of term
 * number `t`'s run (a segment's run covers only the segment's ids). Builds the term's skip table.
 */
export function targetRange(f: FieldPostings, t: number, targets: Int32Array, n: number): [number, number] {
  const table = skipTable(f, t);
  const from = lowerBound(targets, 0, n, table.first);
  return [from, lowerBound(targets, from, n, table.base[table.base.length - 1]! + 1)];
}

/**
 * Calls `fn(id, tf)` for the postings of term number `t` whose id is one of `targets[from, to)`
 * (sorted, increasing), decoding only the blocks that can hold a target.
 */
export function forEachPostingAt(f: FieldPostings, t: number, targets: Int32Array, from: number, to: number, fn: (id: number, tf: number) => void): void {
  const table = skipTable(f, t);
  const base = table.base;
  const nb = base.length - 1;
  const { bytes, p: start, end: runEnd } = runOf(f, t);
  const n = to;
  let b = 0;
  let i = from;
  while (i < n && b < nb) {
    const target = targets[i]!;
    // the first block whose last id (base[b + 1]) reaches the target: gallop, then bisect
    if (base[b + 1]! < target) {
      // the answer is at least lo; gallop until a block's last id reaches the target
      let lo = b + 1;
      let hi = lo;
      let step = 1;
      while (hi < nb && base[hi + 1]! < target) {
        lo = hi + 1;
        hi = lo + step;
        step *= 2;
      }
      if (hi >= nb) {
        if (lo >= nb || base[nb]! < target) break;
        hi = nb - 1;
      }
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (base[mid + 1]! < target) lo = mid + 1;
        else hi = mid;
      }
      b = lo;
    }
    let p = start + blockOffset(table, b);
    const end = b + 1 < nb ? p + table.len[b]! : runEnd;
    let id = base[b]!;
    while (p < end && i < n) {
      p = readPosting(bytes, p);
      id += postingGap;
      while (i < n && targets[i]! < id) i++;
      if (i < n && targets[i] === id) {
        fn(id, postingTf);
        i++;
      }
    }
    b++;
  }
}
