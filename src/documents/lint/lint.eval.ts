/**
 * Runs the checker over a file of real documents (`{id, text}` per line) and counts what it
 * reports, per rule, with every finding and its context for a person to judge: a finding on a
 * correctly written document is a false alarm. Then, on the documents it recognises as 公文,
 * it plants one typical error at a time and counts how often the checker reports it there.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { z } from 'zod';
import { AppError, ErrorCode } from '../../shared/app-error.js';
import { chineseOrdinal } from '../drafting/templates.js';
import { parsePlainText, type ParsedDocument } from '../plain-text.js';
import { checkedType, lintParsed, lintText, type Finding } from './index.js';

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
  /** planted errors: per kind, in how many documents it could be planted and how often it was found */
  planted: Record<string, { planted: number; found: number }>;
}

interface Plant {
  kind: string;
  rule: string;
  /** the text with the error and where it sits, or null when the document has no place for it */
  apply(text: string, parsed: ParsedDocument): { text: string; at: number } | null;
}

const PLANTS: Plant[] = [
  {
    kind: '字号用方括号',
    rule: 'doc-number',
    apply: (text) => {
      const m = /〔(\d{4})〕/.exec(text);
      return m ? { text: `${text.slice(0, m.index)}[${m[1]}]${text.slice(m.index + 6)}`, at: m.index } : null;
    },
  },
  {
    kind: '字号加“第”',
    rule: 'doc-number',
    apply: (text) => {
      const m = /〔\d{4}〕(?=\d+号)/.exec(text);
      return m ? { text: `${text.slice(0, m.index + m[0].length)}第${text.slice(m.index + m[0].length)}`, at: m.index } : null;
    },
  },
  {
    kind: '标题末尾加句号',
    rule: 'title',
    apply: (text, p) => (p.spans.title ? { text: `${text.slice(0, p.spans.title.end)}。${text.slice(p.spans.title.end)}`, at: p.spans.title.end } : null),
  },
  {
    kind: '主送机关用半角冒号',
    rule: 'recipients',
    apply: (text, p) => {
      const r = p.spans.recipients;
      return r && r.text.endsWith('：') ? { text: `${text.slice(0, r.end - 1)}:${text.slice(r.end)}`, at: r.end - 1 } : null;
    },
  },
  {
    kind: '成文日期用汉字',
    rule: 'date',
    apply: (text, p) => {
      const d = p.spans.date;
      const m = d && /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(d.text);
      if (!d || !m) return null;
      const digits = (n: string) => [...n].map((c) => '〇一二三四五六七八九'[Number(c)]).join('');
      return { text: `${text.slice(0, d.start)}${digits(m[1]!)}年${chineseOrdinal(Number(m[2]))}月${chineseOrdinal(Number(m[3]))}日${text.slice(d.end)}`, at: d.start };
    },
  },
  {
    kind: '通知以“特此报告”结尾',
    rule: 'type-consistency',
    apply: (text) => {
      const i = text.lastIndexOf('特此通知');
      return i >= 0 ? { text: `${text.slice(0, i)}特此报告${text.slice(i + 4)}`, at: i } : null;
    },
  },
];

export async function evalLint(file: string): Promise<LintEvalReport> {
  if (!fs.existsSync(file)) throw new AppError(ErrorCode.ValidationFailed, `文件不存在：${file}`);
  const report: LintEvalReport = { documents: 0, byType: {}, withFindings: 0, withErrors: 0, perRule: {}, findings: [], planted: {} };
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
    if (type === '未识别') continue;
    for (const plant of PLANTS) {
      const planted = plant.apply(row.text, parsed);
      if (!planted) continue;
      const tally = (report.planted[plant.kind] ??= { planted: 0, found: 0 });
      tally.planted++;
      const found = lintText(planted.text).some((f) => f.rule === plant.rule && (f.start ?? -1) <= planted.at + 1 && (f.end ?? -1) >= planted.at);
      if (found) tally.found++;
    }
  }
  return report;
}
