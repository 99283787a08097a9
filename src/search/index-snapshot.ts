/**
 * Saving and loading the index, so a restart does not re-segment the knowledge base.
 * One file: "XZSI", header length, a JSON header (string pools, column and
 * postings lengths, the change sequence it reflects), then the typed arrays, 8-byte aligned.
 * The texts live in the store file named in the header.
 */
import fs from 'node:fs';
import { Growable } from './growable.js';
import { readFully, type FieldPostings } from './postings.js';
import { FIELD_COUNT, SearchIndex, SPILL_MIN_BYTES } from './search-index.js';
import { TextStore } from './text-store.js';
import { EntryIds } from './entry-ids.js';

/** Bump when the layout or the analysis changes in a way old snapshots cannot follow. */
export const SNAPSHOT_FORMAT = 5;
const MAGIC = 0x4953_5a58; // "XZSI" little-endian

export interface SnapshotMeta {
  format: number;
  /** analysis signature (dictionary, tokenizer); a different one makes the snapshot stale */
  signature: string;
  /** kb_changes sequence the snapshot reflects */
  changeSeq: number;
  /** entry id and time of that change row, to notice a different database behind the same seq */
  fingerprint: string;
  storeFile: string;
  savedAt: string;
}

type Col = Int32Array | Uint8Array | Uint16Array | Float64Array | Uint32Array;

const INDEX_COLUMNS = ['version', 'kind', 'region', 'department', 'objects', 'from', 'to', 'firstPassage', 'passageCount', 'titleLen', 'deleted', 'pSlot', 'pStart', 'pEnd'] as const;
const STORE_COLUMNS = ['metaOff', 'metaLen', 'textOff', 'textLen'] as const;


