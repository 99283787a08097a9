/** CSV text → rows with the line each starts on (header first); shared by the taxonomy and 派单目录 imports. */
import { parse } from 'csv-parse/sync';
import { AppError, ErrorCode } from '../../shared/app-error.js';

export interface CsvRow {
  line: number;
  cells: string[];
}

export function parseCsvRows(text: string, what: string): { header: string[]; rows: CsvRow[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true }) as unknown as typeof records;
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw new AppError(ErrorCode.ImportFailed, `${what}不是有效的 CSV${line ? `（第 ${line} 行）` : ''}：${(err as Error).message}`);
  }
  const [head, ...rest] = records;
  if (!head) throw new AppError(ErrorCode.ImportFailed, `${what}是空的：第 1 行应为表头`);
  const rows = rest
    .map(({ record, info }) => {
      // info.lines is where the record ends; quoted cells may span lines
      const inner = record.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0);
      return { line: info.lines - inner, cells: record.map((c) => c.trim()) };
    })
    .filter((r) => r.cells.some((c) => c !== ''));
  return { header: head.record.map((c) => c.trim()), rows };
}

/** Throws one import error listing the first problems by line, so nothing is written. */
export function failOnLineErrors(errors: { line: number; message: string }[], what: string): void {
  if (errors.length === 0) return;
  const shown = errors.slice(0, 20).map((e) => `第 ${e.line} 行：${e.message}`);
  const more = errors.length > 20 ? `；……共 ${errors.length} 处错误` : '';
  throw new AppError(ErrorCode.ImportFailed, `${what}有误，未导入：${shown.join('；')}${more}`, errors);
}
