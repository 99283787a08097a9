/**
 * The in-memory index: column arrays per indexed version ("slot") and per passage, and
 * compact postings in segments. Slots are appended and never reused; an updated entry's old
 * slots are marked deleted and their postings dropped at the next compaction.
 * Passage texts are not kept here (see text-store.ts).
 */
import type { EntryKind, Passage } from '../knowledge/knowledge.schema.js';
import { normalizeText } from '../text/normalize.js';
import { Growable } from './growable.js';
import fs from 'node:fs';
import path from 'node:path';
import { EMPTY_FIELD, FieldBuilder, fieldBytes, fieldSize, mergeFields, mergeFieldsToFile, spillField, type FieldPostings } from './postings.js';
import { collectTerms } from './index-terms.js';
import { EntryIds } from './entry-ids.js';

export const KIND_CODES: readonly EntryKind[] = ['item', 'policy', 'law', 'faq'];
export const OBJECT_BITS: Record<string, number> = { 自然人: 1, 法人: 2 };

/** Field numbers: body words/bigrams are per passage, title words/bigrams per slot. */
export const F_WORD = 0;
export const F_BIGRAM = 1;
export const F_TITLE_WORD = 2;
export const F_TITLE_BIGRAM = 3;
export const FIELD_COUNT = 4;

export type Segment = FieldPostings[];

export interface IndexDoc {
  entryId: string;
  version: number;
  kind: EntryKind;
  title: string;
  /** extra names searched like the title (FAQ alternatives, aliases) */
  titleExtra?: string;
  text: string;
  passages: Passage[];
  region: string | null;
  department: string | null;
  serviceObjects: string[];
  /** the dates on which this version is the one in force (effectiveIntervals) */
  from: string | null;
  to: string | null;
}

/** segments merged at once during a build, and the size above which a segment is final */
const MERGE_FAN_IN = 8;
const MAX_MERGED_BYTES = 192 * 2 ** 20;
/** compaction's group size when the large fields are merged into the spill file */
const MAX_STREAMED_BYTES = 3 * 2 ** 30;
const FINAL_LEVEL = 1000;

/**
 * A finished segment's fields at least this large are moved to the spill file (and left in
 * index.bin when a snapshot is loaded). 6 MB: at 2M entries the title-bigram fields (6–12 MB
 * per segment, 45 MB in all) go too, with no measurable change in query time (their lists
 * are short); 16 MB kept them in every worker's memory.
 */
export const SPILL_MIN_BYTES = 6 * 2 ** 20;

/** Size of a segment's postings, in memory or spilled. */
function segmentBytes(seg: Segment): number {
  return seg.reduce((n, f) => n + fieldSize(f), 0);
}

/** Precomputed terms of a batch (term-pool.ts) with a read position: consumed in add() order. */
export interface TermCursor {
  keys: Int32Array;
  counts: Int32Array;
  k: number;
  c: number;
}

const scratch = new Growable(Int32Array, 1 << 14);

function addKeys(keys: Int32Array, from: number, to: number, id: number, b: FieldBuilder): void {
  for (let i = from; i < to; i++) b.addToken(keys[i]!, id);
}

/** Adds the next unit's terms as tokens of document `id`: from `terms`, or segmented here. */
function addUnit(terms: TermCursor | undefined, norm: string, start: number, end: number, id: number, words: FieldBuilder, bigrams: FieldBuilder): void {
  if (terms) {
    const w = terms.counts[terms.c++]!;
    const g = terms.counts[terms.c++]!;
    addKeys(terms.keys, terms.k, terms.k + w, id, words);
    addKeys(terms.keys, terms.k + w, terms.k + w + g, id, bigrams);
    terms.k += w + g;
    return;
  }
  scratch.length = 0;
  const w = collectTerms(norm, start, end, scratch);
  addKeys(scratch.data, 0, w, id, words);
  addKeys(scratch.data, w, scratch.length, id, bigrams);
}

