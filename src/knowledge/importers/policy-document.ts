/**
 * Policy documents as DOCX or PDF: the text layer becomes the entry text; title, 发文字号
 * and dates are read from it when present.
 */
import path from 'node:path';
import mammoth from 'mammoth';
import { extractText, getDocumentProxy } from 'unpdf';

/** 发文字号 in the 〔year〕 form: 机关代字 + 〔2026〕 + number + 号 */
export const DOC_NUMBER_RE = /[\u4e00-\u9fa5]{1,20}〔\d{4}〕\d+号/u;
const CN_DIGIT: Record<string, string> = { 〇: '0', 零: '0', Ｏ: '0', O: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };
const DATE_LINE = /^\s*([\d〇零Ｏ一二三四五六七八九]{4})年([\d一二三四五六七八九十]{1,3})月([\d一二三四五六七八九十]{1,3})日\s*$/u;
const EFFECTIVE_RE = /自\s*(\d{4})年(\d{1,2})月(\d{1,2})日\s*起(?:施行|实施|执行|生效)/u;

function cnDay(s: string): string {
  if (/^\d+$/.test(s)) return s;
  if (s === '十') return '10';
  if (s.startsWith('十')) return `1${CN_DIGIT[s[1]!] ?? ''}`;
  if (s.endsWith('十')) return `${CN_DIGIT[s[0]!] ?? ''}0`;
  if (s.includes('十')) return `${CN_DIGIT[s[0]!] ?? ''}${CN_DIGIT[s[2]!] ?? ''}`;
  return [...s].map((c) => CN_DIGIT[c] ?? c).join('');
}

function toIso(y: string, m: string, d: string): string | undefined {
  const year = [...y].map((c) => CN_DIGIT[c] ?? c).join('');
  const s = `${year}-${cnDay(m).padStart(2, '0')}-${cnDay(d).padStart(2, '0')}`;
  const t = new Date(`${s}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(t.getTime()) && t.toISOString().startsWith(s) ? s : undefined;
}

/** Line breaks unified, trailing blanks removed, runs of blank lines cut to one. */
export function normalizeDocumentText(raw: string): string {
  return raw
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00A0]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Lines of a 版头 that are not the title: 发文机关标志 (…文件), 字号, 份号, 密级, 紧急程度. */
function isMastheadLine(line: string): boolean {
  return DOC_NUMBER_RE.test(line) || /文件$/u.test(line) || /^\d{6}$/.test(line) || /^(绝密|机密|秘密|特急|加急|平急)/u.test(line);
}

export interface PolicyFields {
  title?: string;
  docNumber?: string;
  writtenDate?: string;
  effectiveDate?: string;
  text: string;
}

export function policyFieldsFromText(raw: string): PolicyFields {
  const text = normalizeDocumentText(raw);
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const title = lines.find((l) => !isMastheadLine(l));
  const docNumber = DOC_NUMBER_RE.exec(text)?.[0];
  const dateLine = [...lines].reverse().map((l) => DATE_LINE.exec(l)).find(Boolean);
  const writtenDate = dateLine ? toIso(dateLine[1]!, dateLine[2]!, dateLine[3]!) : undefined;
  const eff = EFFECTIVE_RE.exec(text);
  const effectiveDate = eff ? toIso(eff[1]!, eff[2]!, eff[3]!) : undefined;
  return { text, title, docNumber, writtenDate, effectiveDate };
}

export async function extractDocxText(buffer: Buffer): Promise<string> {
  const r = await mammoth.extractRawText({ buffer });
  return r.value;
}

export async function extractPdfText(buffer: Buffer): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(buffer));
  const { text } = await extractText(pdf, { mergePages: true });
  return text;
}

/** Entry id from a file name: its base name without extension, made id-safe. */
export function idFromFileName(file: string): string {
  return path
    .basename(file)
    .replace(/\.[^.]+$/, '')
    .trim()
    .replace(/[\s/?#]+/gu, '_')
    .slice(0, 128);
}

/** A policy (or law) body from a document's text; the dates also set validity. */
export function policyBodyFromText(raw: string, id: string, kind: 'policy' | 'law' = 'policy'): Record<string, unknown> {
  const f = policyFieldsFromText(raw);
  const validFrom = f.effectiveDate ?? f.writtenDate;
  return Object.fromEntries(
    Object.entries({
      kind,
      id,
      // a first "line" that is a whole paragraph (some PDFs) is no title: let deriveTitle cut it
      title: f.title && f.title.length <= 200 ? f.title : undefined,
      docNumber: f.docNumber,
      writtenDate: f.writtenDate,
      effectiveDate: f.effectiveDate,
      validFrom,
      text: f.text,
    }).filter(([, v]) => v !== undefined),
  );
}
