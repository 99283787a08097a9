/**
 * Extractive answers from policy and law text: split the passages search returned into
 * sentences, score each by how much of the question it holds, and take the best one — plus
 * what it introduces (a sentence ending in "：" is followed by its list) and close runners-up
 * next to it. Every selected span is a [start, end) range of the entry text, so the citation
 * quotes it exactly.
 *
 * Scoring: the question's character bigrams (question words blanked) and its ASCII tokens
 * (numbers, years, percentages), each weighted by its rarity among the document's sentences
 * (a bigram of the document's own topic, repeated in every sentence, tells little about
 * which sentence answers).
 */
import { normalizeText, isCjk } from '../text/normalize.js';
import { stripQuestionWords } from '../search/text-analysis.js';

export interface Span {
  start: number;
  end: number;
}

export interface ScoredSentence extends Span {
  score: number;
  /** rank of the passage it came from (0 = the search's best passage) */
  passageRank: number;
}

/** Sentence ends: Chinese and ASCII full stops of a sentence, semicolons, line breaks. */
const END = new Set(['。', '；', '！', '？', '!', '?', ';', '\n']);
const CLOSERS = new Set(['”', '’', '）', ')', '」', '』', '】']);

/** Sentences of text[start, end): trimmed spans, empty ones dropped. */
export function splitSentences(text: string, start = 0, end = text.length): Span[] {
  const out: Span[] = [];
  let s = start;
  const push = (a: number, b: number) => {
    while (a < b && /\s/u.test(text[a]!)) a++;
    while (b > a && /\s/u.test(text[b - 1]!)) b--;
    if (b > a) out.push({ start: a, end: b });
  };
  for (let i = start; i < end; i++) {
    if (!END.has(text[i]!)) continue;
    let j = i + 1;
    while (j < end && (CLOSERS.has(text[j]!) || (text[j] !== '\n' && END.has(text[j]!)))) j++;
    push(s, j);
    s = j;
    i = j - 1;
  }
  push(s, end);
  return out;
}

export interface QueryUnits {
  /** bigrams and ASCII tokens of the question, question words blanked */
  units: string[];
}

export function queryUnits(query: string): string[] {
  const core = stripQuestionWords(normalizeText(query));
  const units = new Set<string>();
  for (let i = 0; i + 1 < core.length; i++) {
    if (isCjk(core.charCodeAt(i)) && isCjk(core.charCodeAt(i + 1))) units.add(core.slice(i, i + 2));
  }
  for (const m of core.matchAll(/[a-z0-9][a-z0-9.%]*/gu)) if (m[0].length >= 2 || /\d/.test(m[0])) units.add(m[0]);
  return [...units];
}

/** Document frequency of each unit over the sentences of the whole text (normalised). */
export function unitWeights(units: string[], sentences: string[]): Map<string, number> {
  const n = sentences.length;
  const w = new Map<string, number>();
  for (const u of units) {
    let df = 0;
    for (const s of sentences) if (s.includes(u)) df++;
    w.set(u, df === 0 ? 0 : Math.log(1 + n / df));
  }
  return w;
}

export function scoreSentence(sentenceNorm: string, weights: Map<string, number>): number {
  let score = 0;
  for (const [u, w] of weights) if (w > 0 && sentenceNorm.includes(u)) score += w;
  return score;
}

/**
 * What kind of answer the question wants, and a pattern a sentence holding it matches:
 * 何时 → a date, 多少 → a number, 电话 → a phone number, 网址 → an address.
 */
const ANSWER_TYPES: readonly { question: RegExp; sentence: RegExp }[] = [
  { question: /何时|什么时候|哪天|哪一天|几月几[日号]|日期|截止|期限|有效期|时间是/u, sentence: /\d{1,4}\s*[年月日号]|[一二三四五六七八九十]+月|即日|之日|以前|之前|以后|为止/u },
  { question: /多少|几[个项条家天人万亿元次]|比例|金额|额度|标准是|最高|最多|上限/u, sentence: /\d|[一二三四五六七八九十百千万亿]+(元|万|亿|个|项|%|倍|天|人|家)/u },
  { question: /电话|热线|号码|联系方式/u, sentence: /\d{3,}/u },
  { question: /网站|网址|链接|平台|app|小程序|公众号/u, sentence: /https?:|www\.|\.cn|\.com|app|小程序|公众号|平台|网/u },
];

export function answerTypeBoost(query: string): (sentence: string) => number {
  const q = normalizeText(query);
  const types = ANSWER_TYPES.filter((t) => t.question.test(q));
  return (sentence) => (types.some((t) => t.sentence.test(sentence)) ? 1.3 : 1);
}

export interface SelectOptions {
  /** longest answer body in characters (the selected sentences) */
  maxChars: number;
  /** a neighbour joins when it scores at least this share of the best */
  neighbourRatio: number;
}

/** the opening of a text (title, issuer, lede) restates what questions ask without answering them */
/** preambles (为贯彻落实…, 现就…通知如下) restate the topic and introduce the answer */
const PREAMBLE = /为(深入)?贯彻|现(就|将)[^。]{0,30}(通知|公告|通告|说明)如下|特(制定|制订)|如下[：:。]$/u;
const LEAD = 80;
const LEAD_FACTOR = 0.7;
const PREAMBLE_FACTOR = 0.6;
/**
 * The closing of a document — its signature (issuing body and date) and its list of
 * attachments — repeats the title's words but answers no question about the content; it
 * still answers one that asks when (a date) or about the attachments.
 */
