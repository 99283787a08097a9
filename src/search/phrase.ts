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
 * What the features need of a query, computed once per query instead of once per passage
 * (a query's re-ranking looks at ~150 passages): its distinct bigrams and, per character,
 * the positions holding it (descending; see longestCommonRun).
 */
export interface PhraseQuery {
  text: string;
  grams: string[];
  where: Map<number, number[]>;
}

export function preparePhrase(query: string): PhraseQuery {
  const grams = new Set<string>();
  for (let i = 0; i + 1 < query.length; i++) {
    if (isWordChar(query.charCodeAt(i)) && isWordChar(query.charCodeAt(i + 1))) grams.add(query.slice(i, i + 2));
  }
  const where = new Map<number, number[]>();
  for (let j = query.length - 1; j >= 0; j--) {
    const c = query.charCodeAt(j);
    if (!isWordChar(c)) continue;
    const list = where.get(c);
    // descending, so run[j - 1] is still the previous passage position's when j is updated
    if (list) list.push(j);
    else where.set(c, [j]);
  }
  return { text: query, grams: [...grams], where };
}

/**
 * `title` (optional): bigrams the document's title holds weigh `titleDiscount` in the
 * coverage, so a passage is chosen for the query words that are not about which document.
 */
export function phraseFeatures(query: string | PhraseQuery, passage: string, title: string | null = null, titleDiscount = 1): PhraseFeatures {
  const q = typeof query === 'string' ? preparePhrase(query) : query;
  let found = 0;
  let total = 0;
  for (const g of q.grams) {
    const w = title !== null && title.includes(g) ? titleDiscount : 1;
    total += w;
    if (passage.includes(g)) found += w;
  }
  return { coverage: total > 0 ? found / total : 0, longest: longestCommonRun(q, passage) };
}

let run = new Int32Array(64);
let at = new Int32Array(64);

/**
 * The longest stretch of word characters that `query` and `passage` share. Dynamic
 * programming over the positions of the query that hold the passage's character only (a
 * passage character matches at most a few query positions): run[j] is the length of the
 * common stretch ending at query position j and passage position at[j].
 */
export function longestCommonRun(query: string | PhraseQuery, passage: string): number {
  const q = typeof query === 'string' ? preparePhrase(query) : query;
  const m = q.text.length;
  const where = q.where;
  if (run.length < m) {
    run = new Int32Array(2 * m);
    at = new Int32Array(2 * m);
  }
  at.fill(-2, 0, m);
  let longest = 0;
  for (let i = 0; i < passage.length; i++) {
    const list = where.get(passage.charCodeAt(i));
    if (list === undefined) continue;
    for (const j of list) {
      const len = j > 0 && at[j - 1] === i - 1 ? run[j - 1]! + 1 : 1;
      run[j] = len;
      at[j] = i;
      if (len > longest) longest = len;
    }
  }
  return longest;
}
