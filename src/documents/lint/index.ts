/**
 * The GB/T 9704 format checker: plain text (or a parsed document) in, findings out. Every rule
 * reads the same parse; rules about the 文种 run only when the type is known — given by the
 * caller or named by a title in 公文 form — so a text that is not a 公文 is not judged as one.
 */
import type { DocumentType, OfficialDocument } from '../document.model.js';
import { parsePlainText, renderPlainText, type ParsedDocument } from '../plain-text.js';
import { docNumberRule } from './doc-number.rule.js';
import type { Finding, LintContext, Rule } from './finding.js';
import { headingsRule } from './headings.rule.js';
import { attachmentsRule, ccRule, dateRule, recipientsRule, signerRule } from './layout.rules.js';
import { titleRule } from './title.rule.js';
import { oneMatterRule, replyCitesRequestRule, reportRequestRule, typeConsistencyRule } from './type.rules.js';

export { findingSchema, type Finding } from './finding.js';

export const RULES: Readonly<Record<string, Rule>> = {
  'doc-number': docNumberRule,
  title: titleRule,
  recipients: recipientsRule,
  'heading-order': headingsRule,
  attachments: attachmentsRule,
  date: dateRule,
  signer: signerRule,
  cc: ccRule,
  'one-matter': oneMatterRule,
  'report-request': reportRequestRule,
  'type-consistency': typeConsistencyRule,
  'reply-cites-request': replyCitesRequestRule,
};

/** Whether a title names its 文种 in 公文 form (关于…的…, 印发/转发…), not a headline that ends with one. */
function titleInDocumentForm(parsed: ParsedDocument): boolean {
  const title = parsed.spans.title?.text ?? '';
  const named = parsed.titleType;
  if (!named) return false;
  if (parsed.spans.docNumber || title.includes('关于')) return true;
  // '国务院办公厅转发…的通知' is a title; '三部门印发通知' a headline
  if (/(?:印发|转发|批转)/.test(title) && /的(?:(?!关于)[^的]){0,6}$/.test(title.slice(0, title.lastIndexOf(named.word)))) return true;
  // titles of these types need no 关于 ('国家税务总局公告', 'XX会议纪要'); a headline with spaces or a dash is news
  return !/[\s—！？]/.test(title) && (named.word.length >= 3 || ['命令', '公告', '通告', '公报', '纪要'].includes(named.type));
}

/** The 文种 the checker judges a text by: the given one, else the title's when the title is in 公文 form, else null. */
export function checkedType(parsed: ParsedDocument, given?: DocumentType): DocumentType | null {
  return given ?? (titleInDocumentForm(parsed) ? parsed.titleType!.type : null);
}

export function lintParsed(text: string, parsed: ParsedDocument, opts: { type?: DocumentType } = {}): Finding[] {
  const type = checkedType(parsed, opts.type);
  const ctx: LintContext = { text, parsed, type, typeGiven: opts.type !== undefined };
  const findings = Object.values(RULES).flatMap((rule) => rule(ctx));
  return findings.sort((a, b) => (a.start ?? 0) - (b.start ?? 0) || a.rule.localeCompare(b.rule));
}

/** Checks a document written as plain text; offsets point into `text`. */
export function lintText(text: string, opts: { type?: DocumentType } = {}): Finding[] {
  return lintParsed(text, parsePlainText(text, opts), opts);
}

/** Checks a document of the model: its plain-text rendering, returned with the findings. */
export function lintDocument(doc: OfficialDocument): { text: string; findings: Finding[] } {
  const text = renderPlainText(doc);
  return { text, findings: lintText(text, { type: doc.type }) };
}
