/**
 * Rules that depend on the 文种: one matter per 请示, no 请示 items in a 报告, a 批复 citing the
 * 请示 it answers with its 字号, and a type consistent with the title and the closing.
 */
import { TYPE_INFO, typeOfClosing } from '../document-types.js';
import type { Seg } from '../plain-text.js';
import { at, type Finding, type Rule } from './finding.js';

/** A request for a decision: what a 请示 asks and a 报告 must not. */
const REQUEST_ASK = /(?:(?:妥否|当否|可否|是否妥当|以上意见如无不妥)[，,]?\s*)?请(?:予)?(?:批示|审批|批准|批复|核准|指示)/g;
/** a sentence asking the recipient to decide, fund or approve one matter */
const ASK_SENTENCE = /(?:请|恳请|提请)(?:上级|市政府|省政府|区政府|县政府|贵[^，。]{0,6}|予以|给予)?(?:批准|审批|同意|解决|拨付|支持|安排|核准|给予|划拨|增加|追加)/;

/** The last sentence of 正文 (what a closing phrase is looked for in). */
function closingSentence(body: Seg[]): { seg: Seg; from: number; sentence: string } | null {
  const seg = body.at(-1);
  if (!seg) return null;
  const trimmed = seg.text.replace(/[。！\s]+$/, '');
  const from = Math.max(trimmed.lastIndexOf('。'), trimmed.lastIndexOf('！')) + 1;
  return { seg, from, sentence: trimmed.slice(from) };
}

export const typeConsistencyRule: Rule = ({ parsed, type, typeGiven }) => {
  if (type === null) return [];
  const out: Finding[] = [];
  const title = parsed.spans.title;
  const named = parsed.titleType;
  if (title && /请示报告$/.test(title.text.replace(/（[^）]*）$/, ''))) {
    const i = title.text.lastIndexOf('请示报告');
    out.push({ rule: 'type-consistency', severity: 'error', message: '文种：“请示报告”不是法定文种，请示与报告应分别行文', ...at(title, i, i + 4), fix: type === '报告' ? '报告' : '请示' });
  } else if (typeGiven && title && named && named.type !== type) {
    const i = title.text.lastIndexOf(named.word);
    out.push({ rule: 'type-consistency', severity: 'error', message: `文种：所选文种为“${type}”，标题却以“${named.word}”结尾`, ...at(title, i, i + named.word.length), fix: type });
  }
  const closing = closingSentence(parsed.spans.body);
  const found = closing && typeOfClosing(closing.sentence);
  // a 报告 closing with a request is the report-request rule's finding
  if (closing && found && found.type !== type && !(type === '报告' && found.type === '请示') && !(type === '函' && found.type === '批复')) {
    const i = closing.seg.text.lastIndexOf(found.phrase);
    const conventional = TYPE_INFO[type].closings[0];
    out.push({
      rule: 'type-consistency',
      severity: 'error',
      message: `文种：${type}的结尾用了${found.type}的结束语“${found.phrase}”${conventional ? `，应为“${conventional}”等` : ''}`,
      ...at(closing.seg, i, i + found.phrase.length),
      ...(conventional ? { fix: conventional } : {}),
    });
  }
  return out;
};

export const reportRequestRule: Rule = ({ parsed, type }) => {
  if (type !== '报告') return [];
  const out: Finding[] = [];
  for (const seg of parsed.spans.body) {
    for (const m of seg.text.matchAll(REQUEST_ASK)) {
      out.push({ rule: 'report-request', severity: 'error', message: `报告：不得夹带请示事项（“${m[0]}”）；需要上级批准的事项应另行请示`, ...at(seg, m.index!, m.index! + m[0].length), fix: '特此报告' });
    }
  }
  return out;
};

export const oneMatterRule: Rule = ({ parsed, type }) => {
  if (type !== '请示') return [];
  const out: Finding[] = [];
  const title = parsed.spans.title;
  const twoAsks = title && /关于.*(?:申请|请求|解决|拨付|增加|设立|调整|批准).*(?:和|及|以及|并|、)(?:申请|请求|解决|拨付|增加|设立|调整|批准)/.exec(title.text);
  if (title && twoAsks) out.push({ rule: 'one-matter', severity: 'error', message: '请示：应一文一事，标题含两项以上请示事项', ...at(title) });
  const closing = closingSentence(parsed.spans.body);
  const asks = parsed.spans.body.filter((seg) => {
    if (closing && seg === closing.seg) return ASK_SENTENCE.test(seg.text.slice(0, closing.from));
    return ASK_SENTENCE.test(seg.text);
  });
  if (asks.length >= 2 && !twoAsks) {
    out.push({ rule: 'one-matter', severity: 'warning', message: `请示：应一文一事，正文有${asks.length}段提出请求事项，请确认是否为同一事项`, ...at(asks[1]!) });
  }
  return out;
};

export const replyCitesRequestRule: Rule = ({ parsed, type }) => {
  if (type !== '批复') return [];
  const first = parsed.spans.body[0];
  if (!first) return [];
  const cite = /《[^》]*请示》/.exec(first.text);
  if (!cite) {
    return [{ rule: 'reply-cites-request', severity: 'error', message: '批复：开头应引用所答复的请示，如“你单位《关于…的请示》（…〔2026〕3号）收悉。”', ...at(first, 0, 0) }];
  }
  const after = first.text.slice(cite.index + cite[0].length);
  if (!/^\s*[（(][^（）()]*〔\d{4}〕\d+号[）)]/.test(after)) {
    const end = cite.index + cite[0].length;
    return [{ rule: 'reply-cites-request', severity: 'error', message: '批复：引用请示时应在标题后注明其发文字号，如“（…〔2026〕3号）”', ...at(first, end, end) }];
  }
  return [];
};