const NO_FROM = -2147483648;
const NO_TO = 2147483647;

export function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
}

class Interner {
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();

  constructor(values: string[] = []) {
    for (const v of values) this.id(v);
  }

  id(v: string | null): number {
    if (v === null || v === '') return -1;
    let id = this.ids.get(v);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(v);
      this.ids.set(v, id);
    }
    return id;
  }
}

export class SearchIndex {
  /** entry id per slot, and the entry → slots lookup */
  ids = new EntryIds();
  version = new Growable(Int32Array);
  kind = new Growable(Uint8Array);
  region = new Growable(Int32Array);
  department = new Growable(Int32Array);
  objects = new Growable(Uint8Array);
  from = new Growable(Int32Array);
  to = new Growable(Int32Array);
  firstPassage = new Growable(Int32Array);
  passageCount = new Growable(Int32Array);
  titleLen = new Growable(Uint16Array);
  deleted = new Growable(Uint8Array);

  pSlot = new Growable(Int32Array);
  pStart = new Growable(Int32Array);
  pEnd = new Growable(Int32Array);

  regions = new Interner();
  departments = new Interner();
  /** counts changes to the versions (added, deleted): derived per-version data is rebuilt when it moves */
  changes = 0;
  segments: Segment[] = [];
  /** merge level of each segment (see flush); segments loaded from a snapshot count as final */
  private levels: number[] = [];
  private readonly builders: FieldBuilder[] = Array.from({ length: FIELD_COUNT }, () => new FieldBuilder());
  private pending = false;
  /** where finished segments' large fields go (see spillTo) */
  private spill: { fd: number; pos: number; minBytes: number } | null = null;

  /** live (not deleted) totals, for BM25 length normalisation and IDF */
  livePassages = 0;
  livePassageChars = 0;
  liveSlots = 0;
  liveTitleChars = 0;

  get slotCount(): number {
    return this.ids.length;
  }

  /** The entry id of a slot. */
  entryId(slot: number): string {
    return this.ids.get(slot);
  }

  get passageTotal(): number {
    return this.pSlot.length;
  }

  /** Title and aliases as indexed (one text). */
  static titleText(doc: IndexDoc): string {
    return doc.titleExtra ? `${doc.title}\n${doc.titleExtra}` : doc.title;
  }

  /**
   * Adds one version; returns its slot. Call flush() after a batch. `terms`: the version's
   * terms from a segmentation worker (passages, then title), else it is segmented here.
   */
  add(doc: IndexDoc, terms?: TermCursor): number {
    const slot = this.ids.push(doc.entryId);
    this.changes++;
    this.version.push(doc.version);
    this.kind.push(KIND_CODES.indexOf(doc.kind));
    this.region.push(this.regions.id(doc.region));
    this.department.push(this.departments.id(doc.department));
    this.objects.push(doc.serviceObjects.reduce((m, o) => m | (OBJECT_BITS[o] ?? 0), 0));
    this.from.push(doc.from ? dayNumber(doc.from) : NO_FROM);
    this.to.push(doc.to ? dayNumber(doc.to) : NO_TO);
    this.firstPassage.push(this.pSlot.length);
    this.passageCount.push(doc.passages.length);
    const titleText = SearchIndex.titleText(doc);
    this.titleLen.push(Math.min(titleText.length, 0xffff));
    this.deleted.push(0);
    this.ids.link(slot);

    const b = this.builders;
    this.pending = true;
    const norm = terms ? '' : normalizeText(doc.text);
    for (const p of doc.passages) {
      const pid = this.pSlot.push(slot);
      this.pStart.push(p.start);
      this.pEnd.push(p.end);
      addUnit(terms, norm, p.start, p.end, pid, b[F_WORD]!, b[F_BIGRAM]!);
      this.livePassageChars += p.end - p.start;
    }
    const tnorm = terms ? '' : normalizeText(titleText);
    addUnit(terms, tnorm, 0, tnorm.length, slot, b[F_TITLE_WORD]!, b[F_TITLE_BIGRAM]!);
    this.livePassages += doc.passages.length;
    this.liveSlots++;
    this.liveTitleChars += titleText.length;
    return slot;
  }

