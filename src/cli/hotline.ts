import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { systemActor } from '../auth/actor.js';
import { loadEnv } from '../config/env.js';
import { parseTrainingJsonl } from '../hotline/classifier/evaluate.js';
import { Classifier, type TrainingExample } from '../hotline/classifier/model.js';
import { loadModel, modelPath } from '../hotline/classifier/store.js';
import type { RetrainResult } from '../hotline/classifier/training.service.js';
import { parseTaxonomyCsv } from '../hotline/intake/taxonomy.js';
import { AppError, ErrorCode } from '../shared/app-error.js';
import { parseOption, withContext } from './cli-support.js';
import { registerHotlineConfigCommands } from './hotline-config.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

const trainOptionsSchema = z.object({
  fromOrders: z.boolean().default(false),
  min: z.coerce.number().int('应为整数').min(2, '至少为 2').optional(),
  folds: z.coerce
    .number()
    .int('应为整数')
    .min(0, '应为 0（不做交叉验证）或 2 到 10')
    .max(10, '不能超过 10')
    .refine((n) => n !== 1, '应为 0（不做交叉验证）或 2 到 10'),
  seed: z.coerce.number().int('应为整数'),
  taxonomy: z.union([z.string(), z.literal(false)]).optional(),
});

function readExamples(file: string): TrainingExample[] {
  const source = path.resolve(file);
  if (!fs.existsSync(source)) throw new AppError(ErrorCode.ValidationFailed, `找不到训练文件：${source}`);
  const { examples, errors } = parseTrainingJsonl(fs.readFileSync(source, 'utf8'));
  if (errors.length) {
    for (const e of errors.slice(0, 20)) console.error(`第 ${e.line} 行：${e.message}`);
    if (errors.length > 20) console.error(`……共 ${errors.length} 行有误`);
    throw new AppError(ErrorCode.ValidationFailed, `训练文件有 ${errors.length} 行格式错误，未训练`);
  }
  return examples;
}

function readTaxonomy(file: string): string[] {
  const source = path.resolve(file);
  if (!fs.existsSync(source)) throw new AppError(ErrorCode.ValidationFailed, `找不到分类文件：${source}`);
  return parseTaxonomyCsv(fs.readFileSync(source, 'utf8')).map((n) => n.path);
}

function report(r: RetrainResult, examples: TrainingExample[]): void {
  const sources = [r.fromOrders ? `已办结工单 ${r.fromOrders}` : '', r.fromFile ? `文件 ${r.fromFile}` : ''].filter(Boolean).join('，');
  console.log(`训练样本 ${r.examples} 条（${sources}），分类体系样例 ${r.taxonomyExamples} 条，一级分类 ${r.categories.length} 个`);
  const e = r.evaluation;
  if (e) {
    const mean = e.foldAccuracy.reduce((a, b) => a + b, 0) / e.foldAccuracy.length;
    const sd = Math.sqrt(e.foldAccuracy.reduce((a, b) => a + (b - mean) ** 2, 0) / e.foldAccuracy.length);
    console.log(`${e.folds} 折分层交叉验证一级分类准确率：${pct(e.accuracy)}（各折 ${e.foldAccuracy.map(pct).join(' ')}；标准差 ${pct(sd)}，最低 ${pct(Math.min(...e.foldAccuracy))}，最高 ${pct(Math.max(...e.foldAccuracy))}）`);
    console.log(`${'类别'.padEnd(12, '　')}    样本  精确率  召回率`);
    for (const c of e.perClass) console.log(`${c.category.padEnd(12, '　')}  ${String(c.support).padStart(6)}  ${pct(c.precision).padStart(6)}  ${pct(c.recall).padStart(6)}`);
  }
  const classifier = new Classifier(loadModel(loadEnv().dataDir)!);
  const kb = Math.round(fs.statSync(r.file).size / 1024);
  console.log(`模型已保存：${r.file}（词表 ${r.vocabulary} 项，${classifier.model.levels.length} 级分类，${kb} KB）`);
  if (examples.length === 0) return;
  // latency as an agent sees it: one message at a time through the saved model, once warm
  for (const x of examples.slice(0, 20)) classifier.classify(x);
  const times = examples.slice(0, 300).map((x) => {
    const t0 = performance.now();
    classifier.classify(x);
    return performance.now() - t0;
  });
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(2);
  console.log(`单条分类耗时：中位 ${at(0.5)} ms，p95 ${at(0.95)} ms（${times.length} 条训练文件中的工单）`);
}

export function registerHotlineCommands(program: Command): void {
  const hotline = program.command('hotline').description('12345 热线工单');
  registerHotlineConfigCommands(hotline);
  hotline
    .command('train [file]')
    .description('训练工单分类模型并输出交叉验证准确率：用历史工单 JSONL（每行 {title, text, category}，分类路径以 / 分级）和/或本系统已办结的工单（--from-orders）；分类体系的名称也作为样例')
    .option('--from-orders', '用数据库中已办结且有分类的工单训练（给出文件时与文件合并）')
    .option('--min <n>', '样本少于此数时不训练、保留现有模型（--from-orders 时默认 50）')
    .option('--folds <n>', '交叉验证折数（0 跳过）', '5')
    .option('--seed <n>', '随机种子', '42')
    .option('--taxonomy <file>', '分类体系 CSV（默认用数据库中已导入的分类体系）')
    .option('--no-taxonomy', '不用分类体系的名称作样例')
    .action(async (file: string | undefined, raw: Record<string, unknown>) => {
      const opts = parseOption(trainOptionsSchema, raw);
      if (!file && !opts.fromOrders) throw new AppError(ErrorCode.ValidationFailed, '请给出训练文件 FILE.jsonl，或使用 --from-orders 用已办结工单训练');
      const extra = file ? readExamples(file) : undefined;
      const taxonomy = typeof opts.taxonomy === 'string' ? readTaxonomy(opts.taxonomy) : opts.taxonomy === false ? [] : undefined;
      if (extra) console.log(`读入 ${extra.length} 条工单`);
      const t0 = performance.now();
      const result = await withContext((ctx) =>
        ctx.hotline.classifier.training.retrain(systemActor('cli'), { orders: opts.fromOrders, extra, min: opts.min ?? (opts.fromOrders ? 50 : 2), folds: opts.folds, seed: opts.seed, taxonomy }),
      );
      console.log(`训练用时 ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      report(result, extra ?? []);
      // the taxonomy's names were worth 2–5 points of accuracy on the shared labelled set
      if (result.taxonomyExamples === 0 && opts.taxonomy !== false) console.log('提示：未用到分类体系（数据库中没有训练样本所属一级分类的下级分类）。先导入分类体系（xiaozheng hotline taxonomy import FILE.csv）或用 --taxonomy FILE.csv 训练，通常更准确');
    });
  hotline
    .command('classify <text>')
    .description('用已训练的模型给一条工单分类')
    .option('--title <title>', '工单标题')
    .action((text: string, opts: { title?: string }) => {
      const model = loadModel(loadEnv().dataDir);
      if (!model) throw new AppError(ErrorCode.Unavailable, `尚未训练工单分类模型（${modelPath(loadEnv().dataDir)} 不存在），请先运行 xiaozheng hotline train FILE.jsonl`);
      console.log(JSON.stringify(new Classifier(model).classify({ title: opts.title, text }), null, 2));
    });
}
