/**
 * 正文 heading levels: 一、 → （一） → 1. → （1）, each level numbered in order. Numbering that
 * restarts at 1 (a new list, e.g. after '下列措施：') and numbering that runs on through the
 * document (措施 numbered 1–20 across sections, as many real documents do) are both accepted.
 * In flattened text a heading inside a run of text is invisible, so gaps are not judged there.
 * Only a text recognised as a 公文 (or declared one) is judged.
 */
import { at, type Finding, type Rule } from './finding.js';

const CN = '一二三四五六七八九十';
const CN_NUM = `[${CN}]{1,3}`;
/** heading forms: the right one of each level and the usual wrong ones */
const FORMS: ReadonlyArray<{ re: RegExp; level: 1 | 2 | 3 | 4; right: (n: string) => string; wrong?: string }> = [
  { re: new RegExp(`^(${CN_NUM})、(?![${CN}]+[、级类])`), level: 1, right: (n) => `${n}、` },
  { re: new RegExp(`^(${CN_NUM})[.．](?!\\d)`), level: 1, right: (n) => `${n}、`, wrong: '第一层序数后用顿号“、”' },
  { re: new RegExp(`^（(${CN_NUM})）[、，.．]`), level: 2, right: (n) => `（${n}）`, wrong: '第二层序数“（一）”后不加标点' },
  { re: new RegExp(`^（(${CN_NUM})）`), level: 2, right: (n) => `（${n}）` },
  { re: new RegExp(`^\\((${CN_NUM})\\)`), level: 2, right: (n) => `（${n}）`, wrong: '第二层序数用全角括号“（一）”' },
  { re: /^(\d{1,2})[.．](?![\d])/, level: 3, right: (n) => `${n}.`, wrong: undefined },
  { re: /^(\d{1,2})、/, level: 3, right: (n) => `${n}.`, wrong: '第三层序数后用“.”（“1.”）' },
  { re: /^（(\d{1,2})）[、，.．]/, level: 4, right: (n) => `（${n}）`, wrong: '第四层序数“（1）”后不加标点' },
  { re: /^（(\d{1,2})）/, level: 4, right: (n) => `（${n}）` },
  { re: /^\((\d{1,2})\)/, level: 4, right: (n) => `（${n}）`, wrong: '第四层序数用全角括号“（1）”' },
];
const LEVEL_NAMES = ['', '“一、”', '“（一）”', '“1.”', '“（1）”'];

function toNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  const [tens, ones] = s.split('十');
  if (!s.includes('十')) return CN.indexOf(s) + 1;
  return (tens ? CN.indexOf(tens) + 1 : 1) * 10 + (ones ? CN.indexOf(ones) + 1 : 0);
}
function toChinese(n: number): string {
  if (n <= 10) return CN[n - 1]!;
  if (n < 20) return `十${CN[n - 11]}`;
  return `${CN[Math.floor(n / 10) - 1]}十${n % 10 ? CN[(n % 10) - 1] : ''}`;
}

export const headingsRule: Rule = ({ parsed, type }) => {
  // the numbered lists of a law, a news item or an FAQ are not 公文 headings: judged only in a 公文
  if (type === null) return [];
  const out: Finding[] = [];
  const inParent = [0, 0, 0, 0, 0];
  const last = [0, 0, 0, 0, 0];
  let current = 0;
  for (const seg of parsed.spans.body) {
    const form = FORMS.find((f) => f.re.test(seg.text));
    if (!form) continue;
    const m = form.re.exec(seg.text)!;
    const level = form.level;
    const n = toNumber(m[1]!);
    const cn = level <= 2;
    if (form.wrong) out.push({ rule: 'heading-order', severity: 'warning', message: `正文层次序数：${form.wrong}（“${m[0]}”）`, ...at(seg, 0, m[0].length), fix: form.right(m[1]!) });
    const expected = inParent[level]! + 1;
    const continues = inParent[level] === 0 && n === last[level]! + 1;
    if (!parsed.flattened && n !== expected && n !== 1 && !continues) {
      const want = cn ? toChinese(expected) : String(expected);
      out.push({ rule: 'heading-order', severity: 'error', message: `正文层次序数：序号不连续，此处应为${form.right(want)}（实为“${m[0]}”）`, ...at(seg, 0, m[0].length), fix: form.right(want) });
    }
    if (!parsed.flattened && current >= 1 && level > current + 1) {
      out.push({ rule: 'heading-order', severity: 'warning', message: `正文层次序数：${LEVEL_NAMES[current]}之下应先用${LEVEL_NAMES[current + 1]}，不宜越级使用${LEVEL_NAMES[level]}`, ...at(seg, 0, m[0].length) });
    }
    inParent[level] = n;
    last[level] = n;
    for (let l = level + 1; l <= 4; l++) inParent[l] = 0;
    current = level;
  }
  return out;
};
