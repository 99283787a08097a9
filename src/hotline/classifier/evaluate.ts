/** Reading training files and stratified, seeded k-fold cross-validation. */
import { stratifiedFolds } from './folds.js';
import { categoryPath, Classifier, train, type TrainingExample, type TrainOptions } from './model.js';

export interface LineError {
  line: number;
  message: string;
}

/** Parses JSONL `{title?, text, category}`; every bad line is reported with its number. */
export function parseTrainingJsonl(content: string): { examples: TrainingExample[]; errors: LineError[] } {
  const examples: TrainingExample[] = [];
  const errors: LineError[] = [];
  content.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim()) return;
    let obj: unknown;
    try {
      obj = JSON.parse(raw);
    } catch {
      errors.push({ line, message: '不是合法的 JSON' });
      return;
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
      errors.push({ line, message: '应为 JSON 对象' });
      return;
    }
    const o = obj as Record<string, unknown>;
    if (typeof o.text !== 'string' || !o.text.trim()) errors.push({ line, message: '字段 text 缺失或为空' });
    else if (o.title !== undefined && o.title !== null && typeof o.title !== 'string') errors.push({ line, message: '字段 title 应为字符串' });
    else if (typeof o.category !== 'string' || categoryPath(o.category).length === 0) errors.push({ line, message: '字段 category 缺失或为空' });
    else examples.push({ title: typeof o.title === 'string' ? o.title : undefined, text: o.text, category: categoryPath(o.category).join('/') });
  });
  return { examples, errors };
}

export interface ClassReport {
  category: string;
  support: number;
  precision: number;
  recall: number;
}

export interface CrossValidationReport {
  folds: number;
  examples: number;
  /** first-level accuracy over all held-out predictions */
  accuracy: number;
  /** accuracy of each fold, to show the spread */
  foldAccuracy: number[];
  perClass: ClassReport[];
}

const firstLevel = (category: string) => categoryPath(category)[0]!;

export function crossValidate(examples: TrainingExample[], folds: number, options: TrainOptions = {}): CrossValidationReport {
  if (folds < 2 || folds > examples.length) throw new Error(`folds must be between 2 and ${examples.length}`);
  const parts = stratifiedFolds(examples.map((e) => firstLevel(e.category)), folds, options.seed ?? 42);
  const pairs: { truth: string; predicted: string }[] = [];
  const foldAccuracy: number[] = [];
  for (const heldOut of parts) {
    const held = new Set(heldOut);
    const classifier = new Classifier(train(examples.filter((_, i) => !held.has(i)), options));
    let right = 0;
    for (const i of heldOut) {
      const e = examples[i]!;
      const predicted = firstLevel(classifier.classify(e).category);
      const truth = firstLevel(e.category);
      if (predicted === truth) right++;
      pairs.push({ truth, predicted });
    }
    foldAccuracy.push(heldOut.length ? right / heldOut.length : 0);
  }
  const classes = [...new Set(pairs.map((p) => p.truth))].sort();
  const perClass = classes.map((category) => {
    const support = pairs.filter((p) => p.truth === category).length;
    const predicted = pairs.filter((p) => p.predicted === category).length;
    const hits = pairs.filter((p) => p.truth === category && p.predicted === category).length;
    return { category, support, precision: predicted ? hits / predicted : 0, recall: support ? hits / support : 0 };
  });
  const accuracy = pairs.filter((p) => p.truth === p.predicted).length / pairs.length;
  return { folds, examples: examples.length, accuracy, foldAccuracy, perClass };
}
