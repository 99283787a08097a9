/**
 * First start: a classifier trained on the demo history (data/demo/hotline-history.jsonl,
 * categories of the demo taxonomy), so that intake suggests categories right after
 * `npm start`. A model already in the data directory is never replaced.
 */
import fs from 'node:fs';
import path from 'node:path';
import { systemActor } from '../../auth/actor.js';
import { AppError, ErrorCode } from '../../shared/app-error.js';
import { parseTrainingJsonl } from './evaluate.js';
import { loadModel } from './store.js';
import type { ClassifierTrainingService, RetrainResult } from './training.service.js';

export const DEMO_HISTORY_FILE = 'hotline-history.jsonl';

/** The result of training, or undefined when a model exists or the demo has no history. */
export async function trainDemoModelIfMissing(training: ClassifierTrainingService, dataDir: string, demoDir: string): Promise<RetrainResult | undefined> {
  const file = path.join(demoDir, DEMO_HISTORY_FILE);
  if (loadModel(dataDir) || !fs.existsSync(file)) return undefined;
  const { examples, errors } = parseTrainingJsonl(fs.readFileSync(file, 'utf8'));
  if (errors.length) throw new AppError(ErrorCode.ValidationFailed, `${file} 第 ${errors[0]!.line} 行：${errors[0]!.message}`);
  return training.retrain(systemActor('first-start'), { orders: false, extra: examples, min: 2, folds: 0, seed: 42 });
}
