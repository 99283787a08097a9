import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { DOCUMENT_TYPES } from '../documents/document.model.js';
import { docxToText } from '../documents/docx-text.js';
import { lintText, type Finding } from '../documents/lint/index.js';
import { evalLint } from '../documents/lint/lint.eval.js';
import { registerExportCommand } from '../documents/export/export-command.js';
import { AppError, ErrorCode } from '../shared/app-error.js';
import { parseOption } from './cli-support.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** 'line:column' (1-based) of an offset, as editors show it. */
function position(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `${line}:${offset - before.lastIndexOf('\n')}`;
}

/** A .txt (UTF-8) or .docx file as plain text. */
async function readDocumentFile(file: string): Promise<string> {
  const source = path.resolve(file);
  if (!fs.existsSync(source)) throw new AppError(ErrorCode.ValidationFailed, `找不到文件：${source}`);
  const data = fs.readFileSync(source);
  if (/\.docx$/i.test(source)) return docxToText(data);
  if (/\.(txt|text|md)$/i.test(source)) return data.toString('utf8').replace(/^\uFEFF/, '');
  throw new AppError(ErrorCode.ValidationFailed, `只支持 .txt 或 .docx 文件：${source}`);
}

export function registerDocumentsCommands(program: Command): Command {
  const documents = program.command('documents').description('公文：格式检查（GB/T 9704）');
  documents
    .command('lint <file>')
    .description('检查一份公文（.txt 或 .docx）的格式；有错误时退出码为 1')
    .option('--type <文种>', `按指定文种检查（${DOCUMENT_TYPES.join('、')}）`)
    .option('--json', '以 JSON 输出 {findings}')
    .action(async (file: string, opts: { type?: string; json?: boolean }) => {
      const type = opts.type === undefined ? undefined : parseOption(z.enum(DOCUMENT_TYPES, { error: () => `文种无效，可选：${DOCUMENT_TYPES.join('、')}` }), opts.type, '--type');
      const text = await readDocumentFile(file);
      const findings = lintText(text, { type });
      if (opts.json) console.log(JSON.stringify({ findings }, null, 2));
      else printFindings(text, findings);
      if (findings.some((f) => f.severity === 'error')) process.exitCode = 1;
    });
  documents
    .command('eval-lint <file>')
    .description('在真实公文 JSONL（每行 {id, text}）上运行格式检查，按规则统计，并列出提示供人工判断误报')
    .option('--all', '列出全部提示（默认每条规则最多 5 条）')
    .action(async (file: string, opts: { all?: boolean }) => {
      const r = await evalLint(path.resolve(file));
      console.log(`文档 ${r.documents} 篇；有提示 ${r.withFindings} 篇（${pct(r.withFindings / Math.max(1, r.documents))}），有错误 ${r.withErrors} 篇（${pct(r.withErrors / Math.max(1, r.documents))}）`);
      console.log(`按文种识别：${Object.entries(r.byType).sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t} ${n}`).join('，')}`);
      console.log('规则                    提示  错误  文档');
      for (const [rule, s] of Object.entries(r.perRule).sort((a, b) => b[1].documents - a[1].documents)) {
        console.log(`${rule.padEnd(22)} ${String(s.findings).padStart(5)} ${String(s.errors).padStart(5)} ${String(s.documents).padStart(5)}`);
      }
      console.log('埋入错误（在识别为公文的文档中逐一埋入一处典型错误）：');
      for (const [kind, p] of Object.entries(r.planted)) console.log(`  ${kind}：埋入 ${p.planted} 篇，检出 ${p.found} 篇（${pct(p.found / Math.max(1, p.planted))}）`);
      const shown = new Map<string, number>();
      for (const f of r.findings) {
        const n = shown.get(f.finding.rule) ?? 0;
        if (!opts.all && n >= 5) continue;
        shown.set(f.finding.rule, n + 1);
        console.log(`${f.id}  ${f.finding.severity === 'error' ? '错误' : '提示'}  ${f.finding.message}\n    ${f.context.replace(/\s+/g, ' ')}`);
      }
    });
  // export subcommand (EXPORT helper)
  registerExportCommand(documents);
  return documents;
}

function printFindings(text: string, findings: Finding[]): void {
  if (findings.length === 0) {
    console.log('未发现格式问题');
    return;
  }
  for (const f of findings) {
    const where = f.start === undefined ? '' : `${position(text, f.start)} `;
    const fix = f.fix === undefined ? '' : f.fix === '' ? '（建议：删除）' : f.start === f.end ? `（建议插入：${f.fix}）` : `（建议改为：${f.fix}）`;
    console.log(`${where}${f.severity === 'error' ? '错误' : '提示'} [${f.rule}] ${f.message}${fix}`);
  }
  const errors = findings.filter((f) => f.severity === 'error').length;
  console.log(`共 ${errors} 个错误，${findings.length - errors} 个提示`);
}
