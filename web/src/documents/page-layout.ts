/**
 * The printed pages of a document for the preview: the GB/T 9704 grid of 22 lines × 28
 * characters, laid out line by line as the .docx export sets them (first page 版头, body,
 * 署名 and 成文日期, attachments on their own pages, 版记 at the foot of the last page).
 * Widths count a 汉字 or full-width sign as one character and ASCII as half of one.
 */
import { signaturePlacement } from '../../../src/documents/export/signature-placement.js';
import type { OfficialDocument } from './api-documents.js';

export const LINES = 22;
export const CHARS = 28;
/** 2号 title characters on a line of the 156 mm 版心 (22 pt ≈ 7.76 mm) */
const TITLE_CHARS = 20;

export type LineKind = 'body' | 'heading1' | 'heading2' | 'title' | 'mark' | 'label' | 'blank';

export interface Line {
  kind: LineKind;
  text: string;
  /** spread to the full width (every line of a paragraph but its last) */
  justify?: boolean;
  align?: 'left' | 'center' | 'right';
  /** characters of space on the left / right */
  indent?: number;
  right?: number;
  /** the 签发人 names on the line of an upward document's 字号 */
  signers?: string;
  /** the line starts with the end of a heading's sentence, in the heading's font */
  head?: { kind: LineKind; length: number };
  /** a red rule under the line (the 发文字号's) */
  rule?: boolean;
  /** height in grid lines (the 发文机关标志 and the space above it take several) */
  span?: number;
}

export interface Colophon {
  cc?: string;
  printer?: string;
  printDate?: string;
}

export interface Page {
  number: number;
  lines: Line[];
  colophon?: Colophon;
}

export function widthOf(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.codePointAt(0)! < 0x2e80 && ch !== '—' && ch !== '…' ? 0.5 : 1;
  return w;
}

/** signs that may not start a line (the last character of the line goes down with them) */
const NO_LINE_START = new Set('，。、；：？！）》」』”’…%');

/** Breaks text into lines of `capacity` characters, the first `first` wide. */
export function breakLines(text: string, capacity: number, first = capacity): string[] {
  const chars = [...text];
  const out: string[] = [];
  let line: string[] = [];
  let width = 0;
  let cap = first;
  for (const ch of chars) {
    const w = widthOf(ch);
    if (width + w > cap + 1e-9) {
      let carry: string[] = [];
      if (NO_LINE_START.has(ch) && line.length > 1) carry = [line.pop()!];
      out.push(line.join(''));
      line = carry;
      width = carry.reduce((s, c) => s + widthOf(c), 0);
      cap = capacity;
    }
    line.push(ch);
    width += w;
  }
  if (line.length || out.length === 0) out.push(line.join(''));
  return out;
}

function headingKind(line: string): LineKind {
  if (/^[一二三四五六七八九十百]+、/.test(line)) return 'heading1';
  if (/^[（(][一二三四五六七八九十百]+[）)]/.test(line)) return 'heading2';
  return 'body';
}

function paragraph(text: string, opts: { indent?: number; hanging?: number } = {}): Line[] {
  const indent = opts.indent ?? 2;
  const hanging = opts.hanging ?? 0;
  const kind = headingKind(text);
  // a heading may run on into its paragraph ("（一）落实责任。各单位要……"): only its sentence is in the heading's font
  const stop = text.search(/[。：]/);
  const headEnd = kind === 'body' ? 0 : stop >= 0 && stop < text.length - 1 ? stop + 1 : text.length;
  const lines = breakLines(text, CHARS - hanging, CHARS - indent);
  let offset = 0;
  return lines.map((t, i) => {
    const start = offset;
    offset += t.length;
    const base = { text: t, justify: i < lines.length - 1, indent: i === 0 ? indent : hanging };
    if (offset <= headEnd) return { ...base, kind };
    if (start >= headEnd) return { ...base, kind: 'body' as const };
    return { ...base, kind: 'body' as const, head: { kind, length: headEnd - start } };
  });
}

const blank = (n = 1): Line[] => Array.from({ length: n }, () => ({ kind: 'blank' as const, text: '' }));

