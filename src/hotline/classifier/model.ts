/**
 * Work-order category classifier: TF-IDF (sublinear tf, L2-normalised) over jieba words and
 * character bigrams/trigrams, multinomial logistic regression trained by seeded SGD.
 * One model per taxonomy level present in the data (categories are paths "一级/二级/三级");
 * a deeper level only chooses among the children of the level above.
 */
import { extractTerms, termText } from './features.js';
import { classifyType, type OrderType } from './order-type.js';

export const CATEGORY_SEPARATOR = '/';
export const MODEL_FORMAT = 'xiaozheng.hotline.classifier/1';

export interface TrainingExample {
  title?: string;
  text: string;
  category: string;
}

export interface TrainOptions {
  epochs?: number;
  /** L2 regularisation strength */
  lambda?: number;
  seed?: number;
  /** terms seen in fewer documents are dropped: they cannot generalise and bloat the model */
  minDf?: number;
}

interface LevelModel {
  labels: string[];
  /** labels × vocabulary, row-major */
  weights: number[];
  bias: number[];
}

export interface ClassifierModel {
  format: typeof MODEL_FORMAT;
  trainedAt: string;
  examples: number;
  vocabulary: string[];
  idf: number[];
  levels: LevelModel[];
}

export interface Classification {
  category: string;
  confidence: number;
  alternatives: { category: string; confidence: number }[];
  type: OrderType;
  terms: string[];
}

const DEFAULTS: Required<TrainOptions> = { epochs: 80, lambda: 1e-5, seed: 42, minDf: 2 };

