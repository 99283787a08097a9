/**
 * Posting access for pruned query evaluation (see ranking.ts and docs/search.md, Query
 * evaluation): a term's postings restricted to sorted id ranges, jumping over the parts of a
 * long run that hold no wanted id with a skip table.
 *
 * Skip tables are not stored in the snapshot: the one of a long run (df ≥ SKIP_MIN_DF) is
 * built on its first restricted scan (one decode of the run) and cached per field object.
 * Fields are immutable once built (a merge makes new ones), so a WeakMap keyed by the field
 * drops the tables together with their segment. Entry i of a table: the id before posting
 * i·SKIP_EVERY (the decoder's running id) and that posting's byte offset in the run.
 */
import { readFully, type FieldPostings } from './postings.js';

export const SKIP_EVERY = 128;
/** runs shorter than this are walked posting by posting */
export const SKIP_MIN_DF = 2048;

interface SkipTable {
  ids: Int32Array;
  offs: Uint32Array;
}

const tables = new WeakMap<FieldPostings, Map<number, SkipTable>>();
let scratch = new Uint8Array(1 << 16);

/** The run of term `t`: its bytes and [start, end) in them (a spilled run is read into a scratch buffer). */
function runOf(f: FieldPostings, t: number): { bytes: Uint8Array; start: number; end: number } {
  const start = f.offsets[t]!;
  const end = f.offsets[t + 1]!;
  if (!f.file) return { bytes: f.bytes, start, end };
  const len = end - start;
  if (scratch.length < len) scratch = new Uint8Array(Math.max(len, scratch.length * 2));
  readFully(f.file.fd, scratch.subarray(0, len), f.file.pos + start);
  return { bytes: scratch, start: 0, end: len };
}

function buildSkips(bytes: Uint8Array, start: number, end: number, df: number): SkipTable {
  const n = Math.ceil(df / SKIP_EVERY);
  const ids = new Int32Array(n);
  const offs = new Uint32Array(n);
  let p = start;
  let id = -1;
  let i = 0;
  while (p < end) {
    if (i % SKIP_EVERY === 0) {
      ids[i / SKIP_EVERY] = id;
      offs[i / SKIP_EVERY] = p - start;
    }
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
    if (one === 0) while (bytes[p++]! & 0x80);
    i++;
  }
  return { ids, offs };
}

function skipsOf(f: FieldPostings, t: number, bytes: Uint8Array, start: number, end: number): SkipTable | null {
  const df = f.df[t]!;
  if (df < SKIP_MIN_DF) return null;
  let m = tables.get(f);
  if (!m) {
    m = new Map();
    tables.set(f, m);
  }
  let s = m.get(t);
  if (!s) {
    s = buildSkips(bytes, start, end, df);
    m.set(t, s);
  }
  return s;
}

/**
 * Calls `fn(id, tf)` for the postings of term `t` whose id lies in one of the ranges
 * [lo[i], hi[i]) (i < n, sorted, not overlapping). Skips whole blocks of the run when the
 * next wanted id lies beyond them.
 */
export function forEachPostingIn(f: FieldPostings, t: number, lo: Int32Array, hi: Int32Array, n: number, fn: (id: number, tf: number) => void): void {
  if (n === 0) return;
  const run = runOf(f, t);
  const bytes = run.bytes;
  const base = run.start;
  const end = run.end;
  const sk = skipsOf(f, t, bytes, base, end);
  let p = base;
  let id = -1;
  const nBlocks = sk === null ? 0 : sk.ids.length;
  // the first block whose start has not been passed
  let next = 1;
  let r = 0;
  let want = lo[0]!;
  while (p < end) {
    if (next < nBlocks && sk!.ids[next]! < want) {
      // every posting before block b has an id ≤ ids[b] < want: jump to the last such block
      let b = next;
      while (b + 1 < nBlocks && sk!.ids[b + 1]! < want) b++;
      id = sk!.ids[b]!;
      p = base + sk!.offs[b]!;
      next = b + 1;
    }
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
    let tf = 1;
    if (one === 0) {
      tf = bytes[p++]!;
      if (tf >= 0x80) {
        tf &= 0x7f;
        let shift = 7;
        let b: number;
        do {
          b = bytes[p++]!;
          tf |= (b & 0x7f) << shift;
          shift += 7;
        } while (b & 0x80);
      }
    }
    if (next < nBlocks && p - base >= sk!.offs[next]!) next++;
    if (id < want) continue;
    while (id >= hi[r]!) {
      if (++r >= n) return;
      want = lo[r]!;
    }
    if (id >= want) fn(id, tf);
  }
}
