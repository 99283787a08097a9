/**
 * Phrase and proximity features of a passage for a query: how much of the query's
 * character bigrams the passage holds, and the longest stretch of the query it quotes
 * verbatim. Both work on normalised text; question words are already blanked out of the
 * query (they are spaces, which break stretches).
 */
import { isAlnum, isCjk } from '../text/normalize.js';

export interface PhraseFeatures {
  /** share of the query's distinct bigrams found in the passage, 0..1 */
  coverage: number;
  /** longest common substring of query and passage, in characters */
  longest: number;
}

function isWordChar(c: number): boolean {
  return isCjk(c) || isAlnum(c);
}

/**
 * `title` (optional): bigrams the document's title holds weigh `titleDiscount` in the
 * coverage, so a passage is chosen for the query words that are not about which document.
 */
export function phraseFeatures(query: string, passage: string, title: string | null = null, titleDiscount = 1): PhraseFeatures {
  const grams = new Set<string>();
  for (let i = 0; i + 1 < query.length; i++) {
    if (isWordChar(query.charCodeAt(i)) && isWordChar(query.charCodeAt(i + 1))) grams.add(query.slice(i, i + 2));
  }
  let found = 0;
  let total = 0;
  for (const g of grams) {
    const w = title !== null && title.includes(g) ? titleDiscount : 1;
    total += w;
    if (passage.includes(g)) found += w;
  }
  // longest common substring by dynamic programming over one rolling row
  const m = query.length;
  let prev = new Uint16Array(m + 1);
  let cur = new Uint16Array(m + 1);
  let longest = 0;
  for (let i = 0; i < passage.length; i++) {
    const c = passage.charCodeAt(i);
    const wc = isWordChar(c);
    for (let j = 0; j < m; j++) {
      cur[j + 1] = wc && query.charCodeAt(j) === c ? prev[j]! + 1 : 0;
      if (cur[j + 1]! > longest) longest = cur[j + 1]!;
    }
    [prev, cur] = [cur, prev];
  }
  return { coverage: total > 0 ? found / total : 0, longest };
}