export function categoryPath(category: string): string[] {
  return category
    .split(CATEGORY_SEPARATOR)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Deterministic PRNG (mulberry32) so training and cross-validation repeat exactly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: T[], rand: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

interface SparseVector {
  idx: number[];
  val: number[];
}

function vectorize(terms: Map<string, number>, index: Map<string, number>, idf: ArrayLike<number>): SparseVector {
  const idx: number[] = [];
  const val: number[] = [];
  let norm = 0;
  for (const [term, tf] of terms) {
    const j = index.get(term);
    if (j === undefined) continue;
    const v = (1 + Math.log(tf)) * idf[j]!;
    idx.push(j);
    val.push(v);
    norm += v * v;
  }
  norm = Math.sqrt(norm) || 1;
  for (let k = 0; k < val.length; k++) val[k]! /= norm;
  return { idx, val };
}

function softmax(scores: number[]): number[] {
  const max = Math.max(...scores);
  const e = scores.map((s) => Math.exp(s - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / sum);
}

function trainLevel(xs: SparseVector[], ys: number[], labels: number, dims: number, o: Required<TrainOptions>): { weights: Float64Array; bias: Float64Array } {
  // Bottou's SGD with the L2 shrink kept as one scale factor, so a step costs O(non-zeros)
  const v = new Float64Array(labels * dims);
  const bias = new Float64Array(labels);
  let scale = 1;
  const eta0 = 0.5;
  const rand = seededRandom(o.seed);
  const order = xs.map((_, i) => i);
  let t = 0;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    shuffle(order, rand);
    for (const i of order) {
      const x = xs[i]!;
      const scores: number[] = new Array(labels);
      for (let c = 0; c < labels; c++) {
        let s = 0;
        const base = c * dims;
        for (let k = 0; k < x.idx.length; k++) s += v[base + x.idx[k]!]! * x.val[k]!;
        scores[c] = s * scale + bias[c]!;
      }
      const p = softmax(scores);
      const eta = eta0 / (1 + o.lambda * eta0 * t++);
      scale *= 1 - eta * o.lambda;
      if (scale < 1e-6) {
        for (let j = 0; j < v.length; j++) v[j]! *= scale;
        scale = 1;
      }
      for (let c = 0; c < labels; c++) {
        const g = p[c]! - (ys[i] === c ? 1 : 0);
        if (Math.abs(g) < 1e-9) continue;
        const base = c * dims;
        const step = (eta * g) / scale;
        for (let k = 0; k < x.idx.length; k++) v[base + x.idx[k]!]! -= step * x.val[k]!;
        bias[c]! -= eta * g * 0.1;
      }
    }
  }
  for (let j = 0; j < v.length; j++) v[j]! *= scale;
  return { weights: v, bias };
}

const round = (x: number) => Math.round(x * 1e5) / 1e5;

export function train(examples: TrainingExample[], options: TrainOptions = {}): ClassifierModel {
  const o = { ...DEFAULTS, ...options };
  if (examples.length === 0) throw new Error('no training examples');
  const docs = examples.map((e) => extractTerms(e.title, e.text));
  const df = new Map<string, number>();
  for (const d of docs) for (const term of d.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  // with very few examples every term is rare: never drop below what one document gives
  const minDf = examples.length < 50 ? 1 : o.minDf;
  const vocabulary = [...df.entries()].filter(([, n]) => n >= minDf).map(([term]) => term).sort();
  const index = new Map(vocabulary.map((term, j) => [term, j]));
  const n = examples.length;
  const idf = vocabulary.map((term) => Math.log((1 + n) / (1 + df.get(term)!)) + 1);
  const xs = docs.map((d) => vectorize(d, index, idf));
  const paths = examples.map((e) => categoryPath(e.category));
  const depth = Math.max(...paths.map((p) => p.length));
  const levels: LevelModel[] = [];
  for (let level = 1; level <= depth; level++) {
    const rows = paths.map((p, i) => ({ p, i })).filter(({ p }) => p.length >= level);
    const labels = [...new Set(rows.map(({ p }) => p.slice(0, level).join(CATEGORY_SEPARATOR)))].sort();
    const labelIndex = new Map(labels.map((l, c) => [l, c]));
    const { weights, bias } = trainLevel(
      rows.map(({ i }) => xs[i]!),
      rows.map(({ p }) => labelIndex.get(p.slice(0, level).join(CATEGORY_SEPARATOR))!),
      labels.length,
      vocabulary.length,
      o,
    );
    levels.push({ labels, weights: Array.from(weights, round), bias: Array.from(bias, round) });
  }
  return { format: MODEL_FORMAT, trainedAt: new Date().toISOString(), examples: n, vocabulary, idf: idf.map(round), levels };
}

/** A loaded model with its lookup structures built once. */
export class Classifier {
  private readonly index: Map<string, number>;

  constructor(readonly model: ClassifierModel) {
    this.index = new Map(model.vocabulary.map((term, j) => [term, j]));
  }

  private scores(level: LevelModel, x: SparseVector, candidates: number[]): number[] {
    const dims = this.model.vocabulary.length;
    return candidates.map((c) => {
      let s = level.bias[c]!;
      const base = c * dims;
      for (let k = 0; k < x.idx.length; k++) s += level.weights[base + x.idx[k]!]! * x.val[k]!;
      return s;
    });
  }

  classify(input: { title?: string; text: string }, maxAlternatives = 3): Classification {
    const x = vectorize(extractTerms(input.title, input.text), this.index, this.model.idf);
    const top = this.model.levels[0]!;
    const all = top.labels.map((_, c) => c);
    const probs = softmax(this.scores(top, x, all));
    const ranked = all.sort((a, b) => probs[b]! - probs[a]!);
    const best = ranked[0]!;
    let category = top.labels[best]!;
    let confidence = probs[best]!;
    let chosen = { level: top, label: best };
    // deeper levels: among the children of the category chosen so far
    for (const level of this.model.levels.slice(1)) {
      const children = level.labels.map((l, c) => ({ l, c })).filter(({ l }) => l.startsWith(category + CATEGORY_SEPARATOR));
      if (children.length === 0) break;
      const p = softmax(this.scores(level, x, children.map(({ c }) => c)));
      const k = p.indexOf(Math.max(...p));
      category = children[k]!.l;
      confidence *= p[k]!;
      chosen = { level, label: children[k]!.c };
    }
    return {
      category,
      confidence: round(confidence),
      alternatives: ranked.slice(1, 1 + maxAlternatives).map((c) => ({ category: top.labels[c]!, confidence: round(probs[c]!) })),
      type: classifyType(input.title, input.text),
      terms: this.explain(chosen.level, chosen.label, x),
    };
  }

  /** The present terms that pushed most toward the chosen label, as readable words. */
  private explain(level: LevelModel, label: number, x: SparseVector, limit = 8): string[] {
    const dims = this.model.vocabulary.length;
    const labels = level.labels.length;
    const contributions = x.idx.map((j, k) => {
      // relative to the average label, so terms every class weighs alike do not count
      let mean = 0;
      for (let c = 0; c < labels; c++) mean += level.weights[c * dims + j]!;
      mean /= labels;
      return { term: termText(this.model.vocabulary[j]!), score: (level.weights[label * dims + j]! - mean) * x.val[k]! };
    });
    contributions.sort((a, b) => b.score - a.score);
    const out: string[] = [];
    // terms that tipped the balance only slightly are noise to the reader
    const floor = Math.max(0, contributions[0]?.score ?? 0) * 0.25;
    for (const { term, score } of contributions) {
      if (score <= floor || out.length >= limit) break;
      // a single character helps the decision but explains nothing to the agent reading it
      if ([...term].length < 2) continue;
      if (out.some((t) => t.includes(term))) continue;
      // a longer term holding ones already listed (公交车 over 公交) reads better in their place
      const held = out.findIndex((t) => term.includes(t));
      if (held >= 0) out.splice(held, 1, term);
      else out.push(term);
      for (let i = out.length - 1; i > held && held >= 0; i--) if (term.includes(out[i]!)) out.splice(i, 1);
    }
    return out;
  }
}
