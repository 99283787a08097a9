/**
 * 发文字号: 机关代字 + 〔full year〕 + number + 号 — 六角括号, no 第, no leading zeros, no
 * spaces, half-width Arabic digits. Checked in the 版头 and wherever a 字号 is cited.
 */
import { DOC_NUMBER_PATTERN } from '../plain-text.js';
import type { Finding, Rule } from './finding.js';

const toHalfWidth = (s: string) => s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

/** The 机关代字 of a match: the pattern takes up to 12 characters before the bracket, which in running text include words before it. */
function agencyCode(prefix: string): string {
  const cut = Math.max(...[...'了的和与在为从照据及对将由是即'].map((c) => prefix.lastIndexOf(c)));
  return prefix.slice(cut + 1);
}

export const docNumberRule: Rule = ({ text, parsed }) => {
  const out: Finding[] = [];
  const header = parsed.spans.docNumber;
  for (const m of text.matchAll(DOC_NUMBER_PATTERN)) {
    const [all, code, open, yearRaw, close, di, numRaw] = m as unknown as string[];
    const problems: string[] = [];
    if (open !== '〔' || close !== '〕') problems.push('年份应使用六角括号〔〕');
    if (/[０-９]/.test(yearRaw! + numRaw!)) problems.push('应使用半角阿拉伯数字');
    const year = toHalfWidth(yearRaw!);
    if (year.length !== 4) problems.push('年份应写全四位');
    if (di) problems.push('序号前不加“第”字');
    const num = toHalfWidth(numRaw!);
    if (/^0/.test(num)) problems.push('序号不编虚位（不加“0”）');
    const from = m.index! + code!.length;
    // a flattened text's spaces may stand for lost line breaks: judged only where lines are kept
    if (!parsed.flattened && /[ \t\u3000]/.test(all!.slice(code!.length))) problems.push('不应含空格');
    if (problems.length === 0) continue;
    const fixed = `〔${year.length === 2 ? `20${year}` : year}〕${Number(num)}号`;
    const isHeader = header !== undefined && from >= header.start && from < header.end;
    const element = isHeader ? '发文字号' : '引用的发文字号';
    out.push({
      rule: 'doc-number',
      severity: 'error',
      message: `${element}：${problems.join('；')}（“${agencyCode(code!)}${all!.slice(code!.length).trim()}”应为“${agencyCode(code!)}${fixed}”）`,
      start: from,
      end: m.index! + all!.length,
      fix: fixed,
    });
  }
  return out;
};
