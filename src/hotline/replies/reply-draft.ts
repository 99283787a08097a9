/**
 * A reply draft for the handler to edit: the body sentences of the most similar replied
 * orders' replies (what was found and done, not their greetings and signatures), and the
 * knowledge-base passages search finds for the order, each with its source. The draft is a
 * starting point: names, places and dates in borrowed sentences belong to the other order,
 * so the sources are listed for the handler to check against.
 */
import { normalizeText } from '../../text/normalize.js';
import type { TermCache } from '../intake/duplicates.js';
import type { OrderText } from '../intake/intake.repository.js';
import { cosine, Idf, orderTerms, tfidf, type Vector } from '../intake/similarity.js';

export interface DraftSource {
  kind: 'order' | 'knowledge';
  /** order id, or knowledge entry id */
  id: string;
  title: string;
  /** similarity for orders, search score for knowledge */
  score: number;
  /** the text taken from the source */
  quote: string;
  /** knowledge: the entry version and the span quoted */
  version?: number;
  start?: number;
  end?: number;
}

export interface KnowledgePassage {
  entryId: string;
  version: number;
  title: string;
  start: number;
  end: number;
  text: string;
  score: number;
}

export const DRAFT_TUNING = {
  /** replies of orders at least this similar are used */
  minSimilarity: 0.2,
  orders: 3,
  /** sentences taken from the replies */
  sentences: 4,
  passages: 2,
};

/** Greetings, acknowledgements, thanks, sign-offs and dates: every reply has them, none says what was done. */
const BOILERPLATE = /您好|你好|网友|收悉|已收到|答复如下|回复如下|现将|现答复|现回复|特此|此复|感谢|谢谢|致谢|理解和支持|关心和支持|信任和支持|欢迎|如有疑问|如有问题|咨询电话|联系电话|联系人|^\s*\d{4}年\d{1,2}月\d{1,2}日\s*$|^[^，。]{0,20}(?:局|委|办|中心|政府|公司|街道|办事处)\s*$/u;
/** A reply sentence that tells what was found or done, or what the rule is. */
const SUBSTANCE = /经|已|将|根据|按照|依据|规定|要求|责令|安排|协调|核实|调查|处理|整改|督促|落实|办理|可以|应当|需要|建议|目前|计划/u;

function sentences(text: string): string[] {
  return (normalizeText(text).match(/[^。！？!?\n]+[。！？!?]?/gu) ?? []).map((s) => s.trim()).filter((s) => s.length >= 8);
}

function bigrams(s: string): Set<string> {
  const out = new Set<string>();
  const han = s.replace(/[^\p{Script=Han}]/gu, '');
  for (let i = 0; i + 2 <= han.length; i++) out.add(han.slice(i, i + 2));
  return out;
}

function overlap(a: Set<string>, b: Set<string>): number {
  if (a.size === 0) return 0;
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n / a.size;
}

/**
 * The replied orders with their TF-IDF vectors, built once and searched by many drafts:
 * weighing thousands of replies per request would take seconds.
 */
export class ReplyIndex {
  private readonly idf = new Idf();
  private readonly vectors: Vector[];

  constructor(
    private readonly history: OrderText[],
    cache: TermCache,
  ) {
    const terms = history.map((h) => cache.get(h));
    for (const t of terms) this.idf.add(t);
    this.vectors = terms.map((t) => tfidf(t, this.idf));
  }

  get size(): number {
    return this.history.length;
  }

  /** The replied orders most similar to `order` (other than itself), best first. */
  similar(order: { id?: string; title: string; content: string }, tuning = DRAFT_TUNING): { order: OrderText; score: number }[] {
    const q = tfidf(orderTerms(order.title, order.content), this.idf);
    const out: { order: OrderText; score: number }[] = [];
    this.history.forEach((h, i) => {
      if (h.id === order.id || !h.reply) return;
      const score = cosine(q, this.vectors[i]!);
      if (score >= tuning.minSimilarity) out.push({ order: h, score });
    });
    return out.sort((a, b) => b.score - a.score).slice(0, tuning.orders);
  }
}

export function composeDraft(
  order: { title: string; content: string },
  similar: { order: OrderText; score: number }[],
  passages: KnowledgePassage[],
  tuning = DRAFT_TUNING,
): { draft: string; sources: DraftSource[] } {
  const about = bigrams(`${order.title}${order.content}`);
  const sources: DraftSource[] = [];
  const picked: { text: string; rank: number; seq: number }[] = [];
  similar.forEach(({ order: o, score }, k) => {
    const body = sentences(o.reply ?? '').filter((s) => !BOILERPLATE.test(s) && SUBSTANCE.test(s));
    const scored = body.map((text, seq) => ({ text, seq, rank: score * (0.5 + overlap(bigrams(text), about)) - k * 0.05 }));
    const used = scored.sort((a, b) => b.rank - a.rank).slice(0, k === 0 ? tuning.sentences : 1);
    if (used.length === 0) return;
    picked.push(...used.map((u) => ({ ...u, seq: k * 1000 + u.seq })));
    sources.push({ kind: 'order', id: o.id, title: o.title, score: Math.round(score * 1000) / 1000, quote: used.map((u) => u.text).join('') });
  });
  const chosen = picked
    .sort((a, b) => b.rank - a.rank)
    .slice(0, tuning.sentences)
    .sort((a, b) => a.seq - b.seq)
    .map((p) => p.text)
    .filter((t, i, all) => all.indexOf(t) === i);
  const basis = passages.slice(0, tuning.passages);
  for (const p of basis) sources.push({ kind: 'knowledge', id: p.entryId, title: p.title, score: Math.round(p.score * 1000) / 1000, quote: p.text, version: p.version, start: p.start, end: p.end });

  const parts = [`您好！您反映的“${order.title}”问题已收悉。`];
  if (chosen.length) parts.push(`经调查核实，${chosen.map((s) => (/[。！？!?]$/u.test(s) ? s : `${s}。`)).join('')}`);
  else parts.push('经调查核实，【请填写调查核实情况和处理结果】。');
  if (basis.length) parts.push(`依据${basis.map((p) => `《${p.title}》`).join('、')}：${clip(basis[0]!.text, 160)}`);
  parts.push('感谢您对我们工作的理解和支持。');
  return { draft: parts.join('\n'), sources };
}

function clip(s: string, n: number): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length <= n ? t : `${t.slice(0, n)}……`;
}
