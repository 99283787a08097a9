/**
 * The in-memory index: column arrays per indexed version ("slot") and per passage, and
 * compact postings in segments. Slots are appended and never reused; an updated entry's old
 * slots are marked deleted and their postings dropped at the next compaction.
 * Passage texts are not kept here (see text-store.ts).
 */
import type { EntryKind, Passage } from '../knowledge/knowledge.schema.js';
import { normalizeText } from '../text/normalize.js';
import { Growable } from './growable.js';
import { EMPTY_FIELD, FieldBuilder, fieldBytes, mergeFields, type FieldPostings } from './postings.js';
import { countTerms, type TermCounts } from './text-analysis.js';

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
  entryIds: string[] = [];
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
  segments: Segment[] = [];
  private builder: FieldBuilder[] | null = null;
  private readonly slotsOf = new Map<string, number[]>();

  /** live (not deleted) totals, for BM25 length normalisation and IDF */
  livePassages = 0;
  livePassageChars = 0;
  liveSlots = 0;
  liveTitleChars = 0;

  get slotCount(): number {
    return this.entryIds.length;
  }

  get passageTotal(): number {
    return this.pSlot.length;
  }

  /** Adds one version; returns its slot. Call flush() after a batch. */
  add(doc: IndexDoc): number {
    const slot = this.entryIds.length;
    this.entryIds.push(doc.entryId);
    this.version.push(doc.version);
    this.kind.push(KIND_CODES.indexOf(doc.kind));
    this.region.push(this.regions.id(doc.region));
    this.department.push(this.departments.id(doc.department));
    this.objects.push(doc.serviceObjects.reduce((m, o) => m | (OBJECT_BITS[o] ?? 0), 0));
    this.from.push(doc.from ? dayNumber(doc.from) : NO_FROM);
    this.to.push(doc.to ? dayNumber(doc.to) : NO_TO);
    this.firstPassage.push(this.pSlot.length);
    this.passageCount.push(doc.passages.length);
    const titleText = doc.titleExtra ? `${doc.title}\n${doc.titleExtra}` : doc.title;
    this.titleLen.push(Math.min(titleText.length, 0xffff));
    this.deleted.push(0);
    const list = this.slotsOf.get(doc.entryId);
    if (list) list.push(slot);
    else this.slotsOf.set(doc.entryId, [slot]);

    const b = (this.builder ??= Array.from({ length: FIELD_COUNT }, () => new FieldBuilder()));
    const norm = normalizeText(doc.text);
    for (const p of doc.passages) {
      const pid = this.pSlot.push(slot);
      this.pStart.push(p.start);
      this.pEnd.push(p.end);
      const counts: TermCounts = { words: new Map(), bigrams: new Map() };
      countTerms(norm, p.start, p.end, counts);
      const words = b[F_WORD]!;
      const bigrams = b[F_BIGRAM]!;
      counts.words.forEach((tf, k) => words.add(k, pid, tf));
      counts.bigrams.forEach((tf, k) => bigrams.add(k, pid, tf));
      this.livePassageChars += p.end - p.start;
    }
    const tnorm = normalizeText(titleText);
    const tc: TermCounts = { words: new Map(), bigrams: new Map() };
    countTerms(tnorm, 0, tnorm.length, tc);
    tc.words.forEach((tf, k) => b[F_TITLE_WORD]!.add(k, slot, tf));
    tc.bigrams.forEach((tf, k) => b[F_TITLE_BIGRAM]!.add(k, slot, tf));
    this.livePassages += doc.passages.length;
    this.liveSlots++;
    this.liveTitleChars += titleText.length;
    return slot;
  }

  pendingPostings(): number {
    return this.builder ? this.builder.reduce((n, b) => n + b.postings, 0) : 0;
  }

  /** Packs what add() collected into a segment; compacts when segments pile up. */
  flush(maxSegments = 8): void {
    if (this.builder) {
      this.segments.push(this.builder.map((b) => b.build()));
      this.builder = null;
    }
    if (this.segments.length > maxSegments) this.compact();
  }

  /** Merges all segments into one, dropping postings of deleted slots. */
  compact(): void {
    if (this.segments.length === 0) return;
    const del = this.deleted.data;
    const pSlot = this.pSlot.data;
    const merged: Segment = [];
    for (let f = 0; f < FIELD_COUNT; f++) {
      const perSlot = f === F_TITLE_WORD || f === F_TITLE_BIGRAM;
      merged.push(mergeFields(this.segments.map((s) => s[f] ?? EMPTY_FIELD), perSlot ? (id) => del[id] === 0 : (id) => del[pSlot[id]!] === 0));
    }
    this.segments = [merged];
  }

  slotsOfEntry(entryId: string): number[] {
    return this.slotsOf.get(entryId) ?? [];
  }

  /** Marks every indexed version of the entry deleted; returns the slots. */
  removeEntry(entryId: string): number[] {
    const slots = this.slotsOf.get(entryId) ?? [];
    for (const s of slots) {
      if (this.deleted.data[s]) continue;
      this.deleted.data[s] = 1;
      const first = this.firstPassage.data[s]!;
      const n = this.passageCount.data[s]!;
      for (let p = first; p < first + n; p++) this.livePassageChars -= this.pEnd.data[p]! - this.pStart.data[p]!;
      this.livePassages -= n;
      this.liveSlots--;
      this.liveTitleChars -= this.titleLen.data[s]!;
    }
    this.slotsOf.delete(entryId);
    return slots;
  }

  /** Rebuilds the entry → slots map (after loading a snapshot). */
  reindexEntries(): void {
    this.slotsOf.clear();
    for (let s = 0; s < this.entryIds.length; s++) {
      if (this.deleted.data[s]) continue;
      const id = this.entryIds[s]!;
      const list = this.slotsOf.get(id);
      if (list) list.push(s);
      else this.slotsOf.set(id, [s]);
    }
  }

  /** Entries currently indexed (with at least one live version). */
  get entryCount(): number {
    return this.slotsOf.size;
  }

  /** Approximate bytes held in typed arrays (postings and columns). */
  memoryBytes(): number {
    let n = 0;
    for (const seg of this.segments) for (const f of seg) n += fieldBytes(f);
    const cols = [this.version, this.kind, this.region, this.department, this.objects, this.from, this.to, this.firstPassage, this.passageCount, this.titleLen, this.deleted, this.pSlot, this.pStart, this.pEnd];
    for (const c of cols) n += c.data.byteLength;
    return n;
  }
}
