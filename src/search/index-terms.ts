/**
 * The terms of one indexed unit (a passage, or a version's title text) as numeric keys:
 * jieba words (filtered and hashed exactly as text-analysis.ts does for queries) then
 * character bigrams. Shared by the in-thread build and the segmentation workers
 * (term-worker.ts), so both give the same postings.
 */
import { isCjk } from '../text/normalize.js';
import { cutWords } from '../text/segmenter.js';
import { Growable } from './growable.js';
import { bigramKey, INDEX_STOP, isIndexableWord, wordKey } from './text-analysis.js';

/** Appends the word keys, then the bigram keys, of norm[start, end) to `out`; returns the word count. */
export function collectTerms(norm: string, start: number, end: number, out: Growable<Int32Array>): number {
  const before = out.length;
  for (const w of cutWords(norm.slice(start, end))) {
    if (w.length > 24 || !isIndexableWord(w) || INDEX_STOP.has(w)) continue;
    out.push(wordKey(w.trim()));
  }
  const words = out.length - before;
  let a = start < end ? norm.charCodeAt(start) : 0;
  for (let i = start; i + 1 < end; i++) {
    const c = norm.charCodeAt(i + 1);
    if (isCjk(a) && isCjk(c)) out.push(bigramKey(a, c));
    a = c;
  }
  return words;
}

/** A batch of documents to segment: raw texts and titles, passage ranges per document. */
export interface TermsRequest {
  texts: string[];
  titles: string[];
  /** per document: passage count, then start, end of each passage */
  ranges: Int32Array;
}

/**
 * Keys of every unit of a batch, in order (each document's passages, then its title):
 * `counts` holds (words, bigrams) per unit, `keys` the keys themselves.
 */
export interface BatchTerms {
  keys: Int32Array;
  counts: Int32Array;
}
