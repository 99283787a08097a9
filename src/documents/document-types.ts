/**
 * What each of the 15 文种 implies for drafting and checking: its direction (上行/下行/平行,
 * which decides 签发人 and the single 主送机关 of a 请示), the closing phrases that belong to it,
 * and the words a title may end with for it (DOMAIN.md §4).
 */
import { DOCUMENT_TYPES, type DocumentType } from './document.model.js';

export type Direction = '上行文' | '下行文' | '平行文';

export interface DocumentTypeInfo {
  type: DocumentType;
  direction: Direction;
  /** closing phrases conventional for this type (the last sentence of 正文) */
  closings: readonly string[];
  /** whether the title takes the form 发文机关 + 关于 + 事由 + 的 + 文种 */
  aboutTitle: boolean;
}

export const TYPE_INFO: Record<DocumentType, DocumentTypeInfo> = {
  决议: { type: '决议', direction: '下行文', closings: [], aboutTitle: true },
  决定: { type: '决定', direction: '下行文', closings: ['特此决定'], aboutTitle: true },
  命令: { type: '命令', direction: '下行文', closings: [], aboutTitle: false },
  公报: { type: '公报', direction: '下行文', closings: [], aboutTitle: false },
  公告: { type: '公告', direction: '下行文', closings: ['特此公告'], aboutTitle: false },
  通告: { type: '通告', direction: '下行文', closings: ['特此通告'], aboutTitle: false },
  意见: { type: '意见', direction: '下行文', closings: [], aboutTitle: true },
  通知: { type: '通知', direction: '下行文', closings: ['特此通知'], aboutTitle: true },
  通报: { type: '通报', direction: '下行文', closings: ['特此通报'], aboutTitle: true },
  报告: { type: '报告', direction: '上行文', closings: ['特此报告', '专此报告'], aboutTitle: true },
  请示: { type: '请示', direction: '上行文', closings: ['妥否，请批示', '当否，请批示', '以上请示，请批示', '以上请示如无不妥，请批准', '请予审批', '请批示', '请审批'], aboutTitle: true },
  批复: { type: '批复', direction: '下行文', closings: ['此复', '特此批复'], aboutTitle: true },
  议案: { type: '议案', direction: '上行文', closings: ['现提请审议', '请予审议'], aboutTitle: true },
  函: { type: '函', direction: '平行文', closings: ['特此函告', '请予函复', '特此函复', '特此函达', '专此函复', '此函'], aboutTitle: true },
  纪要: { type: '纪要', direction: '下行文', closings: [], aboutTitle: false },
};

/**
 * Words a title may end with, longest first, and the 文种 each names. 复函 is a 函, 实施意见 an
 * 意见, 会议纪要 a 纪要, a 令 a 命令.
 */
const TITLE_ENDINGS: ReadonlyArray<readonly [string, DocumentType]> = (
  [
    ['会议纪要', '纪要'],
    ['实施意见', '意见'],
    ['指导意见', '意见'],
    ['复函', '函'],
    ...DOCUMENT_TYPES.map((t): [string, DocumentType] => [t, t]),
    ['令', '命令'],
  ] satisfies Array<[string, DocumentType]>
).sort((a, b) => b[0].length - a[0].length);

/** A trailing note a title may carry after its 文种, e.g. '（试行）' or '（第二批）'. */
const TITLE_SUFFIX = /(?:（[^（）]{1,12}）|\([^()]{1,12}\))$/;

/** The 文种 a title ends with (before a trailing parenthesised note), or null. */
export function typeOfTitle(title: string): { type: DocumentType; word: string; end: number } | null {
  const core = title.trim().replace(/[。，；：！？.,;:!?]+$/, '').replace(TITLE_SUFFIX, '');
  for (const [word, type] of TITLE_ENDINGS) {
    if (!core.endsWith(word)) continue;
    // '令' alone ends many words (口令, 禁令): only '…令' titles such as '国务院令', '主席令'
    if (word === '令' && !/(?:政府|院|席|部|局|委|厅)令$/.test(core)) continue;
    return { type, word, end: core.length };
  }
  return null;
}

const CLOSINGS = Object.values(TYPE_INFO)
  .flatMap((info) => info.closings.map((phrase) => ({ type: info.type, phrase })))
  .sort((a, b) => b.phrase.length - a.phrase.length);

/** The type whose conventional closing ends a sentence ('以上请示如无不妥，请批准'), or null. */
export function typeOfClosing(sentence: string): { type: DocumentType; phrase: string } | null {
  const s = sentence.replace(/[。！!\s]+$/, '');
  return CLOSINGS.find((c) => s.endsWith(c.phrase)) ?? null;
}
