/**
 * Passage segmentation of policy and law texts. A passage is the unit search ranks and
 * answers cite, so it should hold one provision: an article (第X条) where the text has
 * them, otherwise a group of sentences under one heading, small enough that the top
 * passages point at the answer and large enough to carry context.
 */
import type { Passage } from './knowledge.schema.js';

const CN_NUM = '一二三四五六七八九十百千零〇两';
const ARTICLE_RE = new RegExp(`^[ \\t　]*(第[${CN_NUM}\\d]+条)`, 'gmu');
const CHAPTER_RE = new RegExp(`^[ \\t　]*第[${CN_NUM}\\d]+[编章节][ \\t　]*(.*)$`, 'gmu');
/** headings inside policy texts: 一、 （一） 1. 1、 */
const HEADING_RE = new RegExp(`(?:^|(?<=[\\s。；：:！？]))(?:[${CN_NUM}]{1,3}、|[（(][${CN_NUM}]{1,3}[）)]|\\d{1,2}[.、．](?!\\d))`, 'gu');

/** Target passage size in characters for texts without articles. */
export const MAX_PASSAGE_CHARS = 300;
/**
 * A group that starts at a heading and is shorter than this is not closed at the next
 * heading: a bare heading ("（二）申请材料") or a one-line list item belongs with what
 * follows it, which is where the answer to a question about the heading is.
 */
export const MIN_PASSAGE_CHARS = 80;

function trimSpan(text: string, start: number, end: number): [number, number] {
  while (start < end && /\s/u.test(text[start]!)) start++;
  while (end > start && /\s/u.test(text[end - 1]!)) end--;
  return [start, end];
}

function splitArticles(text: string): Passage[] | null {
  const starts: { at: number; label: string }[] = [];
  for (const m of text.matchAll(ARTICLE_RE)) starts.push({ at: m.index! + m[0].indexOf(m[1]!), label: m[1]! });
  if (starts.length < 2) return null;
  const chapters: { at: number; label: string }[] = [];
  for (const m of text.matchAll(CHAPTER_RE)) chapters.push({ at: m.index!, label: m[0].trim() });
  const passages: Passage[] = [];
  const push = (s: number, e: number, label: string) => {
    const [a, b] = trimSpan(text, s, e);
    if (b > a) passages.push({ seq: passages.length, start: a, end: b, label });
  };
  push(0, Math.min(starts[0]!.at, chapters[0]?.at ?? Infinity), '序言');
  for (let i = 0; i < starts.length; i++) {
    const s = starts[i]!;
    let end = starts[i + 1]?.at ?? text.length;
    // an article ends where the next chapter heading begins
    const ch = chapters.find((c) => c.at > s.at && c.at < end);
    if (ch) end = ch.at;
    const chapter = [...chapters].reverse().find((c) => c.at < s.at);
    push(s.at, end, chapter ? `${chapter.label} ${s.label}` : s.label);
  }
  return passages;
}

/** Sentence boundaries: after 。！？； or a newline, and before a heading marker. */
function sentenceBreaks(text: string): number[] {
  const cuts = new Set<number>([0, text.length]);
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if ('。！？；\n'.includes(c)) {
      let j = i + 1;
      while (j < text.length && '”’）)」'.includes(text[j]!)) j++;
      cuts.add(j);
    }
  }
  for (const m of text.matchAll(HEADING_RE)) cuts.add(m.index!);
  return [...cuts].sort((a, b) => a - b);
}

function isHeadingAt(text: string, at: number): boolean {
  HEADING_RE.lastIndex = 0;
  const m = new RegExp(HEADING_RE.source, 'u').exec(text.slice(at, at + 6));
  return m !== null && m.index === 0;
}

function splitSentences(text: string): Passage[] {
  const cuts = sentenceBreaks(text);
  const passages: Passage[] = [];
  let start = cuts[0]!;
  let label = '正文';
  const flush = (end: number) => {
    const [a, b] = trimSpan(text, start, end);
    if (b > a) passages.push({ seq: passages.length, start: a, end: b, label });
    start = end;
  };
  for (let i = 1; i < cuts.length; i++) {
    const cut = cuts[i]!;
    const atHeading = cut < text.length && isHeadingAt(text, cut);
    const tooLong = cut - start > MAX_PASSAGE_CHARS;
    if (tooLong) {
      const prev = cuts[i - 1]!;
      flush(prev > start ? prev : cut);
    }
    if (atHeading && (cut - start >= MIN_PASSAGE_CHARS || !isHeadingAt(text, start))) {
      flush(cut);
      const headingText = text.slice(cut, cut + 40).split(/[。；：\n]/u, 1)[0] ?? '';
      label = headingText.trim() || label;
    }
  }
  flush(text.length);
  return passages;
}

/**
 * Adds a window over each pair of neighbouring passages that together stay under
 * MAX_WINDOW_CHARS: an answer often runs across a heading or a sentence-group boundary
 * (numbered lists, "一是…二是…"), and a search should still find it in one passage.
 * Windows come after the base passages, so base passages keep their sequence numbers.
 */
function addWindows(text: string, base: Passage[]): Passage[] {
  const out = [...base];
  for (let i = 0; i + 1 < base.length; i++) {
    const a = base[i]!;
    const b = base[i + 1]!;
    if (b.end - a.start <= MAX_WINDOW_CHARS) out.push({ seq: out.length, start: a.start, end: b.end, label: a.label });
  }
  return out;
}

/** Longest window over two neighbouring passages. */
export const MAX_WINDOW_CHARS = 450;

export function splitPolicyPassages(text: string, _kind: 'policy' | 'law'): Passage[] {
  const articles = splitArticles(text);
  return articles ?? addWindows(text, splitSentences(text));
}
