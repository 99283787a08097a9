/**
 * Highlighting: marks the query's words (and stretches of three or more characters made
 * of query bigrams) in the ORIGINAL passage text. Matching runs on the normalised text,
 * which has the same offsets, so 開公司 in a traditional-script text is marked for 开公司.
 */
import { isCjk, normalizeText } from '../text/normalize.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** [start, end) ranges of `text` to mark, merged and sorted. */
export function matchRanges(text: string, words: string[], core: string): [number, number][] {
  const norm = normalizeText(text);
  const marks = new Uint8Array(norm.length);
  for (const w of words) {
    const nw = normalizeText(w);
    if (nw.length < 2 && !(nw.length === 1 && !isCjk(nw.charCodeAt(0)) && /\d/.test(nw))) continue;
    for (let at = norm.indexOf(nw); at >= 0; at = norm.indexOf(nw, at + 1)) marks.fill(1, at, at + nw.length);
  }
  // the query's CJK bigrams, each as one number (two UTF-16 units): no string per position
  const grams = new Set<number>();
  for (let i = 0; i + 1 < core.length; i++) {
    if (isCjk(core.charCodeAt(i)) && isCjk(core.charCodeAt(i + 1))) grams.add(core.charCodeAt(i) * 65536 + core.charCodeAt(i + 1));
  }
  // runs of consecutive query bigrams covering at least 3 characters
  let runStart = -1;
  for (let i = 0; i <= norm.length - 1; i++) {
    const inGram = i + 1 < norm.length && grams.has(norm.charCodeAt(i) * 65536 + norm.charCodeAt(i + 1));
    if (inGram && runStart < 0) runStart = i;
    if (!inGram && runStart >= 0) {
      const end = i + 1;
      if (end - runStart >= 3) marks.fill(1, runStart, end);
      runStart = -1;
    }
  }
  const ranges: [number, number][] = [];
  for (let i = 0; i < marks.length; i++) {
    if (!marks[i]) continue;
    let j = i;
    while (j < marks.length && marks[j]) j++;
    ranges.push([i, j]);
    i = j;
  }
  return ranges;
}

/** The text HTML-escaped, matches wrapped in <mark>…</mark>. */
export function highlight(text: string, words: string[], core: string): string {
  let out = '';
  let at = 0;
  for (const [s, e] of matchRanges(text, words, core)) {
    out += `${escapeHtml(text.slice(at, s))}<mark>${escapeHtml(text.slice(s, e))}</mark>`;
    at = e;
  }
  return out + escapeHtml(text.slice(at));
}
