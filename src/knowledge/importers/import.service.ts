/**
 * `kb import`: reads a file or a directory with the format readers, validates every row
 * against the entry contract, reports each problem with its location, and writes the valid
 * entries in one KnowledgeService.upsert (one transaction) — or nothing at all when any row
 * is invalid, unless `skipInvalid` is set.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { EntryBody, EntryKind } from '../knowledge.schema.js';
import { contentHash, type KnowledgeService } from '../knowledge.service.js';
import { parseCsvTable } from './csv.js';
import { validateRow } from './entry-validation.js';
import { formatLocation, type ImportIssue, type ImportLocation, type ReadResult, type ReaderOptions } from './import.types.js';
import { readJsonl } from './jsonl.js';
import { readLawFiles } from './law-markdown.js';
import { extractDocxText, extractPdfText, idFromFileName, policyBodyFromText } from './policy-document.js';
import { faqRows, guessTableKind, itemRows, type Table } from './table.js';
import { readWorkbook } from './xlsx.js';

export interface ImportProgress {
  phase: 'read' | 'write';
  done: number;
  total: number;
}

export interface ImportOptions extends ReaderOptions {
  /** commit the valid rows even when others are invalid (they are still reported) */
  skipInvalid?: boolean;
  /** change note stored with every new version */
  note?: string;
  /** file names (not paths) a directory import passes over */
  exclude?: RegExp;
  now?: Date;
  onProgress?: (p: ImportProgress) => void;
}

export interface ImportReport {
  files: number;
  /** rows that passed validation */
  valid: number;
  /** rows rejected, each with at least one issue */
  invalid: number;
  issues: ImportIssue[];
  warnings: ImportIssue[];
  /** whether anything was written */
  committed: boolean;
  created: number;
  updated: number;
  unchanged: number;
}

const MATERIALS_SUFFIX = /\.materials\.csv$/i;
const SUPPORTED = /\.(jsonl|ndjson|csv|xlsx|docx|pdf|md)$/i;

/** Files an import of `root` reads, in a stable order; companion materials files excluded. */
export function listImportFiles(root: string, exclude?: RegExp): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (SUPPORTED.test(e.name) && !MATERIALS_SUFFIX.test(e.name) && e.name !== '_index.md' && !exclude?.test(e.name)) out.push(p);
    }
  };
  walk(root);
  return out;
}

function fileIssue(location: ImportLocation, message: string): ReadResult {
  return { location, issues: [{ location, field: '', message }] };
}

function tableResults(main: Table, materials: Table | undefined, location: ImportLocation, kind: EntryKind | undefined): ReadResult[] {
  const k = kind === 'faq' || kind === 'item' ? kind : guessTableKind(main.headers);
  if (kind && kind !== 'faq' && kind !== 'item') return [fileIssue(location, `表格只能导入 faq 或 item，不能导入 ${kind}`)];
  if (!k) return [fileIssue(location, '无法判断表格内容：FAQ 需要“问题”“答案”列，事项需要“事项名称”列；也可用 --kind 指定')];
  return k === 'faq' ? faqRows(main) : itemRows(main, materials);
}

async function readOne(file: string, display: string, opts: ReaderOptions): Promise<ReadResult[]> {
  const location: ImportLocation = { file: display };
  const ext = path.extname(file).toLowerCase();
  let buffer: Buffer;
  try {
    buffer = fs.readFileSync(file);
  } catch (err) {
    return [fileIssue(location, `无法读取文件：${(err as Error).message}`)];
  }
  try {
    switch (ext) {
      case '.jsonl':
      case '.ndjson':
        return [...readJsonl(buffer.toString('utf8'), display, opts)];
      case '.csv': {
        const main = parseCsvTable(buffer.toString('utf8'), display);
        const companion = file.replace(/\.csv$/i, '.materials.csv');
        const materials = fs.existsSync(companion) ? parseCsvTable(fs.readFileSync(companion, 'utf8'), path.join(path.dirname(display), path.basename(companion))) : undefined;
        return tableResults(main, materials, location, opts.kind);
      }
      case '.xlsx': {
        const wb = await readWorkbook(buffer, display);
        return tableResults(wb.main, wb.materials, location, opts.kind);
      }
      case '.docx':
      case '.pdf': {
        const text = ext === '.docx' ? await extractDocxText(buffer) : await extractPdfText(buffer);
        if (!text.trim()) return [fileIssue(location, '没有可提取的文字（扫描件需先做文字识别）')];
        const kind = opts.kind === 'law' ? 'law' : 'policy';
        return [{ location, body: policyBodyFromText(text, opts.id ?? idFromFileName(file), kind) }];
      }
      default:
        return [fileIssue(location, `不支持的文件类型：${ext || '(无扩展名)'}`)];
    }
  } catch (err) {
    return [fileIssue(location, `无法解析文件：${(err as Error).message}`)];
  }
}

/** Reads every row of a file or directory; never throws for bad input, reports it instead. */
export async function readImportPath(target: string, opts: ReaderOptions & { onProgress?: (p: ImportProgress) => void; exclude?: RegExp } = {}): Promise<{ files: number; results: ReadResult[] }> {
  const abs = path.resolve(target);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch {
    return { files: 0, results: [fileIssue({ file: target }, '文件或目录不存在')] };
  }
  const isDir = stat.isDirectory();
  const files = isDir ? listImportFiles(abs, opts.exclude) : [abs];
  const display = (f: string) => (isDir ? path.relative(abs, f) : path.basename(f)) || path.basename(f);
  if (isDir && opts.id) return { files: 0, results: [fileIssue({ file: target }, '--id 只能用于单个文件')] };
  if (isDir && files.length === 0) return { files: 0, results: [fileIssue({ file: target }, '目录中没有可导入的文件（.jsonl .csv .xlsx .docx .pdf .md）')] };
  const total = files.length;
  let done = 0;
  const tick = () => opts.onProgress?.({ phase: 'read', done: ++done, total });
  const results: ReadResult[] = [];
  const laws = files.filter((f) => /\.md$/i.test(f));
  if (laws.length) {
    const lawResults = await readLawFiles(laws, display, tick);
    if (!isDir && opts.id) for (const r of lawResults) if (r.body) r.body.id = opts.id;
    results.push(...lawResults);
  }
  for (const f of files) {
    if (/\.md$/i.test(f)) continue;
    results.push(...(await readOne(f, display(f), opts)));
    tick();
  }
  return { files: files.length, results };
}

