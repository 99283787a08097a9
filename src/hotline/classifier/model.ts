/**
 * Work-order category classifier: TF-IDF (sublinear tf, L2-normalised) over jieba words and
 * character 1–3-grams, linear SVMs (one-vs-rest) per taxonomy level present in the data
 * (categories are paths "一级/二级/三级"). The first level chooses among all first-level
 * categories; each deeper level is trained, and chooses, only among the children of the
 * category chosen above it. The configured taxonomy's names join the history as short
 * examples (taxonomy-examples.ts). Confidences are a softmax of the decision values at a
 * temperature fitted on held-out predictions, so "0.8" means right about four times in five.
 */
import { CATEGORY_SEPARATOR, categoryPath, type TrainingExample } from './categories.js';
import { extractTerms, isWordTerm, termText, TITLE_WEIGHT } from './features.js';
import { stratifiedFolds } from './folds.js';
import { trainOneVsRest, type SparseVector } from './linear-svm.js';
import { classifyType, type OrderType } from './order-type.js';
import { taxonomyExamples } from './taxonomy-examples.js';

export { CATEGORY_SEPARATOR, categoryPath, type TrainingExample } from './categories.js';

export const MODEL_FORMAT = 'xiaozheng.hotline.classifier/2';
/** Softmax regression models saved before the SVM; still served (see migrateModel). */
const FORMAT_V1 = 'xiaozheng.hotline.classifier/1';

export interface TrainOptions {
  /** SVM cost; 3 sat on the plateau (1–10) of cross-validated accuracy on the shared set */
  C?: number;
  seed?: number;
  /** terms seen in fewer documents are dropped: they cannot generalise and bloat the model */
  minDf?: number;
  /** category paths of the configured taxonomy, learned as examples of their categories */
  taxonomy?: string[];
}

/** One label's weights, sparse: a label of a deeper level only ever saw its siblings' terms. */
interface LabelWeights {
  /** indices into the vocabulary */
  terms: number[];
  weights: number[];
}

interface LevelModel {
  /** full category paths of this level */
  labels: string[];
  bias: number[];
  rows: LabelWeights[];
}

export interface ClassifierModel {
  format: typeof MODEL_FORMAT;
  trainedAt: string;
  /** messages of the history (taxonomy examples not counted) */
  examples: number;
  taxonomyExamples: number;
  /** how the terms were counted when the model was trained; classification counts them alike */
  features: { titleWeight: number };
  /** decision values are multiplied by this before the softmax */
  temperature: number;
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

const DEFAULTS = { C: 3, seed: 42, minDf: 2 };
/** Used when there are too few examples to fit the temperature on held-out predictions. */
const DEFAULT_TEMPERATURE = 2;
const CALIBRATION_FOLDS = 3;

const round = (x: number) => Math.round(x * 1e5) / 1e5;

interface ModelV1 {
  trainedAt: string;
  examples: number;
  vocabulary: string[];
  idf: number[];
  levels: { labels: string[]; weights: number[]; bias: number[] }[];
}

/**
 * Brings a saved model of an earlier format up to the current one, or undefined when the
 * object is no model this code can serve.
 */
export function migrateModel(raw: unknown): ClassifierModel | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const format = (raw as { format?: unknown }).format;
  if (format === MODEL_FORMAT) return raw as ClassifierModel;
  if (format !== FORMAT_V1) return undefined;
  // v1: softmax-regression logits (temperature 1), dense label × vocabulary weights, titles counted twice
  const v1 = raw as ModelV1;
  const dims = v1.vocabulary.length;
  const levels = v1.levels.map((l) => ({ labels: l.labels, bias: l.bias, rows: l.labels.map((_, c) => sparseRow(l.weights.slice(c * dims, (c + 1) * dims))) }));
  return { format: MODEL_FORMAT, trainedAt: v1.trainedAt, examples: v1.examples, taxonomyExamples: 0, features: { titleWeight: 2 }, temperature: 1, vocabulary: v1.vocabulary, idf: v1.idf, levels };
}

