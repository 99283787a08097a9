/**
 * Runs the checker over a file of real documents (`{id, text}` per line) and counts what it
 * reports, per rule, with a sample of findings and their context for a person to judge:
 * a finding on a correctly written document is a false alarm.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { z } from 'zod';
import { AppError, ErrorCode } from '../../shared/app-error.js';
import { parsePlainText } from '../plain-text.js';
import { checkedType, lintParsed, type Finding } from './index.js';

const rowSchema = z.object({ id: z.union([z.string(), z.number()]).transform(String), text: z.string() });

export interface LintEvalReport {
  documents: number;
  /** documents the checker judged as a 公文 of a type (the others get only the type-free rules) */
  byType: Record<string, number>;
  withFindings: number;
  withErrors: number;
  perRule: Record<string, { findings: number; errors: number; documents: number }>;
  /** every finding with 20 characters of context either side */
  findings: Array<{ id: string; finding: Finding; context: string }>;
}

export async function evalLint(file: string): Promise<LintEvalReport> {
  if (!fs.existsSync(file)) throw new AppError(ErrorCode.ValidationFailed, `文件不存在：${file}`);
  const report: LintEvalReport = { documents: 0, byType: {}, withFindings: 0, withErrors: 0, perRule: {}, findings: [] };
  const lines = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of lines) {
    lineNo++;
    if (!line.trim()) continue;
    let row: z.infer<typeof rowSchema>;
    try {
      row = rowSchema.parse(JSON.parse(line));
    } catch {
      throw new AppError(ErrorCode.ValidationFailed, `第 ${lineNo} 行不是 {"id","text"} 形式的 JSON`);
    }
    report.documents++;
    const parsed = parsePlainText(row.text);
    const type = checkedType(parsed) ?? '未识别';
    report.byType[type] = (report.byType[type] ?? 0) + 1;
    const findings = lintParsed(row.text, parsed);
    if (findings.length) report.withFindings++;
    if (findings.some((f) => f.severity === 'error')) report.withErrors++;
    const rulesHere = new Set<string>();
    for (const f of findings) {
      const r = (report.perRule[f.rule] ??= { findings: 0, errors: 0, documents: 0 });
      r.findings++;
      if (f.severity === 'error') r.errors++;
      if (!rulesHere.has(f.rule)) r.documents++;
      rulesHere.add(f.rule);
      const s = f.start ?? 0;
      const e = f.end ?? s;
      report.findings.push({ id: row.id, finding: f, context: `${row.text.slice(Math.max(0, s - 20), s)}【${row.text.slice(s, e)}】${row.text.slice(e, e + 20)}` });
    }
  }
  return report;
}
