/**
 * Rules on the elements around 正文: 主送机关, 附件说明, 成文日期 and 印发日期, 签发人, 抄送.
 */
import { DATE_ONLY, type Seg } from '../plain-text.js';
import { TYPE_INFO } from '../document-types.js';
import { at, type Finding, type Rule } from './finding.js';

/** Types that always name whom they are sent to. */
const NEEDS_RECIPIENTS = new Set(['请示', '批复', '函', '报告']);

export const recipientsRule: Rule = ({ parsed, type }) => {
  const seg = parsed.spans.recipients;
  const out: Finding[] = [];
  if (!seg) {
    if (type && NEEDS_RECIPIENTS.has(type) && !parsed.flattened && parsed.spans.title && parsed.spans.body.length > 0) {
      const first = parsed.spans.body[0]!;
      out.push({ rule: 'recipients', severity: 'error', message: `主送机关：${type}应在标题下一行顶格写明主送机关，并以“：”结尾`, start: first.start, end: first.start });
    }
    return out;
  }
  const s = seg.text;
  if (s.endsWith(':')) out.push({ rule: 'recipients', severity: 'error', message: '主送机关：应以全角冒号“：”结尾', ...at(seg, s.length - 1), fix: '：' });
  else if (!s.endsWith('：')) out.push({ rule: 'recipients', severity: 'error', message: '主送机关：末尾缺少全角冒号“：”', ...at(seg, s.length, s.length), fix: '：' });
  if (type === '请示') {
    const names = s.replace(/[：:]$/, '');
    if (/[、，,；;]/.test(names) || /^各/.test(names)) {
      out.push({ rule: 'request-recipient', severity: 'error', message: `主送机关：请示只主送一个上级机关（“${names}”），需要其他机关知悉的用抄送`, ...at(seg, 0, names.length) });
    }
  }
  return out;
};

export const attachmentsRule: Rule = ({ parsed }) => {
  const segs = parsed.spans.attachments;
  if (segs.length === 0) return [];
  const out: Finding[] = [];
  const first = segs[0]!;
  const colon = /^附\s*件\s*([：:])/.exec(first.text)!;
  if (colon[1] === ':' || colon[0] !== `附件${colon[1]}`) out.push({ rule: 'attachments', severity: 'error', message: '附件说明：应写作“附件：”（全角冒号，中间无空格）', ...at(first, 0, colon[0].length), fix: '附件：' });
  // '附件：' alone on its line (or piece) is followed by the items
  const items = first.text.slice(colon[0].length).trim() === '' ? segs.slice(1) : segs;
  const many = items.length > 1;
  items.forEach((seg, k) => {
    const offset = seg === first ? colon[0].length : 0;
    const item = seg.text.slice(offset);
    const lead = item.length - item.trimStart().length;
    const num = /^(\d+)\s*([.．、]?)\s*/.exec(item.trimStart());
    const base = offset + lead;
    if (many) {
      if (!num || num[1] === '' || !/^\d+$/.test(num[1]!)) {
        out.push({ rule: 'attachments', severity: 'error', message: `附件说明：有多个附件时应编序号（“${k + 1}.”）`, ...at(seg, base, base), fix: `${k + 1}.` });
      } else {
        if (Number(num[1]) !== k + 1) out.push({ rule: 'attachments', severity: 'error', message: `附件说明：序号应依次为${k + 1}（此处为${num[1]}）`, ...at(seg, base, base + num[1]!.length), fix: String(k + 1) });
        if (num[2] !== '.') out.push({ rule: 'attachments', severity: 'error', message: `附件说明：序号后用“.”（此处为“${num[2] || '无'}”）`, ...at(seg, base + num[1]!.length, base + num[1]!.length + num[2]!.length), fix: '.' });
      }
    } else if (num && /^\d+$/.test(num[1]!) && num[2]) {
      out.push({ rule: 'attachments', severity: 'warning', message: '附件说明：只有一个附件时不编序号', ...at(seg, base, base + num[0].length), fix: '' });
    }
    const end = /[。；，.;,：:]+$/.exec(seg.text);
    if (end) out.push({ rule: 'attachments', severity: 'error', message: `附件说明：附件名称后不加标点符号（“${end[0]}”）`, ...at(seg, end.index, seg.text.length), fix: '' });
  });
  return out;
};

