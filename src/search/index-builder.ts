/**
 * From database rows to index documents: groups the non-draft versions of each entry,
 * gives each the interval of dates on which it is in force (effectiveIntervals) and drops
 * versions that are never in force.
 */
import type { VersionRow } from '../knowledge/knowledge.repository.js';
import type { EntryKind, Passage } from '../knowledge/knowledge.schema.js';
import { effectiveIntervals } from '../knowledge/validity.js';
import type { IndexDoc, SearchIndex } from './search-index.js';
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
  for (const doc of indexDocsOf(rows)) {
    const slot = index.add(doc);
    store.put(slot, { title: doc.title, labels: doc.passages.map((p) => p.label), text: doc.text });
  }
}
