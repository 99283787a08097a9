import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadEnv } from '../config/env.js';
import { crossValidate, parseTrainingJsonl } from '../hotline/classifier/evaluate.js';
import { Classifier, train } from '../hotline/classifier/model.js';
import { loadModel, saveModel } from '../hotline/classifier/store.js';
import { AppError, ErrorCode } from '../shared/app-error.js';
import { registerHotlineConfigCommands } from './hotline-config.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function registerHotlineCommands(program: Command): void {
  const hotline = program.command('hotline').description('12345 热线工单');
  registerHotlineConfigCommands(hotline);
  hotline
    .command('train <file>')
    .description('用历史工单 JSONL（每行 {title, text, category}，分类路径以 / 分级）训练分类模型，输出交叉验证准确率')
    .option('--folds <n>', '交叉验证折数（0 跳过）', '5')
    .option('--seed <n>', '随机种子', '42')
    .action((file: string, opts: { folds: string; seed: string }) => {
      const folds = Number(opts.folds);
      const seed = Number(opts.seed);
      if (!Number.isInteger(folds) || folds < 0) throw new AppError(ErrorCode.ValidationFailed, '--folds 应为非负整数');
      if (!Number.isInteger(seed)) throw new AppError(ErrorCode.ValidationFailed, '--seed 应为整数');
      const source = path.resolve(file);
      if (!fs.existsSync(source)) throw new AppError(ErrorCode.ValidationFailed, `找不到训练文件：${source}`);
      const { examples, errors } = parseTrainingJsonl(fs.readFileSync(source, 'utf8'));
      if (errors.length) {
        for (const e of errors.slice(0, 20)) console.error(`第 ${e.line} 行：${e.message}`);
        if (errors.length > 20) console.error(`……共 ${errors.length} 行有误`);
        throw new AppError(ErrorCode.ValidationFailed, `训练文件有 ${errors.length} 行格式错误，未训练`);
      }
      if (examples.length < 2) throw new AppError(ErrorCode.ValidationFailed, '训练文件至少需要 2 条工单');
      console.log(`读入 ${examples.length} 条工单`);
      if (folds > 0) {
        if (folds < 2 || folds > examples.length) throw new AppError(ErrorCode.ValidationFailed, `--folds 应在 2 到 ${examples.length} 之间`);
        const t0 = performance.now();
        const r = crossValidate(examples, folds, { seed });
        console.log(`${folds} 折分层交叉验证（种子 ${seed}）一级分类准确率：${pct(r.accuracy)}（各折 ${r.foldAccuracy.map(pct).join(' ')}），用时 ${((performance.now() - t0) / 1000).toFixed(1)} s`);
        console.log(`${'类别'.padEnd(12, '　')}    样本  精确率  召回率`);
        for (const c of r.perClass) console.log(`${c.category.padEnd(12, '　')}  ${String(c.support).padStart(6)}  ${pct(c.precision).padStart(6)}  ${pct(c.recall).padStart(6)}`);
      }
      const model = train(examples, { seed });
      const saved = saveModel(loadEnv().dataDir, model);
      console.log(`模型已保存：${saved}（词表 ${model.vocabulary.length} 项，${model.levels.length} 级分类）`);
    });
  hotline
    .command('classify <text>')
    .description('用已训练的模型给一条工单分类')
    .option('--title <title>', '工单标题')
    .action((text: string, opts: { title?: string }) => {
      const model = loadModel(loadEnv().dataDir);
      if (!model) throw new AppError(ErrorCode.Unavailable, '尚未训练工单分类模型，请先运行 xiaozheng hotline train FILE.jsonl');
      console.log(JSON.stringify(new Classifier(model).classify({ title: opts.title, text }), null, 2));
    });
}