const CN_DIGITS: Record<string, number> = { '〇': 0, '○': 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
function chineseNumber(s: string): number {
  if (/^[0-9０-９]+$/.test(s)) return Number(s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)));
  if (s.length === 4 && !s.includes('十')) return Number([...s].map((c) => CN_DIGITS[c]).join(''));
  const [tens, ones] = s.split('十');
  if (s.includes('十')) return (tens ? CN_DIGITS[tens]! : 1) * 10 + (ones ? CN_DIGITS[ones]! : 0);
  return CN_DIGITS[s] ?? NaN;
}

/** The date as GB/T 9704 prints it (2026年7月1日), or null when it is already so written or unreadable. */
export function normalizeDate(raw: string): string | null {
  const m = DATE_ONLY.exec(raw.trim());
  if (!m) return null;
  const [y, mo, d] = m[1] ? [m[1], m[2]!, m[3]!] : [m[4]!, m[5]!, m[6]!];
  const fixed = `${chineseNumber(y)}年${chineseNumber(mo)}月${chineseNumber(d)}日`;
  return fixed === raw || /NaN/.test(fixed) ? null : fixed;
}

function dateFinding(seg: Seg, element: string, flattened: boolean): Finding | null {
  // a flattened text's spaces may stand for lost line breaks
  const fixed = normalizeDate(seg.text);
  if (!fixed || (flattened && normalizeDate(seg.text.replace(/\s/g, '')) === null)) return null;
  const problems: string[] = [];
  if (/[〇○零一二三四五六七八九十]/.test(seg.text)) problems.push('应使用阿拉伯数字');
  else if (/[０-９]/.test(seg.text)) problems.push('应使用半角阿拉伯数字');
  else if (/[-./／]/.test(seg.text)) problems.push('应写作“年月日”');
  else if (/(?:年|月)0/.test(seg.text.replace(/\s/g, ''))) problems.push('月、日不编虚位（不加“0”）');
  if (!flattened && /\s/.test(seg.text)) problems.push('不应含空格');
  return { rule: 'date', severity: 'error', message: `${element}：${problems.join('；') || '格式应为“2026年7月1日”'}（应为“${fixed}”）`, ...at(seg), fix: fixed };
}

export const dateRule: Rule = ({ parsed, type }) => {
  // a flattened text that is not recognisably a 公文 (a news item) may end with a date of another kind
  if (type === null && parsed.flattened) return [];
  const out: Finding[] = [];
  if (parsed.spans.date) {
    const f = dateFinding(parsed.spans.date, '成文日期', parsed.flattened);
    if (f) out.push(f);
  }
  if (parsed.spans.printDate) {
    const f = dateFinding(parsed.spans.printDate, '印发日期', parsed.flattened);
    if (f) out.push(f);
  }
  return out;
};

export const signerRule: Rule = ({ parsed, type }) => {
  const out: Finding[] = [];
  const seg = parsed.spans.signers;
  if (seg) {
    const colon = /^签发人\s*(:)/.exec(seg.text);
    if (colon) out.push({ rule: 'signer', severity: 'error', message: '签发人：“签发人”后用全角冒号“：”', ...at(seg, colon.index + colon[0].length - 1, colon.index + colon[0].length), fix: '：' });
  } else if (type && TYPE_INFO[type].direction === '上行文' && parsed.spans.docNumber) {
    out.push({ rule: 'signer', severity: 'error', message: `签发人：上行文（${type}）应在发文字号右侧标注签发人姓名`, ...at(parsed.spans.docNumber, parsed.spans.docNumber.text.length, parsed.spans.docNumber.text.length), fix: '\u3000\u3000签发人：' });
  }
  return out;
};

export const ccRule: Rule = ({ parsed }) => {
  const seg = parsed.spans.cc;
  if (!seg) return [];
  const out: Finding[] = [];
  const colon = /^(抄送|抄报)\s*([：:])/.exec(seg.text)!;
  if (colon[2] === ':') out.push({ rule: 'cc', severity: 'error', message: `版记：“${colon[1]}”后用全角冒号“：”`, ...at(seg, colon[0].length - 1, colon[0].length), fix: '：' });
  // a flattened 抄送 may have lost its end to a cut: only a line of its own is checked for the full stop
  if (!parsed.flattened && !seg.text.endsWith('。')) {
    const trailing = /[，,；;、]$/.exec(seg.text);
    out.push({ rule: 'cc', severity: 'error', message: '版记：抄送机关名称之后以句号“。”结束', ...at(seg, trailing ? seg.text.length - 1 : seg.text.length, seg.text.length), fix: '。' });
  }
  return out;
};