/** Report order: file, then sheet, then line/row; issues of one row keep their order. */
function byLocation(a: ImportIssue, b: ImportIssue): number {
  const x = a.location;
  const y = b.location;
  if (x.file !== y.file) return x.file < y.file ? -1 : 1;
  if ((x.sheet ?? '') !== (y.sheet ?? '')) return (x.sheet ?? '') < (y.sheet ?? '') ? -1 : 1;
  return (x.line ?? x.row ?? 0) - (y.line ?? y.row ?? 0);
}

interface Row {
  location: ImportLocation;
  body: EntryBody;
}

/** An id must keep one kind: within the import, and against what the database holds. */
async function kindConflicts(rows: Row[], knowledge: KnowledgeService): Promise<Map<Row, ImportIssue>> {
  const out = new Map<Row, ImportIssue>();
  const firstOf = new Map<string, Row>();
  for (const r of rows) {
    const first = firstOf.get(r.body.id);
    if (!first) firstOf.set(r.body.id, r);
    else if (first.body.kind !== r.body.kind) {
      out.set(r, { location: r.location, field: 'id', message: `id “${r.body.id}” 已在 ${formatLocation(first.location)} 用于 ${first.body.kind}，不能再用于 ${r.body.kind}` });
    }
  }
  const existing = await knowledge.repository.latestHashes([...firstOf.keys()]);
  for (const r of rows) {
    const prev = existing.get(r.body.id);
    if (prev && prev.kind !== r.body.kind && !out.has(r)) {
      out.set(r, { location: r.location, field: 'kind', message: `知识库中条目 “${r.body.id}” 的类型为 ${prev.kind}，不能改为 ${r.body.kind}` });
    }
  }
  return out;
}

/**
 * KnowledgeService compares each body with the latest version only, so re-importing a law's
 * older versions would append them again. A body that is not the last of its id in this
 * import and whose content is already one of the entry's versions is left out (unchanged).
 * The last body of an id always goes through: matching an older version there is a revert.
 */
async function dropKnownEarlierVersions(rows: Row[], knowledge: KnowledgeService): Promise<{ rows: Row[]; known: number }> {
  const lastIndex = new Map<string, number>();
  rows.forEach((r, i) => lastIndex.set(r.body.id, i));
  const multi = new Set(rows.filter((r, i) => lastIndex.get(r.body.id) !== i).map((r) => r.body.id));
  if (multi.size === 0) return { rows, known: 0 };
  const hashes = new Map<string, Set<string>>();
  for (const id of multi) {
    const metas = await knowledge.repository.versionsMeta(id);
    hashes.set(id, new Set(metas.map((m) => m.content_hash)));
  }
  const kept = rows.filter((r, i) => lastIndex.get(r.body.id) === i || !hashes.get(r.body.id)?.has(contentHash(r.body)));
  return { rows: kept, known: rows.length - kept.length };
}

/**
 * Imports a file or a directory (JSONL, CSV, XLSX, DOCX, PDF, Markdown laws). Nothing is
 * written when any row is invalid unless `skipInvalid`; the report lists every problem.
 */
export async function importPath(knowledge: KnowledgeService, target: string, opts: ImportOptions = {}): Promise<ImportReport> {
  const { files, results } = await readImportPath(target, opts);
  const issues: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  const rows: Row[] = [];
  let invalid = 0;
  for (const r of results) {
    if (r.warnings) warnings.push(...r.warnings);
    if (r.body && !r.issues?.length) {
      const v = validateRow(r as ReadResult & { body: Record<string, unknown> });
      if (v.ok) rows.push({ location: r.location, body: v.body });
      else {
        invalid++;
        issues.push(...v.issues);
      }
    } else if (r.body || r.issues?.length) {
      // mapping problems (and schema problems of the same row) together
      invalid++;
      if (r.body) {
        const v = validateRow(r as ReadResult & { body: Record<string, unknown> });
        if (!v.ok) issues.push(...v.issues);
      } else issues.push(...r.issues!);
    }
  }
  const conflicts = await kindConflicts(rows, knowledge);
  invalid += conflicts.size;
  issues.push(...conflicts.values());
  issues.sort(byLocation);
  const good = rows.filter((r) => !conflicts.has(r));
  const report: ImportReport = { files, valid: good.length, invalid, issues, warnings, committed: false, created: 0, updated: 0, unchanged: 0 };
  if ((issues.length && !opts.skipInvalid) || good.length === 0) return report;
  const { rows: fresh, known } = await dropKnownEarlierVersions(good, knowledge);
  opts.onProgress?.({ phase: 'write', done: 0, total: good.length });
  const r = await knowledge.upsert(
    fresh.map((g) => g.body),
    { note: opts.note ?? `import ${path.basename(target)}`, now: opts.now },
  );
  opts.onProgress?.({ phase: 'write', done: good.length, total: good.length });
  return { ...report, committed: true, created: r.created, updated: r.updated, unchanged: r.unchanged + known };
}