  pendingPostings(): number {
    return this.pending ? this.builders.reduce((n, b) => n + b.postings, 0) : 0;
  }

  /**
   * Packs what add() collected into a segment. Every MERGE_FAN_IN trailing segments of the
   * same level (each a similar size) are merged into one of the next level while that stays
   * below MAX_MERGED_BYTES, so a long build ends with few segments without ever merging
   * everything at once; then, while there are more than `maxSegments`, the smallest
   * neighbouring pair is merged.
   */
  flush(maxSegments = 8): void {
    if (this.segments.length !== this.levels.length) this.levels = this.segments.map(() => FINAL_LEVEL);
    if (this.pending) {
      this.segments.push(this.builders.map((b) => b.build()));
      this.levels.push(0);
      for (const b of this.builders) b.reset();
      this.pending = false;
    }
    for (;;) {
      const n = this.segments.length;
      if (n < MERGE_FAN_IN) break;
      const level = this.levels[n - 1]!;
      if (level === FINAL_LEVEL || !this.levels.slice(n - MERGE_FAN_IN).every((l) => l === level)) break;
      const bytes = this.segments.slice(n - MERGE_FAN_IN).reduce((t, seg) => t + segmentBytes(seg), 0);
      this.mergeRange(n - MERGE_FAN_IN, n, bytes * MERGE_FAN_IN > MAX_MERGED_BYTES ? FINAL_LEVEL : level + 1);
    }
    while (this.segments.length > maxSegments) {
      let best = 0;
      for (let i = 1; i + 1 < this.segments.length; i++) {
        if (segmentBytes(this.segments[i]!) + segmentBytes(this.segments[i + 1]!) < segmentBytes(this.segments[best]!) + segmentBytes(this.segments[best + 1]!)) best = i;
      }
      this.mergeRange(best, best + 2, FINAL_LEVEL);
    }
  }

  /**
   * Merges neighbouring segments, dropping postings of deleted slots: into one segment when
   * the index is small, else into groups of about MAX_MERGED_BYTES (so compaction never
   * holds a second copy of the whole index).
   */
  compact(): void {
    if (this.pending) this.flush(Infinity);
    if (this.segments.length === 0) return;
    const sizes = this.segments.map(segmentBytes);
    const total = sizes.reduce((a, b) => a + b, 0);
    // with a spill file the large fields are merged straight into it (mergeFieldsToFile), so
    // the whole index can become one segment: a query then looks each term up, reads and
    // walks its skip data once instead of once per segment (0.91 of the CPU per query at 2M
    // entries, five segments before); a field's runs must stay below 4 GB (32-bit offsets)
    const groups = Math.max(1, Math.ceil(total / (this.spill ? MAX_STREAMED_BYTES : MAX_MERGED_BYTES)));
    const target = total / groups;
    // group boundaries, from the end so indices stay valid while merging
    const bounds: [number, number][] = [];
    let start = 0;
    let acc = 0;
    for (let i = 0; i < sizes.length; i++) {
      acc += sizes[i]!;
      if (acc >= target * (bounds.length + 1) || i === sizes.length - 1) {
        bounds.push([start, i + 1]);
        start = i + 1;
      }
    }
    if (this.segments.length !== this.levels.length) this.levels = this.segments.map(() => FINAL_LEVEL);
    const anyDeleted = this.liveSlots < this.slotCount;
    for (let g = bounds.length - 1; g >= 0; g--) {
      const [a, b] = bounds[g]!;
      // a finished segment on its own has nothing to merge with
      if (b - a === 1 && !anyDeleted && this.levels[a] === FINAL_LEVEL) continue;
      this.mergeRange(a, b, FINAL_LEVEL);
    }
    for (const c of [this.version, this.kind, this.region, this.department, this.objects, this.from, this.to, this.firstPassage, this.passageCount, this.titleLen, this.deleted, this.pSlot, this.pStart, this.pEnd]) c.trim();
    this.ids.trim();
  }

