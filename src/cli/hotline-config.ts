/** `hotline taxonomy import`, `hotline dispatch import`, `hotline history import`: intake configuration and history from files. */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { systemActor } from '../auth/actor.js';
import { assertNoLineErrors, importHistory, parseHistoryJsonl } from '../hotline/replies/history-import.js';
import { AppError, ErrorCode } from '../shared/app-error.js';
import { withContext } from './cli-support.js';

const CLI = systemActor('cli');

function readFile(file: string): string {
  const source = path.resolve(file);
  if (!fs.existsSync(source)) throw new AppError(ErrorCode.ValidationFailed, `找不到文件：${source}`);
  return fs.readFileSync(source, 'utf8');
}

export function registerHotlineConfigCommands(hotline: Command): void {
  hotline
    .command('taxonomy')
    .description('工单分类体系')
    .command('import <file>')
    .description('导入分类 CSV（表头为各级名称，如 一级分类,二级分类,三级分类；每行一条分类路径）。文件即完整分类：未出现的分类停用')
    .action(async (file: string) => {
      const csv = readFile(file);
      const r = await withContext((ctx) => ctx.hotline.intake.config.importTaxonomy(CLI, csv));
      console.log(`分类共 ${r.total} 个：新增 ${r.added}，重新启用 ${r.reactivated}，停用 ${r.deactivated}`);
    });
  hotline
    .command('dispatch')
    .description('派单目录')
    .command('import <file>')
    .description('导入派单目录 CSV（分类, 区划代码, 主办单位, 协办单位[, 优先级, 备注]；单位写名称或编码，多个协办用；分隔）')
    .action(async (file: string) => {
      const csv = readFile(file);
      const r = await withContext((ctx) => ctx.hotline.intake.config.importRules(CLI, csv));
      console.log(`派单规则：新增 ${r.created}，更新 ${r.updated}`);
    });
  hotline
    .command('history')
    .description('历史工单')
    .command('import <file>')
    .description('导入历史工单 JSONL（每行 {id?, title, time, text, category?, reply?, replyTime?}），作为已办结工单供答复草拟、热点分析与再训练使用')
    .action(async (file: string) => {
      const { lines, errors } = parseHistoryJsonl(readFile(file));
      assertNoLineErrors(errors);
      const r = await withContext((ctx) => importHistory(ctx.database.db, lines, CLI.name));
      console.log(`历史工单：导入 ${r.imported} 条，已存在跳过 ${r.skipped} 条`);
    });
}
