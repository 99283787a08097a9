/**
 * XLSX workbooks: the first sheet holds one entry per row (FAQ pairs or service items); a
 * sheet named 材料/materials holds the items' materials, one per row.
 */
import ExcelJS from 'exceljs';
import { normalizeHeader, type Table, type TableRow } from './table.js';

const MATERIAL_SHEETS = new Set(['材料', 'materials', '申请材料']);

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : cellText(value.text as ExcelJS.CellValue);
    if ('formula' in value || 'sharedFormula' in value) return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('error' in value) return '';
  }
  return String(value);
}

function sheetTable(ws: ExcelJS.Worksheet, file: string): Table {
  const headerRow = ws.getRow(1);
  const headers: string[] = [];
  headerRow.eachCell({ includeEmpty: true }, (cell, col) => {
    headers[col - 1] = normalizeHeader(cellText(cell.value));
  });
  const rows: TableRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n === 1) return;
    const cells = new Map<string, string>();
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const h = headers[col - 1];
      const t = cellText(cell.value).replace(/\r\n?/g, '\n');
      if (h && t.trim() !== '' && !cells.has(h)) cells.set(h, t);
    });
    if (cells.size) rows.push({ location: { file, sheet: ws.name, row: n }, cells });
  });
  return { name: ws.name, headers: headers.filter(Boolean), rows };
}

/** The entries sheet (the first) and, when present, the materials sheet. */
export async function readWorkbook(buffer: Buffer | ArrayBuffer, file: string): Promise<{ main: Table; materials?: Table }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as ArrayBuffer);
  const sheets = wb.worksheets;
  const first = sheets[0];
  if (!first) throw new Error('工作簿没有工作表');
  const mat = sheets.find((s, i) => i > 0 && MATERIAL_SHEETS.has(s.name.trim().toLowerCase()));
  return { main: sheetTable(first, file), materials: mat ? sheetTable(mat, file) : undefined };
}
