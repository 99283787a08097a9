/**
 * CSV tables of FAQ pairs or service items (UTF-8, header row first). Items may have their
 * materials in a companion file `<name>.materials.csv`.
 */
import { parse } from 'csv-parse/sync';
import { normalizeHeader, type Table, type TableRow } from './table.js';

/** Parses CSV text into a table; locations are the line where each record starts. */
export function parseCsvTable(source: string, file: string): Table {
  const records = parse(source, {
    bom: true,
    info: true,
    skip_empty_lines: true,
    relax_column_count: true,
    relax_quotes: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  const [head, ...rest] = records;
  const headers = (head?.record ?? []).map(normalizeHeader);
  const rows: TableRow[] = [];
  for (const { record, info } of rest) {
    if (record.every((c) => c.trim() === '')) continue;
    // info.lines is where the record ends; quoted cells may span lines
    const inner = record.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0);
    const cells = new Map<string, string>();
    record.forEach((c, i) => {
      const h = headers[i];
      if (h && c.trim() !== '' && !cells.has(h)) cells.set(h, c.replace(/\r\n?/g, '\n'));
    });
    rows.push({ location: { file, line: info.lines - inner }, cells });
  }
  return { name: file, headers, rows };
}
