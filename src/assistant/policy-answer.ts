/**
 * Answers from policies, laws and FAQs: the sentence(s) that answer the question, then the
 * source ("依据：《标题》第X条"), each cited by its exact offsets.
 */
import type { EntryVersion } from '../knowledge/knowledge.schema.js';
import { citeSpan, citePassage, uniqueCitations } from './citations.js';
import type { ComposedAnswer } from './item-answer.js';
import { DEFAULT_SELECT, selectSentences, type Span } from './sentence-select.js';

/** Longest answer, source line included (a factual answer stays short). */
export const MAX_POLICY_ANSWER = 320;

const ARTICLE = /第[一二三四五六七八九十百千零〇两\d]+条(之[一二三四五六七八九十])?/u;

/** The article a passage label names (laws: "第二章 登记 第二十条" → "第二十条"), or ''. */
export function articleOf(label: string): string {
  return ARTICLE.exec(label)?.[0] ?? '';
}

export function sourceLine(title: string, label: string): string {
  return `依据：《${title.replace(/^《|》$/g, '')}》${articleOf(label)}`;
}

/** The passage holding most of the span (base passages come before windows): its label names the source. */
function passageOf(entry: EntryVersion, span: Span): { label: string } {
  let best: { label: string; cover: number } = { label: '', cover: 0 };
  for (const p of entry.passages) {
    const cover = Math.min(p.end, span.end) - Math.max(p.start, span.start);
    if (cover > best.cover) best = { label: p.label, cover };
  }
  return best;
}

/**
 * The answer from a policy or law: the best sentences of the passages search found (best
 * first), cut to fit MAX_POLICY_ANSWER with the source line. Null when no sentence shares
 * anything with the question.
 */
export function answerFromPolicy(query: string, entry: EntryVersion, passages: Span[]): ComposedAnswer | null {
  const head = sourceLine(entry.title, '第一百二十三条');
  const budget = Math.max(80, Math.min(DEFAULT_SELECT.maxChars, MAX_POLICY_ANSWER - head.length - 1));
  const { spans } = selectSentences(query, entry.text, passages, { ...DEFAULT_SELECT, maxChars: budget });
  if (spans.length === 0) return null;
  const body = spans.map((s) => entry.text.slice(s.start, s.end).replace(/\s+/gu, ' ').trim()).join('\n');
  const { label } = passageOf(entry, spans[0]!);
  return {
    text: `${body}\n${sourceLine(entry.title, label)}`,
    citations: uniqueCitations(spans.map((s) => citeSpan(entry, s.start, s.end, articleOf(label) || label || undefined))),
  };
}

/** A FAQ entry's answer, cited from its 答 passage. */
export function answerFromFaq(entry: EntryVersion): ComposedAnswer | null {
  const answer = typeof entry.body.answer === 'string' ? entry.body.answer : null;
  const cite = citePassage(entry, 'answer');
  if (!answer || !cite) return null;
  return { text: answer, citations: [cite] };
}

/** An item's own FAQ pair (passage `faq:<i>`): its answer line, cited. */
export function answerFromItemFaq(entry: EntryVersion, label: string): ComposedAnswer | null {
  const p = entry.passages.find((x) => x.label === label);
  if (!p) return null;
  const text = entry.text.slice(p.start, p.end);
  const at = text.indexOf('\n答：');
  if (at < 0) return null;
  const start = p.start + at + 1;
  return { text: entry.text.slice(start + 2, p.end), citations: [citeSpan(entry, start, p.end, label)] };
}
