/**
 * One training run: cross-validation (when asked) and the final model. Pure computation, so
 * it runs the same inline (CLI) and in a worker thread (server, training.worker.ts).
 */
import { crossValidate, type CrossValidationReport } from './evaluate.js';
import { train, type ClassifierModel, type TrainingExample, type TrainOptions } from './model.js';

export interface TrainingRunInput {
  examples: TrainingExample[];
  options: TrainOptions;
  /** 0: no cross-validation */
  folds: number;
}

export interface TrainingRunOutput {
  model: ClassifierModel;
  evaluation?: CrossValidationReport;
}

export function runTraining(input: TrainingRunInput): TrainingRunOutput {
  const evaluation = input.folds > 0 ? crossValidate(input.examples, input.folds, input.options) : undefined;
  return { model: train(input.examples, input.options), evaluation };
}
