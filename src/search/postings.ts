/**
 * Compact postings: per field, a sorted Uint32Array of term keys, and for each term a run of
 * varint pairs (id delta, term frequency) in one Uint8Array. No per-posting JS objects:
 * about 2–3 bytes per posting.
 */

export interface FieldPostings {
  /** sorted term keys (signed 32-bit: small integers keep Map lookups fast while building) */
  keys: Int32Array;
  /** byte offset of each term's run in `bytes`; length keys.length + 1 */
  offsets: Uint32Array;
  /** document frequency (postings count) per term */
  df: Uint32Array;
  bytes: Uint8Array;
}

export const EMPTY_FIELD: FieldPostings = { keys: new Int32Array(0), offsets: new Uint32Array(1), df: new Uint32Array(0), bytes: new Uint8Array(0) };

/** One term's varint bytes while building (a plain array: cheap to create by the million). */
class TermRun {
  bytes: number[] = [];
  last = -1;
  df = 0;

  push(v: number): void {
    while (v >= 0x80) {
      this.bytes.push((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    this.bytes.push(v);
  }
}

/** Collects postings in increasing id order, then packs them. */
export class FieldBuilder {
  private readonly runs = new Map<number, TermRun>();
  postings = 0;

  add(key: number, id: number, tf: number): void {
    let run = this.runs.get(key);
    if (!run) {
      run = new TermRun();
      this.runs.set(key, run);
    }
    if (id <= run.last) throw new Error(`postings must be added in increasing id order (${id} after ${run.last})`);
    run.push(id - run.last - 1);
    run.push(Math.min(tf, 0xffff));
    run.last = id;
    run.df++;
    this.postings++;
  }

  build(): FieldPostings {
    const keys = Int32Array.from(this.runs.keys()).sort();
    const offsets = new Uint32Array(keys.length + 1);
    const df = new Uint32Array(keys.length);
    let total = 0;
    keys.forEach((k, i) => {
      offsets[i] = total;
      total += this.runs.get(k)!.bytes.length;
    });
    offsets[keys.length] = total;
    const bytes = new Uint8Array(total);
    keys.forEach((k, i) => {
      const run = this.runs.get(k)!;
      bytes.set(run.bytes, offsets[i]);
      df[i] = run.df;
    });
    return { keys, offsets, df, bytes };
  }
}

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

/**
 * Calls `fn(id, tf)` for every posting of term number `t`. The decoder is inlined here so
 * the hot loop of ranking stays allocation-free.
 */
export function forEachPosting(f: FieldPostings, t: number, fn: (id: number, tf: number) => void): void {
  const bytes = f.bytes;
  let p = f.offsets[t]!;
  const end = f.offsets[t + 1]!;
  let id = -1;
  while (p < end) {
    let v = 0;
    let shift = 0;
    let b: number;
    do {
      b = bytes[p++]!;
      v += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    id += v + 1;
    let tf = 0;
    shift = 0;
    do {
      b = bytes[p++]!;
      tf |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    fn(id, tf);
  }
}

/**
 * Merges fields whose id ranges follow each other (segment order), dropping postings whose
 * id `keep` rejects (deleted documents).
 */
export function mergeFields(fields: FieldPostings[], keep: (id: number) => boolean): FieldPostings {
  const b = new FieldBuilder();
  const allKeys = new Set<number>();
  for (const f of fields) for (const k of f.keys) allKeys.add(k);
  const sorted = Int32Array.from(allKeys).sort();
  for (const key of sorted) {
    for (const f of fields) {
      const t = findTerm(f, key);
      if (t >= 0) forEachPosting(f, t, (id, tf) => keep(id) && b.add(key, id, tf));
    }
  }
  return b.build();
}

export function fieldBytes(f: FieldPostings): number {
  return f.keys.byteLength + f.offsets.byteLength + f.df.byteLength + f.bytes.byteLength;
}
