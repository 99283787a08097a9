/** Shared input clean-up for identifiers typed by people or read by OCR. */

/**
 * Full-width characters to ASCII (NFKC: １２３Ｘ → 123X), and every kind of whitespace
 * removed (grouping spaces such as "110105 19491231 002X", the ideographic space U+3000).
 */
export function compactIdentifier(value: string): string {
  return value.normalize('NFKC').replace(/\s+/gu, '');
}

/** Today's calendar date in Asia/Shanghai as YYYY-MM-DD (documents are dated there). */
export { todayInShanghai } from '../../knowledge/validity.js';

/** Whether YYYY, MM, DD name a day of the Gregorian calendar (20000230 does not). */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

export interface ValidationResult<I> {
  valid: boolean;
  /** why it is invalid, in Chinese, naming the part that is wrong */
  reason?: string;
  info?: I;
}
