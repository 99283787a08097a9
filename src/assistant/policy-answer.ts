/**
 * Answers from policies, laws and FAQs: the sentence(s) that answer the question, then the
 * source ("依据：《标题》第X条"), each cited by its exact offsets.
 */
import type { EntryVersion } from '../knowledge/knowledge.schema.js';
import type { Citation } from './answer.types.js';
import { citeSpan, citePassage, uniqueCitations } from './citations.js';
import type { ComposedAnswer } from './item-answer.js';
import { DEFAULT_SELECT, selectSentences, type Span } from './sentence-select.js';

/** Longest answer with a second document, source lines included. */
export const MAX_POLICY_ANSWER = 400;

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

export interface PolicyExtract {
  /** the selected sentences, whitespace runs folded */
  body: string;
  /** "依据：《标题》第X条" */
  source: string;
  citations: Citation[];
}

/**
 * The best sentences of the passages search found in a policy or law (best passage first),
 * at most `maxBody` characters unless one sentence is longer. Null when no sentence shares
 * anything with the question.
 */
export function extractFromPolicy(query: string, entry: EntryVersion, passages: Span[], maxBody: number = DEFAULT_SELECT.maxChars): PolicyExtract | null {
  const { spans } = selectSentences(query, entry.text, passages, { ...DEFAULT_SELECT, maxChars: maxBody });
  if (spans.length === 0) return null;
  const body = spans.map((s) => entry.text.slice(s.start, s.end).replace(/\s+/gu, ' ').trim()).join('\n');
  const { label } = passageOf(entry, spans[0]!);
  return {
    body,
    source: sourceLine(entry.title, label),
    citations: uniqueCitations(spans.map((s) => citeSpan(entry, s.start, s.end, articleOf(label) || label || undefined))),
  };
}

const squeeze = (s: string) => s.replace(/[\s\p{P}]+/gu, '');

/**
 * The answer: the first document's sentences, then its source. A second document nearly as
 * good (a reprint of the same notice, another city's version of one measure) is cited too:
 * with its own sentences when they differ and fit the length budget, otherwise as a further
 * source only (its citation still quotes the sentences).
 */
export function composePolicyAnswer(first: PolicyExtract, second: PolicyExtract | null, maxTotal = MAX_POLICY_ANSWER): ComposedAnswer {
  let text = `${first.body}\n${first.source}`;
  const citations = [...first.citations];
  if (second) {
    const a = squeeze(first.body);
    const b = squeeze(second.body);
    const same = a.includes(b) || b.includes(a);
    const full = `\n另见：${second.body}\n${second.source}`;
    // the same words, or no room for them: the second document as a further source only
    text += !same && text.length + full.length <= maxTotal ? full : `\n另见：${second.source.replace(/^依据：/, '')}`;
    citations.push(...second.citations);
  }
  return { text, citations: uniqueCitations(citations) };
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
