/**
 * From database rows to index documents: groups the non-draft versions of each entry,
 * gives each the interval of dates on which it is in force (effectiveIntervals) and drops
 * versions that are never in force.
 */
import type { VersionRow } from '../knowledge/knowledge.repository.js';
import type { EntryKind, Passage } from '../knowledge/knowledge.schema.js';
import { effectiveIntervals } from '../knowledge/validity.js';
import type { TermsRequest } from './index-terms.js';
import { SearchIndex, type IndexDoc, type TermCursor } from './search-index.js';
import { TermPool } from './term-pool.js';
import type { TextStore } from './text-store.js';

/**
 * Words that name an entry besides its title, indexed with the title: an item's tags (the
 * colloquial names citizens use: 社保卡, 开公司), a FAQ's other phrasings, a policy's 文号.
 */
function aliasesOf(v: VersionRow): string | undefined {
  const body = JSON.parse(v.body) as { tags?: string[]; alternatives?: string[] };
  const extra = [...(body.alternatives ?? []), ...(body.tags ?? [])];
  if (v.doc_number) extra.push(v.doc_number);
  return extra.length ? extra.join('\n') : undefined;
}

export function indexDocsOf(rows: VersionRow[]): IndexDoc[] {
  const byEntry = new Map<string, VersionRow[]>();
  for (const r of rows) {
    const list = byEntry.get(r.entry_id);
    if (list) list.push(r);
    else byEntry.set(r.entry_id, [r]);
  }
  const out: IndexDoc[] = [];
  for (const versions of byEntry.values()) {
    const intervals = effectiveIntervals(versions.map((v) => ({ version: v.version, status: v.status, validFrom: v.valid_from, validTo: v.valid_to })));
    for (const v of versions) {
      // usually one interval; a version split by a temporary amendment is indexed once per part
      for (const span of intervals.get(v.version) ?? []) {
      const titleExtra = aliasesOf(v);
      out.push({
        entryId: v.entry_id,
        version: v.version,
        kind: v.kind as EntryKind,
        title: v.title,
        titleExtra,
        text: v.text,
        passages: JSON.parse(v.passages) as Passage[],
        region: v.region,
        department: v.department,
        serviceObjects: JSON.parse(v.service_objects) as string[],
        from: span.from,
        to: span.to,
      });
      }
    }
  }
  return out;
}

/** Replaces the indexed versions of `entryIds` with those in `rows`. */
export function applyEntries(index: SearchIndex, store: TextStore, entryIds: Iterable<string>, rows: VersionRow[]): void {
  for (const id of entryIds) for (const slot of index.removeEntry(id)) store.drop(slot);
  addDocs(index, store, indexDocsOf(rows));
}

function addDocs(index: SearchIndex, store: TextStore, docs: IndexDoc[], terms?: TermCursor): void {
  for (const doc of docs) {
    const slot = index.add(doc, terms);
    store.put(slot, { title: doc.title, labels: doc.passages.map((p) => p.label), text: doc.text });
  }
}

function requestOf(docs: IndexDoc[]): TermsRequest {
  const ranges = new Int32Array(docs.reduce((n, d) => n + 1 + 2 * d.passages.length, 0));
  let at = 0;
  for (const d of docs) {
    ranges[at++] = d.passages.length;
    for (const p of d.passages) {
      ranges[at++] = p.start;
      ranges[at++] = p.end;
    }
  }
  return { texts: docs.map((d) => d.text), titles: docs.map((d) => SearchIndex.titleText(d)), ranges };
}

export interface IndexSource {
  entryIdsAfter(afterId: string | null, limit: number): Promise<string[]>;
  versionsForIndex(ids: string[]): Promise<VersionRow[]>;
}

/**
 * Indexes every entry of `source` in id order, a page of `pageSize` entries at a time;
 * `afterPage` runs after each page is added (flushes, store saves). When the first page is
 * full (a large knowledge base) segmentation runs in a pool of worker threads while this
 * thread reads the next pages and fills the postings; at most PIPELINE pages are in flight.
 * Pages are added in order, so the index is the same as an in-thread build.
 */
export async function buildIndex(
  index: SearchIndex,
  store: TextStore,
  source: IndexSource,
  pageSize: number,
  afterPage: () => void,
  workers = 0,
): Promise<void> {
  const PIPELINE = 3;
  let pool: TermPool | null | undefined;
  let tail: Promise<void> = Promise.resolve();
  const inFlight: Promise<void>[] = [];
  let after: string | null = null;
  try {
    for (;;) {
      const ids = await source.entryIdsAfter(after, pageSize);
      if (ids.length === 0) break;
      after = ids[ids.length - 1]!;
      const docs = indexDocsOf(await source.versionsForIndex(ids));
      if (pool === undefined) pool = ids.length === pageSize ? TermPool.create(workers) : null;
      if (!pool) {
        addDocs(index, store, docs);
        afterPage();
        continue;
      }
      const terms = pool.terms(requestOf(docs));
      const prev = tail;
      tail = (async () => {
        const t = await terms;
        await prev;
        addDocs(index, store, docs, { keys: t.keys, counts: t.counts, k: 0, c: 0 });
        afterPage();
      })();
      tail.catch(() => undefined); // awaited below; this only marks it handled meanwhile
      inFlight.push(tail);
      if (inFlight.length >= PIPELINE) await inFlight.shift();
    }
    await tail;
  } finally {
    await pool?.close();
  }
}