  /** Replaces segments [from, to) by their merge; inputs are released field by field. */
  private mergeRange(from: number, to: number, level: number): void {
    const inputs = this.segments.slice(from, to);
    const del = this.deleted.data;
    const pSlot = this.pSlot.data;
    const anyDeleted = this.liveSlots < this.slotCount;
    const merged: Segment = [];
    for (let f = 0; f < FIELD_COUNT; f++) {
      const perSlot = f === F_TITLE_WORD || f === F_TITLE_BIGRAM;
      const fields = inputs.map((s) => s[f] ?? EMPTY_FIELD);
      const gone = anyDeleted ? del : null;
      const slotOf = perSlot ? null : pSlot;
      // a large final field goes to the spill file as it is merged, never whole in memory
      if (level === FINAL_LEVEL && this.spill && fields.reduce((n, x) => n + fieldSize(x), 0) >= this.spill.minBytes) {
        const out = mergeFieldsToFile(fields, gone, slotOf, this.spill.fd, this.spill.pos);
        this.spill.pos = out.end;
        merged.push(out.field);
      } else merged.push(mergeFields(fields, gone, slotOf));
      for (const s of inputs) s[f] = EMPTY_FIELD;
    }
    this.segments.splice(from, to - from, merged);
    this.levels.splice(from, to - from, level);
    if (level === FINAL_LEVEL && this.spill) for (const f of merged) if (!f.file && f.bytes.length >= this.spill.minBytes) this.spill.pos = spillField(f, this.spill.fd, this.spill.pos);
  }

  /**
   * From now on, the runs of large finished segments are written to `file` (unlinked at
   * once: it disappears with the process) and read from there by queries, so the postings
   * of a big index stay in the page cache instead of the heap. `minBytes`: the size from
   * which a field goes there.
   */
  spillTo(file: string, minBytes = SPILL_MIN_BYTES): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const fd = fs.openSync(file, 'w+');
    fs.rmSync(file, { force: true });
    this.spill = { fd, pos: 0, minBytes };
  }

  slotsOfEntry(entryId: string): number[] {
    return this.ids.slotsOf(entryId);
  }

  /** Marks every indexed version of the entry deleted; returns the slots. */
  removeEntry(entryId: string): number[] {
    const slots = this.slotsOfEntry(entryId);
    for (const s of slots) {
      if (this.deleted.data[s]) continue;
      this.deleted.data[s] = 1;
      this.changes++;
      const first = this.firstPassage.data[s]!;
      const n = this.passageCount.data[s]!;
      for (let p = first; p < first + n; p++) this.livePassageChars -= this.pEnd.data[p]! - this.pStart.data[p]!;
      this.livePassages -= n;
      this.liveSlots--;
      this.liveTitleChars -= this.titleLen.data[s]!;
    }
    this.ids.unlink(entryId);
    return slots;
  }

  /** Rebuilds the entry → slots map (after loading a snapshot). */
  reindexEntries(): void {
    this.ids.clearLinks();
    for (let s = 0; s < this.ids.length; s++) if (!this.deleted.data[s]) this.ids.link(s);
  }

  /** Entries currently indexed (with at least one live version). */
  get entryCount(): number {
    return this.ids.entryCount;
  }

  /** Approximate bytes of the postings (in memory or spilled) and the columns. */
  memoryBytes(): number {
    let n = 0;
    for (const seg of this.segments) n += segmentBytes(seg);
    const cols = [this.version, this.kind, this.region, this.department, this.objects, this.from, this.to, this.firstPassage, this.passageCount, this.titleLen, this.deleted, this.pSlot, this.pStart, this.pEnd, this.ids.bytes, this.ids.start];
    for (const c of cols) n += c.data.byteLength;
    return n;
  }
}
