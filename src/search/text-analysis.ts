/**
 * Terms for the index and for queries. Two kinds of terms, kept apart:
 *  - words from jieba (with the government dictionary), keyed by a 32-bit FNV-1a hash;
 *  - character bigrams over runs of Chinese characters, keyed by their two code units.
 * Bigrams rescue segmentation misses (a query word cut differently from the text); words
 * carry the precision. Everything works on normalised text (same offsets as the original).
 */
import { cutWords } from '../text/segmenter.js';
import { isAlnum, isCjk, normalizeText } from '../text/normalize.js';
import type { SynonymDictionary } from '../text/synonyms.js';
import { cueMask, detectFieldIntent, type FieldIntent } from './field-intent.js';

/** Words too common to be worth a posting list. */
export const INDEX_STOP: ReadonlySet<string> = new Set(['的', '了', '和', '与', '或', '及', '等', '之', '其', '而', '以', '于', '也', '就', '都', '并', '着', '得', '地', '以及', '或者', '并且', '即']);

/** Question and filler words removed from queries before matching. */
const QUESTION_WORDS = [
  '有哪些', '是什么', '什么样', '为什么', '怎么样', '怎么办', '干什么', '做什么', '有什么', '是多少', '有多少', '需要哪些', '主要有', '分别是',
  '什么', '哪些', '哪里', '哪个', '哪家', '哪儿', '哪几', '如何', '怎么', '怎样', '是否', '有何', '多少', '多久', '几个', '可否', '能否', '请问', '吗', '呢', '啊', '吧', '？', '?',
];
const QUERY_STOP = new Set([...INDEX_STOP, '是', '有', '在', '对', '为', '被', '把', '将', '要', '会', '能', '可以', '哪', '啥', '该', '这', '那', '些', '个', '中', '上', '下']);

export const FNV_OFFSET = 0x811c9dc5;

export function wordKey(word: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) {
    h ^= word.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

export function bigramKey(a: number, b: number): number {
  return (a << 16) | b;
}

export function isIndexableWord(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (isCjk(c) || isAlnum(c)) return true;
  }
  return false;
}

export interface TermCounts {
  words: Map<number, number>;
  bigrams: Map<number, number>;
}

/** Adds the terms of norm[start, end) to `out` (counts). */
export function countTerms(norm: string, start: number, end: number, out: TermCounts): void {
  const slice = norm.slice(start, end);
  for (const w of cutWords(slice)) {
    if (w.length > 24 || !isIndexableWord(w) || INDEX_STOP.has(w)) continue;
    const k = wordKey(w.trim());
    out.words.set(k, (out.words.get(k) ?? 0) + 1);
  }
  for (let i = start; i + 1 < end; i++) {
    const a = norm.charCodeAt(i);
    const b = norm.charCodeAt(i + 1);
    if (!isCjk(a) || !isCjk(b)) continue;
    const k = bigramKey(a, b);
    out.bigrams.set(k, (out.bigrams.get(k) ?? 0) + 1);
  }
}

export interface QueryTerm {
  kind: 'word' | 'bigram';
  key: number;
  text: string;
  /** 1 for the user's own words, lower for synonym expansions */
  weight: number;
  /**
   * every occurrence lies inside a field-intent cue (要带什么, 多久, 在哪里…): the term says
   * which field is asked about, not which item, and weighs less when scoring items
   */
  cue?: boolean;
}

export interface AnalyzedQuery {
  normalized: string;
  /** the query with question words blanked out: what phrase matching compares against */
  core: string;
  terms: QueryTerm[];
  /** words to show and to highlight: query words plus official terms from synonyms */
  display: string[];
  /** the item fields the query asks about (null when none): see field-intent.ts */
  intent: FieldIntent | null;
  /** `core` with the intent's cue spans blanked too: phrase matching against items */
  itemCore: string;
}

export function stripQuestionWords(norm: string): string {
  let s = norm;
  for (const q of QUESTION_WORDS) s = s.split(q).join(' '.repeat(q.length));
  return s;
}

/**
 * Adds the terms of `text`. `cue` tells, per character of `text`, whether it lies in a
 * field-intent cue (null: none does); a term is a cue term when all its occurrences are.
 */
function addTerms(text: string, weight: number, terms: Map<string, QueryTerm>, display: Set<string>, cue: ((i: number) => boolean) | null): void {
  const put = (id: string, t: QueryTerm, inCue: boolean) => {
    const prev = terms.get(id);
    const cueTerm = inCue && (!prev || prev.cue === true);
    // t is this call's own object: set in place (the copies an object spread made reached V8's
    // old generation; docs/search.md, Memory)
    if (!prev || prev.weight < weight) {
      t.cue = cueTerm;
      terms.set(id, t);
    } else if (prev.cue && !cueTerm) prev.cue = false;
  };
  let at = 0;
  for (const raw of cutWords(text)) {
    const start = at;
    at += raw.length;
    const w = raw.trim();
    if (!w || !isIndexableWord(w) || QUERY_STOP.has(w)) continue;
    display.add(w);
    let inCue = cue !== null;
    for (let i = start; inCue && i < at; i++) if (!cue!(i)) inCue = false;
    put(`w:${w}`, { kind: 'word', key: wordKey(w), text: w, weight, cue: false }, inCue);
  }
  for (let i = 0; i + 1 < text.length; i++) {
    const a = text.charCodeAt(i);
    const b = text.charCodeAt(i + 1);
    if (!isCjk(a) || !isCjk(b)) continue;
    const bg = text.slice(i, i + 2);
    put(`b:${bg}`, { kind: 'bigram', key: bigramKey(a, b), text: bg, weight, cue: false }, cue !== null && cue(i) && cue(i + 1));
  }
}

export function analyzeQuery(query: string, synonyms: SynonymDictionary, synonymWeight: number): AnalyzedQuery {
  const normalized = normalizeText(query.trim());
  const core = stripQuestionWords(normalized);
  const terms = new Map<string, QueryTerm>();
  const display = new Set<string>();
  const found = detectFieldIntent(normalized);
  const intent = found.fields.length > 0 ? found : null;
  const mask = intent ? cueMask(intent, normalized.length) : null;
  addTerms(core, 1, terms, display, mask ? (i) => mask[i] === 1 : null);
  for (const e of synonyms.expand(normalized)) {
    // an expansion of a cue (在哪办 → 办理地点) names the field, not the item
    let inCue = mask !== null;
    for (let at = normalized.indexOf(e.alias); inCue && at >= 0; at = normalized.indexOf(e.alias, at + 1)) {
      for (let i = at; i < at + e.alias.length; i++) if (mask![i] !== 1) inCue = false;
    }
    addTerms(e.canonical, synonymWeight, terms, display, inCue ? () => true : null);
  }
  let itemCore = core;
  if (mask) {
    let out = '';
    for (let i = 0; i < core.length; i++) out += mask[i] === 1 ? ' ' : core[i];
    itemCore = out;
  }
  return { normalized, core, terms: [...terms.values()], display: [...display], intent, itemCore };
}
