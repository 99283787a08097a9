/**
 * Is a sentence of a model's answer supported by the cited passages? Three tests, all on
 * normalised text without spaces and punctuation:
 *  - character bigram overlap: at least `minOverlap` of the sentence's bigrams occur in
 *    the passages (all of them for a sentence of fewer than four bigrams);
 *  - facts: every number, amount, date and duration (200元, 15个工作日, 3月1日, 六十日) must
 *    occur in the passages — digits as written or converted from Chinese numerals;
 *  - negation: a bigram starting with 不/无/未/免/非/没 (不收, 无需) must occur in the passages,
 *    so a flipped statement cannot pass on its other words.
 */
import { normalizeText } from '../text/normalize.js';

export const MIN_OVERLAP = 0.6;

const flat = (s: string) => normalizeText(s).replace(/[\s\p{P}\p{S}]+/gu, '');

/** Sentences of a model answer: ends at 。！？；, line breaks; the end mark kept. */
export function splitAnswerSentences(text: string): string[] {
  return (text.match(/[^。！？!?；;\n]+[。！？!?；;]*|[。！？!?；;]+/gu) ?? []).map((s) => s.trim()).filter((s) => flat(s).length > 0);
}

const CN_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 二十 → 20, 一百零五 → 105, 六十 → 60; null when it is not a plain numeral. */
export function chineseNumeral(s: string): number | null {
  let total = 0;
  let section = 0;
  let digit = -1;
  for (const ch of s) {
    if (ch in CN_DIGIT) digit = CN_DIGIT[ch]!;
    else if (ch in CN_UNIT) {
      section += (digit < 0 ? 1 : digit) * CN_UNIT[ch]!;
      digit = -1;
    } else if (ch === '万' || ch === '亿') {
      total += (section + Math.max(digit, 0)) * (ch === '万' ? 10_000 : 100_000_000);
      section = 0;
      digit = -1;
    } else return null;
  }
  return total + section + Math.max(digit, 0);
}

const FACT = /\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万亿]+(?=[元块角分天日周月年个岁次份项人倍%‰小工自])/gu;

/** The numbers a sentence states, as written (digits, or Chinese numerals before a unit). */
export function factsOf(sentence: string): string[] {
  return [...normalizeText(sentence).matchAll(FACT)].map((m) => m[0]);
}

function factSupported(fact: string, sources: string): boolean {
  if (sources.includes(fact)) return true;
  const n = /^\d/.test(fact) ? Number(fact) : chineseNumeral(fact);
  if (n === null || Number.isNaN(n)) return false;
  // the passages may write it the other way: 20 ↔ 二十
  for (const m of sources.matchAll(FACT)) {
    const v = /^\d/.test(m[0]) ? Number(m[0]) : chineseNumeral(m[0]);
    if (v === n) return true;
  }
  return false;
}

/** Bigrams without digits: numbers are checked as facts, whole, not by their pieces. */
function bigrams(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < s.length; i++) if (!/\d/.test(s[i]!) && !/\d/.test(s[i + 1]!)) out.push(s.slice(i, i + 2));
  return out;
}

export interface SupportVerdict {
  supported: boolean;
  overlap: number;
  /** facts (numbers, amounts, dates) not found in the passages */
  missingFacts: string[];
  missingNegations: string[];
}

export function checkSentence(sentence: string, passages: string[], minOverlap = MIN_OVERLAP): SupportVerdict {
  const src = passages.map(flat).join('\n');
  const s = flat(sentence);
  const grams = bigrams(s);
  const found = grams.filter((g) => src.includes(g)).length;
  const overlap = grams.length ? found / grams.length : src.includes(s) ? 1 : 0;
  const missingFacts = factsOf(sentence).filter((f) => !factSupported(f, src));
  const missingNegations = grams.filter((g) => /^[不无未免非没]/u.test(g) && !src.includes(g));
  const need = grams.length < 4 ? 1 : minOverlap;
  return { supported: overlap >= need && missingFacts.length === 0 && missingNegations.length === 0, overlap, missingFacts, missingNegations };
}

/** The supported sentences of a model answer, in order, and how many were dropped. */
export function supportedSentences(answer: string, passages: string[], minOverlap = MIN_OVERLAP): { kept: string[]; dropped: string[] } {
  const kept: string[] = [];
  const dropped: string[] = [];
  for (const s of splitAnswerSentences(answer)) (checkSentence(s, passages, minOverlap).supported ? kept : dropped).push(s);
  return { kept, dropped };
}