const DATE = '(?:\\d{4}|[〇零一二三四五六七八九]{4})年[\\d一二三四五六七八九十]{1,2}月[\\d一二三四五六七八九十]{1,3}日';
/** an issuing body: a name ending the way names of offices end */
const ISSUER = '[^，。；：:,;！？!?]{1,40}?(?:局|厅|委员会|委|会|办公室|办|部|院|府|中心|室|处|所|站|公司|集团|银行|协会|小组|组|队|社|馆)';
const SIGNATURE = new RegExp(`^(?:${ISSUER})?\\s*${DATE}$`, 'u');
const ISSUER_LINE = new RegExp(`^${ISSUER}$`, 'u');
const DATE_LINE = new RegExp(`^[ \\t　]*\\n\\s*${DATE}\\s*(?:\\n|$)`, 'u');
const ATTACHMENTS = /^附(?:件)?\s*\d*\s*[：:]/u;
const CLOSING_FACTOR = 0.1;

/** Whether the sentence norm[start, end) is a closing line: a signature (the body's name, then the date) or the attachments. */
function closingLine(norm: string, start: number, end: number): boolean {
  const s = norm.slice(start, end);
  if (ATTACHMENTS.test(s) || SIGNATURE.test(s)) return true;
  return ISSUER_LINE.test(s) && DATE_LINE.test(norm.slice(end, end + 40));
}

function closingFactor(query: string, norm: string): (start: number, end: number) => number {
  const q = normalizeText(query);
  // a closing line does answer a question about the date or the attachments
  if (ANSWER_TYPES[0]!.question.test(q) || q.includes('附件')) return () => 1;
  return (start, end) => (closingLine(norm, start, end) ? CLOSING_FACTOR : 1);
}

export const DEFAULT_SELECT: SelectOptions = { maxChars: 240, neighbourRatio: 0.6 };

/**
 * Scores the sentences of the given passages (spans of `text`, best first) and returns the
 * best sentence's group: contiguous spans in text order. Empty when nothing matches.
 */
export function selectSentences(query: string, text: string, passages: Span[], opts: SelectOptions = DEFAULT_SELECT): { spans: Span[]; best: ScoredSentence | null; all: ScoredSentence[] } {
  const norm = normalizeText(text);
  const units = queryUnits(query);
  const docSentences = splitSentences(norm).map((s) => norm.slice(s.start, s.end));
  const weights = unitWeights(units, docSentences);
  const typeBoost = answerTypeBoost(query);
  const closing = closingFactor(query, norm);
  const sentenceScore = (s: string, start: number) => scoreSentence(s, weights) * typeBoost(s) * (start < LEAD ? LEAD_FACTOR : 1) * (PREAMBLE.test(s) ? PREAMBLE_FACTOR : 1) * closing(start, start + s.length);
  const seen = new Set<number>();
  const all: ScoredSentence[] = [];
  passages.forEach((p, rank) => {
    for (const s of splitSentences(text, p.start, p.end)) {
      if (seen.has(s.start)) continue;
      seen.add(s.start);
      all.push({ ...s, score: sentenceScore(norm.slice(s.start, s.end), s.start), passageRank: rank });
    }
  });
  if (all.length === 0) return { spans: [], best: null, all };
  // the search's passage order is evidence too: a sentence of its best passage wins a tie
  const rankBoost = (r: number) => 1 + 0.15 / (1 + r);
  const best = all.reduce((a, b) => (b.score * rankBoost(b.passageRank) > a.score * rankBoost(a.passageRank) ? b : a));
  if (best.score <= 0) return { spans: [], best: null, all };
  // one sentence longer than the budget (a run-on list): its best clause and what follows it
  if (best.end - best.start > opts.maxChars) {
    const clauses = splitClauses(text, best.start, best.end).map((c) => ({ ...c, score: sentenceScore(norm.slice(c.start, c.end), c.start) }));
    const lead = clauses.reduce((a, b) => (b.score > a.score ? b : a));
    let end = lead.end;
    for (const c of clauses) if (c.start >= lead.end && c.end - lead.start <= opts.maxChars) end = c.end;
    return { spans: [{ start: lead.start, end: Math.min(end, lead.start + Math.max(opts.maxChars, lead.end - lead.start)) }], best, all };
  }
  // the answer often follows the sentence that restates the question ("…采取了以下措施。一是…"):
  // run on through the following sentences of the text while the budget lasts
  const following = splitSentences(text, best.end, Math.min(text.length, best.end + opts.maxChars * 2));
  const chosen: Span[] = [best];
  let used = best.end - best.start;
  for (const s of following) {
    if (used + (s.end - s.start) > opts.maxChars) break;
    chosen.push(s);
    used += s.end - s.start;
  }
  return { spans: [{ start: chosen[0]!.start, end: chosen[chosen.length - 1]!.end }], best, all };
}

/** Clauses of text[start, end): cut after ，：、 and at runs of spaces (run-on lists). */
export function splitClauses(text: string, start: number, end: number): Span[] {
  const out: Span[] = [];
  let s = start;
  for (let i = start; i < end; i++) {
    const ch = text[i]!;
    if (ch === '，' || ch === ',' || ch === '：' || ch === ':' || (/\s/u.test(ch) && i > s)) {
      let a = s;
      let b = /\s/u.test(ch) ? i : i + 1;
      while (a < b && /\s/u.test(text[a]!)) a++;
      while (b > a && /\s/u.test(text[b - 1]!)) b--;
      if (b > a) out.push({ start: a, end: b });
      s = i + 1;
    }
  }
  let a = s;
  while (a < end && /\s/u.test(text[a]!)) a++;
  if (end > a) out.push({ start: a, end });
  return out.length ? out : [{ start, end }];
}