function header(doc: OfficialDocument): Line[] {
  const h = doc.header;
  const out: Line[] = [];
  for (const v of [h.copyNumber, h.secrecy, h.urgency]) if (v) out.push({ kind: 'label', text: v });
  const upward = (h.signers?.length ?? 0) > 0;
  // the mark's top 35 mm (upward: 80 mm) below the 版心's top: about 3.5 (7.8) lines, then the mark itself
  const markLine = Math.max(out.length, Math.round((upward ? 80 : 35) / (225 / LINES)));
  out.push(...blank(markLine - out.length));
  out.push({ kind: 'mark', text: h.issuerMark, align: 'center', span: 2 });
  out.push(...blank(2));
  const number = h.docNumber ?? '';
  if (upward) {
    const names = h.signers!;
    const rows: string[][] = [];
    for (let i = 0; i < names.length; i += 2) rows.push(names.slice(i, i + 2));
    rows.forEach((row, i) => {
      const last = i === rows.length - 1;
      out.push({ kind: 'body', text: last ? number : '', indent: 1, right: 1, signers: `${i === 0 ? '签发人：' : ''}${row.join('　')}`, rule: last });
    });
  } else {
    out.push({ kind: 'body', text: number, align: 'center', rule: true });
  }
  out.push(...blank(2));
  return out;
}

function signature(doc: OfficialDocument): Line[] {
  if (!doc.signature && !doc.date) return [];
  const { signatureRight: sigRight, dateRight } = signaturePlacement(widthOf(doc.signature ?? ''), widthOf(doc.date ?? ''), doc.sealed);
  const out = blank(doc.sealed ? 2 : 1);
  if (doc.signature) out.push({ kind: 'body', text: doc.signature, align: 'right', right: sigRight });
  if (doc.date) out.push({ kind: 'body', text: doc.date, align: 'right', right: dateRight });
  return out;
}

function attachmentNote(doc: OfficialDocument): Line[] {
  if (doc.attachments.length === 0) return [];
  const numbered = doc.attachments.length > 1;
  const out = blank(1);
  doc.attachments.forEach((a, i) => {
    const item = numbered ? `${i + 1}. ${a.title}` : a.title;
    const lines = paragraph(i === 0 ? `附件：${item}` : item, { indent: i === 0 ? 2 : 5, hanging: numbered ? 6 : 5 });
    out.push(...lines.map((l) => ({ ...l, kind: 'body' as const, justify: false })));
  });
  return out;
}

const titleLines = (title: string): Line[] => breakLines(title, TITLE_CHARS).map((t) => ({ kind: 'title' as const, text: t, align: 'center' as const }));

function bodyOf(text: string): Line[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .flatMap((l) => paragraph(l));
}

const span = (l: Line) => l.span ?? 1;

/** Cuts a list of lines into pages of 22 grid lines. */
function paginate(flows: Line[][], firstNumber: number): Page[] {
  const pages: Page[] = [];
  for (const flow of flows) {
    let current: Page = { number: firstNumber + pages.length, lines: [] };
    let used = 0;
    pages.push(current);
    for (const line of flow) {
      if (used + span(line) > LINES) {
        current = { number: firstNumber + pages.length, lines: [] };
        pages.push(current);
        used = 0;
        if (line.kind === 'blank') continue;
      }
      current.lines.push(line);
      used += span(line);
    }
  }
  return pages;
}

export function layoutPages(doc: OfficialDocument): Page[] {
  const main: Line[] = [...header(doc), ...titleLines(doc.title), ...blank(1)];
  if (doc.recipients) main.push(...paragraph(doc.recipients, { indent: 0 }));
  main.push(...bodyOf(doc.body), ...attachmentNote(doc), ...signature(doc));
  if (doc.note) main.push(...paragraph(doc.note, { indent: 2 }).map((l) => ({ ...l, justify: false })));
  const flows = [main];
  const numbered = doc.attachments.length > 1;
  doc.attachments.forEach((a, i) => {
    flows.push([{ kind: 'heading1', text: numbered ? `附件${i + 1}` : '附件' }, ...blank(1), ...titleLines(a.title), ...blank(1), ...bodyOf(a.content ?? '')]);
  });
  const pages = paginate(flows, 1);
  const { cc, printer, printDate } = doc.colophon;
  if (cc || printer || printDate) {
    const need = (cc ? breakLines(cc, CHARS - 2).length : 0) + (printer || printDate ? 1 : 0);
    const last = pages[pages.length - 1]!;
    const used = last.lines.reduce((s, l) => s + span(l), 0);
    if (used + need > LINES) pages.push({ number: pages.length + 1, lines: [], colophon: { cc, printer, printDate } });
    else last.colophon = { cc, printer, printDate };
  }
  return pages;
}
