/** A checker finding and the context every rule reads. */
import { z } from 'zod';
import type { DocumentType } from '../document.model.js';
import type { ParsedDocument, Seg } from '../plain-text.js';

export const findingSchema = z.object({
  /** stable rule id, e.g. 'doc-number' */
  rule: z.string(),
  /** Chinese, naming the element: '发文字号：年份应使用六角括号〔〕' */
  message: z.string(),
  severity: z.enum(['error', 'warning']),
  /** UTF-16 offsets `[start,end)` into the checked text */
  start: z.number().int().min(0).optional(),
  end: z.number().int().min(0).optional(),
  /** suggested replacement for `[start,end)` */
  fix: z.string().optional(),
});
export type Finding = z.infer<typeof findingSchema>;

export interface LintContext {
  text: string;
  parsed: ParsedDocument;
  /** the type given by the caller, else the one the title names; null: not recognisably a 公文 */
  type: DocumentType | null;
  /** the caller said which type the document is (drafting, stored documents) */
  typeGiven: boolean;
}

export type Rule = (ctx: LintContext) => Finding[];

export function at(seg: Seg, from = 0, to = seg.text.length): { start: number; end: number } {
  return { start: seg.start + from, end: seg.start + to };
}
