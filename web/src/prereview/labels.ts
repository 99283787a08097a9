/** Words and marks of material pre-review, shared by the citizen's pages and the workbench. */
import type { ApplicationStatus, Decision, RuleStatus } from '../api-prereview.js';

/** Each rule status has its own mark and word, so it never depends on colour alone. */
export const RULE_STATUS: Record<RuleStatus, { label: string; mark: string; color: string }> = {
  pass: { label: '通过', mark: '✓', color: 'success' },
  fail: { label: '不通过', mark: '✗', color: 'error' },
  uncertain: { label: '需人工核对', mark: '?', color: 'warning' },
};

/** The AI's overall suggestion (never a decision). */
export const SUGGESTION: Record<RuleStatus, string> = { pass: '预审通过', fail: '预审未通过', uncertain: '部分需人工核对' };

export const APPLICATION_STATUS: Record<ApplicationStatus, { label: string; color: string }> = {
  pending: { label: '待人工审核', color: 'processing' },
  supplement: { label: '需补正材料', color: 'warning' },
  accepted: { label: '已受理', color: 'success' },
  rejected: { label: '不予受理', color: 'error' },
};

export const DECISION: Record<Decision, string> = { accept: '受理', reject: '不予受理', supplement: '补正' };

export const EXTRACTION: Record<string, string> = { text: 'PDF 文字', docx: 'Word 文字', ocr: '图片识别（OCR）', none: '未识别出文字' };