function sparseRow(dense: ArrayLike<number>): LabelWeights {
  const row: LabelWeights = { terms: [], weights: [] };
  for (let j = 0; j < dense.length; j++) {
    const w = round(dense[j]!);
    if (w !== 0) {
      row.terms.push(j);
      row.weights.push(w);
    }
  }
  return row;
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

function denseScores(weights: Float64Array, bias: Float64Array, dims: number, x: SparseVector): number[] {
  return Array.from(bias, (b, c) => {
    let s = b;
    for (let k = 0; k < x.idx.length; k++) s += weights[c * dims + x.idx[k]!]! * x.val[k]!;
    return s;
  });
}

/**
 * The softmax temperature that makes held-out first-level decision values most likely (least
 * log loss), searched on a log grid: SVM margins are no probabilities, and an agent reads the
 * confidence as one. Only history messages are held out; taxonomy examples always train.
 */
function fitTemperature(xs: SparseVector[], ys: number[], history: number, labels: number, dims: number, seed: number, C: number): number {
  const counts = new Map<number, number>();
  for (const y of ys.slice(0, history)) counts.set(y, (counts.get(y) ?? 0) + 1);
  if (labels < 2 || history < 20 || Math.min(...counts.values()) < CALIBRATION_FOLDS) return DEFAULT_TEMPERATURE;
  const held: { scores: number[]; y: number }[] = [];
  for (const fold of stratifiedFolds(ys.slice(0, history).map(String), CALIBRATION_FOLDS, seed)) {
    const out = new Set(fold);
    const keep = xs.map((_, i) => i).filter((i) => !out.has(i));
    const { weights, bias } = trainOneVsRest(keep.map((i) => xs[i]!), keep.map((i) => ys[i]!), labels, dims, { C, seed });
    for (const i of fold) held.push({ scores: denseScores(weights, bias, dims, xs[i]!), y: ys[i]! });
  }
  let best = { t: DEFAULT_TEMPERATURE, loss: Infinity };
  for (let t = 0.25; t <= 32; t *= 1.1) {
    const loss = held.reduce((sum, h) => sum - Math.log(softmax(h.scores.map((s) => s * t))[h.y]! + 1e-12), 0);
    if (loss < best.loss) best = { t, loss };
  }
  return round(best.t);
}

export function train(history: TrainingExample[], options: TrainOptions = {}): ClassifierModel {
  const o = { ...DEFAULTS, ...options };
  if (history.length === 0) throw new Error('no training examples');
  const fromTaxonomy = taxonomyExamples(o.taxonomy ?? [], history);
  const examples = [...history, ...fromTaxonomy];
  const docs = examples.map((e) => extractTerms(e.title, e.text, TITLE_WEIGHT));
  const df = new Map<string, number>();
  for (const d of docs) for (const term of d.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  // with very few examples every term is rare: never drop below what one document gives
  const minDf = history.length < 50 ? 1 : o.minDf;
  const vocabulary = [...df.entries()].filter(([, n]) => n >= minDf).map(([term]) => term).sort();
  const index = new Map(vocabulary.map((term, j) => [term, j]));
  const n = examples.length;
  const idf = vocabulary.map((term) => Math.log((1 + n) / (1 + df.get(term)!)) + 1);
  const xs = docs.map((d) => vectorize(d, index, idf));
  const paths = examples.map((e) => categoryPath(e.category));
  const dims = vocabulary.length;
  const levels: LevelModel[] = [];
  let temperature = DEFAULT_TEMPERATURE;
  for (let level = 1; level <= Math.max(...paths.map((p) => p.length)); level++) {
    const labelOf = (p: string[]) => p.slice(0, level).join(CATEGORY_SEPARATOR);
    const rows = paths.map((p, i) => ({ p, i })).filter(({ p }) => p.length >= level);
    const labels = [...new Set(rows.map(({ p }) => labelOf(p)))].sort();
    const model: LevelModel = { labels, bias: labels.map(() => 0), rows: labels.map(() => ({ terms: [], weights: [] })) };
    // each parent's children are told apart among themselves only (one group at the first level)
    const parents = new Map<string, string[]>();
    for (const l of labels) {
      const parent = categoryPath(l).slice(0, -1).join(CATEGORY_SEPARATOR);
      parents.set(parent, [...(parents.get(parent) ?? []), l]);
    }
    for (const [parent, children] of parents) {
      // a lone child is chosen whatever the text says: nothing to learn
      if (children.length < 2) continue;
      const group = rows.filter(({ p }) => level === 1 || p.slice(0, level - 1).join(CATEGORY_SEPARATOR) === parent);
      const childIndex = new Map(children.map((l, c) => [l, c]));
      const gx = group.map(({ i }) => xs[i]!);
      const gy = group.map(({ p }) => childIndex.get(labelOf(p))!);
      const { weights, bias } = trainOneVsRest(gx, gy, children.length, dims, { C: o.C, seed: o.seed });
      children.forEach((l, c) => {
        const at = labels.indexOf(l);
        model.bias[at] = round(bias[c]!);
        model.rows[at] = sparseRow(weights.subarray(c * dims, (c + 1) * dims));
      });
      if (level === 1) temperature = fitTemperature(gx, gy, history.length, children.length, dims, o.seed, o.C);
    }
    levels.push(model);
  }
  return {
    format: MODEL_FORMAT,
    trainedAt: new Date().toISOString(),
    examples: history.length,
    taxonomyExamples: fromTaxonomy.length,
    features: { titleWeight: TITLE_WEIGHT },
    temperature,
    vocabulary,
    idf: idf.map(round),
    levels,
  };
}

interface WeightLookup {
  get(j: number): number | undefined;
}

/**
 * A first-level label has a weight for most of the vocabulary: an array is many times faster
 * to read than a map there (a long message touches thousands of terms). A deeper label saw
 * only its siblings' terms; a map keeps hundreds of them small.
 */
function weightLookup(row: LabelWeights, dims: number): WeightLookup {
  if (row.terms.length * 4 < dims) return new Map(row.terms.map((j, k) => [j, row.weights[k]!]));
  const dense = new Float64Array(dims);
  row.terms.forEach((j, k) => {
    dense[j] = row.weights[k]!;
  });
  return { get: (j) => dense[j] };
}

/** A loaded model with its lookup structures built once. */
export class Classifier {
  private readonly index: Map<string, number>;
  /** per level, per label: vocabulary index → weight */
  private readonly weights: WeightLookup[][];

  constructor(readonly model: ClassifierModel) {
    this.index = new Map(model.vocabulary.map((term, j) => [term, j]));
    const dims = model.vocabulary.length;
    this.weights = model.levels.map((l) => l.rows.map((r) => weightLookup(r, dims)));
  }

  private probabilities(level: number, x: SparseVector, candidates: number[]): number[] {
    const bias = this.model.levels[level]!.bias;
    const scores = candidates.map((c) => {
      const w = this.weights[level]![c]!;
      let s = bias[c]!;
      for (let k = 0; k < x.idx.length; k++) s += (w.get(x.idx[k]!) ?? 0) * x.val[k]!;
      return s * this.model.temperature;
    });
    return softmax(scores);
  }

  classify(input: { title?: string; text: string }, maxAlternatives = 3): Classification {
    const x = vectorize(extractTerms(input.title, input.text, this.model.features.titleWeight), this.index, this.model.idf);
    const top = this.model.levels[0]!;
    const all = top.labels.map((_, c) => c);
    const probs = this.probabilities(0, x, all);
    const ranked = all.sort((a, b) => probs[b]! - probs[a]!);
    const best = ranked[0]!;
    let category = top.labels[best]!;
    let confidence = probs[best]!;
    let chosen = { level: 0, label: best, among: all };
    // deeper levels: among the children of the category chosen so far
    for (let level = 1; level < this.model.levels.length; level++) {
      const labels = this.model.levels[level]!.labels;
      const children = labels.map((_, c) => c).filter((c) => labels[c]!.startsWith(category + CATEGORY_SEPARATOR));
      if (children.length === 0) break;
      const p = this.probabilities(level, x, children);
      const k = p.indexOf(Math.max(...p));
      category = labels[children[k]!]!;
      confidence *= p[k]!;
      // a lone child explains nothing: the terms stay those of the last real choice
      if (children.length > 1) chosen = { level, label: children[k]!, among: children };
    }
    return {
      category,
      confidence: round(confidence),
      alternatives: ranked.slice(1, 1 + maxAlternatives).map((c) => ({ category: top.labels[c]!, confidence: round(probs[c]!) })),
      type: classifyType(input.title, input.text),
      terms: this.explain(chosen, x),
    };
  }

  /**
   * The present terms that pushed most toward the chosen label, as readable words: jieba words
   * first (an agent reads 物业 收费, not 物业收 业收费); character n-grams only when no word did.
   */
  private explain(chosen: { level: number; label: number; among: number[] }, x: SparseVector, limit = 8): string[] {
    const rows = this.weights[chosen.level]!;
    const contributions = x.idx.map((j, k) => {
      // relative to the average of the labels it was chosen among, so terms all weigh alike do not count
      const mean = chosen.among.reduce((s, c) => s + (rows[c]!.get(j) ?? 0), 0) / chosen.among.length;
      const key = this.model.vocabulary[j]!;
      return { term: termText(key), word: isWordTerm(key), score: ((rows[chosen.label]!.get(j) ?? 0) - mean) * x.val[k]! };
    });
    contributions.sort((a, b) => b.score - a.score);
    // terms that tipped the balance only slightly are noise to the reader
    const floor = Math.max(0, contributions[0]?.score ?? 0) * 0.25;
    const strong = contributions.filter((c) => c.score > floor);
    const words = readable(strong.filter((c) => c.word).map((c) => c.term), limit);
    return words.length ? words : readable(strong.map((c) => c.term), limit);
  }
}

/** Terms in order, without single characters and without a term already held by a longer one. */
function readable(terms: string[], limit: number): string[] {
  const out: string[] = [];
  for (const term of terms) {
    if (out.length >= limit) break;
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