export function saveSnapshot(file: string, index: SearchIndex, store: TextStore, meta: SnapshotMeta): void {
  const arrays: Col[] = [];
  const columns: { name: string; type: string; length: number }[] = [];
  for (const name of INDEX_COLUMNS) {
    const v = index[name].view();
    arrays.push(v);
    columns.push({ name, type: v.constructor.name, length: v.length });
  }
  // entry ids as their UTF-8 bytes and start offsets (a JSON array of 2M strings was ~150 MB of heap once loaded)
  for (const [name, g] of [['ids.bytes', index.ids.bytes], ['ids.start', index.ids.start]] as const) {
    const v = g.view();
    arrays.push(v);
    columns.push({ name, type: v.constructor.name, length: v.length });
  }
  for (const name of STORE_COLUMNS) {
    // the text offsets are derived (a text follows its meta); the column stays for the format
    const v = (name === 'textOff' ? store.textOffsets(index.slotCount) : store[name].data.subarray(0, index.slotCount)) as Col;
    arrays.push(v);
    columns.push({ name: `store.${name}`, type: v.constructor.name, length: v.length });
  }
  // spilled runs are copied from their file in chunks, never held whole
  const spilled = new Map<Col, FieldPostings>();
  const segments = index.segments.map((seg) =>
    seg.map((f) => {
      arrays.push(f.keys, f.offsets, f.df);
      if (f.file) {
        const stub = new Uint8Array(0);
        spilled.set(stub, f);
        arrays.push(stub);
      } else arrays.push(f.bytes);
      return [f.keys.length, f.offsets.length, f.df.length, f.file ? f.file.length : f.bytes.length];
    }),
  );
  const header = Buffer.from(
    JSON.stringify({
      meta,
      regions: index.regions.values,
      departments: index.departments.values,
      live: [index.livePassages, index.livePassageChars, index.liveSlots, index.liveTitleChars],
      columns,
      segments,
    }),
    'utf8',
  );
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  const pre = Buffer.alloc(8);
  pre.writeUInt32LE(MAGIC, 0);
  pre.writeUInt32LE(header.length, 4);
  let pos = 0;
  const write = (b: Uint8Array) => {
    let done = 0;
    while (done < b.length) done += fs.writeSync(fd, b, done, Math.min(b.length - done, 1 << 30), pos + done);
    pos += b.length;
  };
  write(pre);
  write(header);
  const chunk = new Uint8Array(16 * 2 ** 20);
  for (const a of arrays) {
    const pad = (8 - (pos % 8)) % 8;
    if (pad) write(new Uint8Array(pad));
    const f = spilled.get(a);
    if (f?.file) {
      for (let at = 0; at < f.file.length; at += chunk.length) {
        const part = chunk.subarray(0, Math.min(chunk.length, f.file.length - at));
        readFully(f.file.fd, part, f.file.pos + at);
        write(part);
      }
    } else write(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  }
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fs.renameSync(tmp, file);
}

export function readSnapshotMeta(file: string): SnapshotMeta | null {
  if (!fs.existsSync(file)) return null;
  const fd = fs.openSync(file, 'r');
  try {
    const pre = Buffer.alloc(8);
    if (fs.readSync(fd, pre, 0, 8, 0) < 8 || pre.readUInt32LE(0) !== MAGIC) return null;
    const header = Buffer.alloc(pre.readUInt32LE(4));
    fs.readSync(fd, header, 0, header.length, 8);
    // the meta object is first in the header: parse only as far as needed would be nicer; the header is small next to the arrays
    return (JSON.parse(header.toString('utf8')) as { meta: SnapshotMeta }).meta;
  } finally {
    fs.closeSync(fd);
  }
}

export function loadSnapshot(file: string, storeDir: string): { index: SearchIndex; store: TextStore; meta: SnapshotMeta } {
  // each array is read straight into its own buffer: no second copy of the whole file
  // large postings runs stay in the file (read per term, like spilled segments): the fd then
  // stays open for the index's lifetime (a later save renames a new file over this one; the
  // open file lives on until the process ends)
  const fd = fs.openSync(file, 'r');
  let keepOpen = false;
  try {
    const loaded = loadFrom(fd, storeDir);
    keepOpen = loaded.index.segments.some((seg) => seg.some((f) => f.file));
    return loaded;
  } finally {
    if (!keepOpen) fs.closeSync(fd);
  }
}

function loadFrom(fd: number, storeDir: string): { index: SearchIndex; store: TextStore; meta: SnapshotMeta } {
  const pre = Buffer.alloc(8);
  readFully(fd, pre, 0);
  if (pre.readUInt32LE(0) !== MAGIC) throw new Error('not a search index snapshot');
  const hlen = pre.readUInt32LE(4);
  const hbuf = Buffer.alloc(hlen);
  readFully(fd, hbuf, 8);
  const h = JSON.parse(hbuf.toString('utf8')) as {
    meta: SnapshotMeta;
    regions: string[];
    departments: string[];
    live: number[];
    columns: { name: string; type: string; length: number }[];
    segments: number[][][];
  };
  let pos = 8 + hlen;
  const take = <T extends Col>(ctor: new (n: number) => T, length: number, bytesPer: number): T => {
    pos += (8 - (pos % 8)) % 8;
    const a = new ctor(length);
    readFully(fd, new Uint8Array(a.buffer, a.byteOffset, a.byteLength), pos);
    pos += length * bytesPer;
    return a;
  };
  const CTORS: Record<string, [new (n: number) => Col, number]> = {
    Int32Array: [Int32Array, 4],
    Uint8Array: [Uint8Array, 1],
    Uint16Array: [Uint16Array, 2],
    Float64Array: [Float64Array, 8],
    Uint32Array: [Uint32Array, 4],
  };
  const index = new SearchIndex();
  const store = new TextStore(`${storeDir}/${h.meta.storeFile}`);
  let idBytes: Uint8Array | null = null;
  let idStart: Uint32Array | null = null;
  for (const c of h.columns) {
    const [ctor, size] = CTORS[c.type]!;
    if (c.name === 'store.textOff') {
      // derived from the meta offsets and lengths (TextStore): skipped, not held
      pos += (8 - (pos % 8)) % 8;
      pos += c.length * size;
      continue;
    }
    const arr = take(ctor, c.length, size);
    if (c.name === 'ids.bytes') idBytes = arr as Uint8Array;
    else if (c.name === 'ids.start') idStart = arr as Uint32Array;
    else {
      const g = Growable.from(ctor as never, arr as never) as Growable<Col>;
      if (c.name.startsWith('store.')) (store as unknown as Record<string, Growable<Col>>)[c.name.slice(6)] = g;
      else (index as unknown as Record<string, Growable<Col>>)[c.name] = g;
    }
  }
  if (!idBytes || !idStart) throw new Error('snapshot has no entry ids');
  index.ids = EntryIds.from(idBytes, idStart);
  index.segments = h.segments.map((seg) => {
    if (seg.length !== FIELD_COUNT) throw new Error('snapshot has a different field layout');
    return seg.map(([nk, no, nd, nb]): FieldPostings => {
      const keys = take(Int32Array, nk!, 4);
      const offsets = take(Uint32Array, no!, 4);
      const df = take(Uint32Array, nd!, 4);
      if (nb! < SPILL_MIN_BYTES) return { keys, offsets, df, bytes: take(Uint8Array, nb!, 1) };
      pos += (8 - (pos % 8)) % 8;
      const f: FieldPostings = { keys, offsets, df, bytes: new Uint8Array(0), file: { fd, pos, length: nb! } };
      pos += nb!;
      return f;
    });
  });
  for (const r of h.regions) index.regions.id(r);
  for (const d of h.departments) index.departments.id(d);
  [index.livePassages, index.livePassageChars, index.liveSlots, index.liveTitleChars] = h.live as [number, number, number, number];
  index.reindexEntries();
  return { index, store, meta: h.meta };
}

