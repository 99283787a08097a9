/**
 * Training from the center's own closed orders and/or a history file:
 * the model learns how this center classifies. The new model replaces the old one only when
 * training succeeded (write-then-rename), and every retrain is audited with its figures.
 */
import type { Actor } from '../../auth/actor.js';
import type { AuditRecorder } from '../../audit/audit.types.js';
import { assertCan } from '../../auth/policy.js';
import { AppError, ErrorCode } from '../../shared/app-error.js';
import { categoryPath, type TrainingExample } from './categories.js';
import { saveModel } from './store.js';
import type { TrainingRunInput, TrainingRunOutput } from './training-run.js';
import type { TrainingRepository } from './training.repository.js';

export interface RetrainInput {
  /** learn from the closed orders in the database (false: from `extra` alone) */
  orders: boolean;
  /** examples from a history file, merged with the orders */
  extra?: TrainingExample[];
  /** fewest examples (orders plus file) worth a model; fewer leave the current model in place */
  min: number;
  /** cross-validation folds reported with the result; 0 skips it */
  folds: number;
  seed: number;
  /** taxonomy paths learned as examples; undefined: the database's active taxonomy */
  taxonomy?: string[];
}

export interface RetrainResult {
  file: string;
  trainedAt: string;
  examples: number;
  fromOrders: number;
  fromFile: number;
  taxonomyExamples: number;
  /** first-level categories the model chooses among */
  categories: string[];
  vocabulary: number;
  evaluation: { folds: number; accuracy: number; foldAccuracy: number[]; perClass: { category: string; support: number; precision: number; recall: number }[] } | null;
}

/** Beyond this many orders training takes minutes and adds little; the most recent ones count. */
export const MAX_TRAINING_ORDERS = 20000;

export class ClassifierTrainingService {
  private running = false;

  constructor(
    private readonly deps: {
      repo: TrainingRepository;
      audit: AuditRecorder;
      dataDir: string;
      /** where the CPU work happens: a worker thread in the server, inline in the CLI */
      run: (input: TrainingRunInput) => Promise<TrainingRunOutput>;
    },
  ) {}

  async retrain(actor: Actor, input: RetrainInput, meta: { ip?: string } = {}): Promise<RetrainResult> {
    assertCan(actor, 'hotline.config');
    if (this.running) throw new AppError(ErrorCode.Conflict, '分类模型正在训练，请稍后再试');
    this.running = true;
    try {
      const orders = input.orders ? await this.deps.repo.closedOrders(MAX_TRAINING_ORDERS) : [];
      const extra = input.extra ?? [];
      const examples = [...orders, ...extra];
      const counts = [input.orders ? `已办结且有分类的工单 ${orders.length} 条` : '', input.extra ? `文件 ${extra.length} 条` : ''].filter(Boolean).join('，');
      if (examples.length < input.min) throw new AppError(ErrorCode.ValidationFailed, `可用于训练的样本只有 ${examples.length} 条（${counts}），少于最低要求 ${input.min} 条，模型未更新`);
      const firstLevels = [...new Set(examples.map((e) => categoryPath(e.category)[0]!))].sort();
      if (firstLevels.length < 2) throw new AppError(ErrorCode.ValidationFailed, `训练样本只有一个一级分类（${firstLevels[0] ?? '无'}），无法区分类别，模型未更新`);
      if (input.folds > examples.length) throw new AppError(ErrorCode.ValidationFailed, `交叉验证折数（folds）不能超过样本数 ${examples.length}`);
      const taxonomy = input.taxonomy ?? (await this.deps.repo.taxonomyPaths());
      const { model, evaluation } = await this.deps.run({ examples, options: { seed: input.seed, taxonomy }, folds: input.folds });
      const file = saveModel(this.deps.dataDir, model);
      const result: RetrainResult = {
        file,
        trainedAt: model.trainedAt,
        examples: examples.length,
        fromOrders: orders.length,
        fromFile: extra.length,
        taxonomyExamples: model.taxonomyExamples,
        categories: model.levels[0]!.labels,
        vocabulary: model.vocabulary.length,
        evaluation: evaluation ? { folds: evaluation.folds, accuracy: evaluation.accuracy, foldAccuracy: evaluation.foldAccuracy, perClass: evaluation.perClass } : null,
      };
      const { file: _file, ...summary } = result;
      await this.deps.audit.record({ actor, action: 'hotline.classifier.retrain', entityType: 'hotline_classifier', entityId: model.trainedAt, after: summary, ip: meta.ip });
      return result;
    } finally {
      this.running = false;
    }
  }
}
