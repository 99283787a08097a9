/** Citations are spans of an entry version's canonical text; the quote is always the slice. */
import type { EntryVersion } from '../knowledge/knowledge.schema.js';
import type { Citation } from './answer.types.js';

export function citeSpan(entry: EntryVersion, start: number, end: number, label?: string): Citation {
  return { docId: entry.id, version: entry.version, title: entry.title, start, end, quote: entry.text.slice(start, end), ...(label ? { label } : {}) };
}

/** The passage with this label (an item field such as 'materials'), or null when the entry has none. */
export function citePassage(entry: EntryVersion, label: string): Citation | null {
  const p = entry.passages.find((x) => x.label === label);
  return p ? citeSpan(entry, p.start, p.end, label) : null;
}

/** The line of a passage that starts with `prefix` (e.g. "2. 外省市户籍"), or the whole passage. */
export function citeLine(entry: EntryVersion, label: string, prefix: string): Citation | null {
  const p = entry.passages.find((x) => x.label === label);
  if (!p) return null;
  const body = entry.text.slice(p.start, p.end);
  const at = body.indexOf(prefix);
  if (at < 0) return citeSpan(entry, p.start, p.end, label);
  const nl = body.indexOf('\n', at);
  return citeSpan(entry, p.start + at, nl < 0 ? p.end : p.start + nl, label);
}

/** Drops repeated citations (same entry, version and span), keeping the first. */
export function uniqueCitations(citations: (Citation | null)[]): Citation[] {
  const seen = new Set<string>();
  const out: Citation[] = [];
  for (const c of citations) {
    if (!c) continue;
    const key = `${c.docId}@${c.version}:${c.start}-${c.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(c);
  }
  return out;
}
