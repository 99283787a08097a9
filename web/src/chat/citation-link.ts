/**
 * Where a citation points on the entry page. The page highlights a passage by its number
 * (`?passage=`), while a citation names a character range; the cited version's passages say
 * which one holds that range. Looked up when the citizen opens a citation, once per version.
 */
import { getEntry, type EntryVersion } from '../api.js';
import type { Citation } from '../api-chat.js';

const entries = new Map<string, Promise<EntryVersion>>();

export function entryHref(c: Citation, passage?: number): string {
  const qs = new URLSearchParams({ version: String(c.version) });
  if (passage !== undefined) qs.set('passage', String(passage));
  return `/entries/${encodeURIComponent(c.docId)}?${qs}`;
}

/** The passage that holds the quote: the smallest one covering it, else the one overlapping it most. */
export async function passageOf(c: Citation): Promise<number | undefined> {
  const key = `${c.docId}@${c.version}`;
  let entry = entries.get(key);
  if (!entry) {
    entry = getEntry(c.docId, { version: c.version });
    entries.set(key, entry);
    entry.catch(() => entries.delete(key));
  }
  const { passages } = await entry;
  const covering = passages.filter((p) => p.start <= c.start && c.end <= p.end).sort((a, b) => a.end - a.start - (b.end - b.start));
  if (covering[0]) return covering[0].seq;
  const overlap = (p: { start: number; end: number }) => Math.min(p.end, c.end) - Math.max(p.start, c.start);
  const best = [...passages].sort((a, b) => overlap(b) - overlap(a))[0];
  return best && overlap(best) > 0 ? best.seq : undefined;
}
