/**
 * 标题: 发文机关 + 关于 + 事由 + 的 + 文种. Only 书名号 (法规、规章 and forwarded documents),
 * quotation marks, 顿号 and brackets are used inside; nothing ends it.
 */
import { TYPE_INFO } from '../document-types.js';
import { at, type Finding, type Rule } from './finding.js';

const END_PUNCT = /[。，；：！？、.,;:!?]+$/;
const INNER_PUNCT = /[，。；：！？,;:!?]/g;
const FORWARDING = /(?:印发|转发|批转|颁布|发布|公布)/;

export const titleRule: Rule = ({ parsed, type, typeGiven }) => {
  const seg = parsed.spans.title;
  if (!seg || type === null) return [];
  const out: Finding[] = [];
  const title = seg.text;
  const endPunct = END_PUNCT.exec(title);
  if (endPunct) {
    out.push({ rule: 'title', severity: 'error', message: `标题：末尾不加标点符号（“${endPunct[0]}”）`, ...at(seg, endPunct.index, title.length), fix: '' });
  }
  const core = endPunct ? title.slice(0, endPunct.index) : title;
  for (const p of core.matchAll(INNER_PUNCT)) {
    out.push({ rule: 'title', severity: 'warning', message: `标题：除书名号、引号、顿号和括号外一般不用标点符号（“${p[0]}”）`, ...at(seg, p.index!, p.index! + 1), fix: p[0] === '，' || p[0] === ',' ? '、' : '' });
  }
  const named = parsed.titleType;
  if (!named) {
    // without a 文种 the title may be a heading of another kind of text; only a document the
    // caller declared a 公文 of this type is told what is missing
    if (typeGiven) out.push({ rule: 'title', severity: 'error', message: `标题：缺少文种“${type}”，应为“发文机关＋关于＋事由＋的＋${type}”`, ...at(seg, core.length, core.length), fix: `的${type === '命令' ? '命令' : type}` });
    return out;
  }
  // '请示报告' is a type error (type rules); '政府工作报告' goes to a congress, not in 公文 form
  if (!TYPE_INFO[named.type].aboutTitle || /(?:请示报告|工作报告)$/.test(core)) return out;
  const wordAt = core.lastIndexOf(named.word);
  if (!core.includes('关于') && !FORWARDING.test(core)) {
    out.push({ rule: 'title', severity: 'error', message: '标题：应由“发文机关＋关于＋事由＋的＋文种”构成，缺少“关于”', ...at(seg, 0, core.length) });
  }
  const beforeWord = core.slice(Math.max(0, wordAt - 7), wordAt);
  if (wordAt > 0 && !/的(?:(?!关于)[^的]){0,6}$/.test(beforeWord)) {
    out.push({ rule: 'title', severity: 'error', message: `标题：文种“${named.word}”前应有“的”`, ...at(seg, wordAt, wordAt), fix: '的' });
  }
  return out;
};
