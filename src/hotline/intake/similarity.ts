/**
 * Text similarity of work orders: TF-IDF (sublinear tf, L2-normalised) over jieba words and
 * character bigrams, cosine between orders. Words carry the matter (停车/收费); bigrams catch
 * what jieba splits differently in two messages about the same thing (names of estates,
 * typos). Boilerplate every citizen writes (您好, 请问, 希望, 相关部门) is left out, since two
 * orders sharing only it are not about the same matter.
 */
import { cutWords } from '../../text/segmenter.js';
import { normalizeText } from '../../text/normalize.js';

export type TermCounts = Map<string, number>;
export type Vector = Map<string, number>;

const TITLE_WEIGHT = 2;
const HAN_RUN = /\p{Script=Han}+/gu;
/** Anonymised place codes (A3区, K8县) say where, not what: places are compared separately. */
const PLACE_CODE = /[A-Za-z]+\d*[省市区县]?/gu;
const FILLER = new Set(
  '您好 你好 请问 希望 相关 部门 领导 政府 问题 情况 反映 关于 咨询 投诉 举报 建议 请求 要求 解决 处理 是否 什么 怎么 如何 为什么 没有 一个 我们 他们 你们 自己 现在 已经 还是 可以 能否 这个 那个 这些 那些 这样 一下 谢谢 感谢 尽快 及时 认真 有关 进行 存在 严重 一直 非常 由于 因为 所以 但是 而且 目前 本人 我家 市民 网友 群众 居民'.split(
    ' ',
  ),
);
const FILLER_CHARS = /^[的了是在我你他她它们和与及或也都就还很有这那个之其把被给对向从到为以而且但并]+$/u;

/** Weighted term counts of one order: words as `w:`, character bigrams as `b:`. */
export function orderTerms(title: string | undefined, text: string): TermCounts {
  const out: TermCounts = new Map();
  const add = (s: string, weight: number) => {
    const norm = normalizeText(s).replace(PLACE_CODE, ' ');
    for (const w of cutWords(norm)) {
      if (w.length < 2 || !/\p{Script=Han}/u.test(w) || FILLER.has(w) || FILLER_CHARS.test(w)) continue;
      out.set(`w:${w}`, (out.get(`w:${w}`) ?? 0) + weight);
    }
    for (const run of norm.match(HAN_RUN) ?? []) {
      for (let i = 0; i + 2 <= run.length; i++) {
        const bg = run.slice(i, i + 2);
        if (FILLER_CHARS.test(bg) || FILLER.has(bg)) continue;
        out.set(`b:${bg}`, (out.get(`b:${bg}`) ?? 0) + weight);
      }
    }
  };
  if (title) add(title, TITLE_WEIGHT);
  add(text, 1);
  return out;
}

/** Inverse document frequencies of a collection; terms unseen in it get the highest weight. */
export class Idf {
  private readonly df = new Map<string, number>();
  private n = 0;

  add(doc: TermCounts): void {
    this.n++;
    for (const t of doc.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
  }

  weight(term: string): number {
    return Math.log((1 + this.n) / (1 + (this.df.get(term) ?? 0))) + 1;
  }

  get size(): number {
    return this.n;
  }
}

export function tfidf(doc: TermCounts, idf: Idf): Vector {
  const v: Vector = new Map();
  let norm = 0;
  for (const [t, tf] of doc) {
    const w = (1 + Math.log(tf)) * idf.weight(t);
    v.set(t, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [t, w] of v) v.set(t, w / norm);
  return v;
}

export function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [t, w] of small) {
    const o = large.get(t);
    if (o !== undefined) s += w * o;
  }
  return s;
}

/** The heaviest words of a vector (for labels and reasons), longest first among equals. */
export function topWords(v: Vector, limit: number): string[] {
  return [...v.entries()]
    .filter(([t]) => t.startsWith('w:'))
    .sort((a, b) => b[1] - a[1] || b[0].length - a[0].length)
    .slice(0, limit)
    .map(([t]) => t.slice(2));
}

/** Average of unit vectors, renormalised: the centre of a cluster. */
export function centroid(vectors: Vector[]): Vector {
  const sum: Vector = new Map();
  for (const v of vectors) for (const [t, w] of v) sum.set(t, (sum.get(t) ?? 0) + w);
  let norm = 0;
  for (const w of sum.values()) norm += w * w;
  norm = Math.sqrt(norm) || 1;
  for (const [t, w] of sum) sum.set(t, w / norm);
  return sum;
}
