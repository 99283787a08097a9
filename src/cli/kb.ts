import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { z } from 'zod';
import { createAppContext } from '../app-context.js';
import { loadEnv } from '../config/env.js';
import { chineseMessage } from '../knowledge/importers/entry-validation.js';
import { importPath, type ImportProgress, type ImportReport } from '../knowledge/importers/import.service.js';
import { formatIssue } from '../knowledge/importers/import.types.js';
import { entryIdSchema, entryKindSchema } from '../knowledge/knowledge.schema.js';
import { AppError, ErrorCode } from '../shared/app-error.js';

const importOptionsSchema = z.object({
  kind: entryKindSchema.optional(),
  id: entryIdSchema.optional(),
  skipInvalid: z.boolean().default(false),
  json: z.boolean().default(false),
  note: z.string().max(500).optional(),
});

/** A progress bar on stderr for a person at a terminal while files are read; silent otherwise. */
function progressBar(enabled: boolean): { update(p: ImportProgress): void; stop(): void } {
  if (!enabled) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { format: '读取 [{bar}] {value}/{total} 文件', stream: process.stderr, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let state: 'idle' | 'reading' | 'done' = 'idle';
  return {
    update(p) {
      if (p.phase === 'read') {
        if (state === 'idle') bar.start(p.total, 0);
        state = 'reading';
        bar.update(p.done);
      } else if (p.done === 0) {
        // the write is one transaction: no steps to show, just say what is happening
        if (state === 'reading') bar.stop();
        state = 'done';
        process.stderr.write(`写入 ${p.total} 个条目…\n`);
      }
    },
    stop() {
      if (state === 'reading') bar.stop();
      state = 'done';
    },
  };
}

function printReport(r: ImportReport): void {
  for (const w of r.warnings) console.error(`提示 ${formatIssue(w)}`);
  for (const i of r.issues) console.error(formatIssue(i));
  console.log(`文件 files: ${r.files}   有效 valid: ${r.valid}   无效 invalid: ${r.invalid}`);
  if (r.committed) console.log(`新建 created: ${r.created}   更新 updated: ${r.updated}   未变 unchanged: ${r.unchanged}`);
  else if (r.issues.length) console.log('未写入任何条目：请修正以上问题，或使用 --skip-invalid 只导入有效行');
  else console.log('未写入任何条目：没有可导入的内容');
}

export function registerKbCommands(program: Command): void {
  const kb = program.command('kb').description('知识库管理');
  kb.command('stats')
    .description('知识库统计')
    .option('--json', '以 JSON 输出')
    .action(async (opts: { json?: boolean }) => {
      const ctx = await createAppContext(loadEnv(), { searchIndex: false });
      try {
        const s = await ctx.knowledge.stats();
        if (opts.json) console.log(JSON.stringify(s, null, 2));
        else {
          console.log(`条目 entries: ${s.entries}   版本 versions: ${s.versions}`);
          for (const [kind, byStatus] of Object.entries(s.byKind)) {
            console.log(`  ${kind.padEnd(7)} ${Object.entries(byStatus).map(([st, n]) => `${st}=${n}`).join('  ')}`);
          }
        }
      } finally {
        await ctx.close();
      }
    });

  kb.command('import')
    .description('导入知识：JSONL、CSV/XLSX（FAQ 或事项）、DOCX/PDF 政策文件、Markdown 法规目录')
    .argument('<path>', '文件或目录')
    .option('--kind <kind>', '条目类型 item|policy|law|faq（行中未给出时使用）')
    .option('--id <id>', '单个 DOCX/PDF/Markdown 文件的条目 id（默认取文件名）')
    .option('--skip-invalid', '有无效行时仍导入有效行（仍输出问题报告）')
    .option('--note <note>', '版本变更说明')
    .option('--json', '以 JSON 输出报告')
    .action(async (target: string, raw: Record<string, unknown>) => {
      const parsed = importOptionsSchema.safeParse(raw, { error: chineseMessage });
      if (!parsed.success) {
        const first = parsed.error.issues[0]!;
        throw new AppError(ErrorCode.ValidationFailed, `参数 --${first.path.join('.')} 无效：${first.message}`);
      }
      const opts = parsed.data;
      const ctx = await createAppContext(loadEnv(), { searchIndex: false });
      const bar = progressBar(!opts.json && process.stderr.isTTY === true);
      try {
        const report = await importPath(ctx.knowledge, target, {
          kind: opts.kind,
          id: opts.id,
          skipInvalid: opts.skipInvalid,
          note: opts.note,
          onProgress: (p) => bar.update(p),
        });
        bar.stop();
        if (opts.json) console.log(JSON.stringify(report, null, 2));
        else printReport(report);
        // with --skip-invalid the valid rows went in: that run succeeded, the report says what was left out
        if (report.issues.length && !report.committed) process.exitCode = 1;
      } finally {
        bar.stop();
        await ctx.close();
      }
    });
}
