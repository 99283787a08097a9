/**
 * Dates as printed on Chinese documents: 2016.05.01, 2016-05-01, 2016/5/1, 2016年5月1日,
 * 20160501, and validity periods such as 2016.05.01-2036.05.01 or 2016.05.01-长期.
 */
import { isRealDate } from './normalize.js';

const DATE = /(\d{4})\s*(?:[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})\s*日?|(\d{2})(\d{2}))/u;

/** The first date in the text as YYYY-MM-DD, or null when there is none or it does not exist. */
export function parseDocumentDate(text: string): string | null {
  const m = DATE.exec(text.normalize('NFKC'));
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2] ?? m[4]);
  const d = Number(m[3] ?? m[5]);
  if (!isRealDate(y, mo, d)) return null;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export interface ValidityPeriod {
  from: string | null;
  /** null with `indefinite` for 长期 */
  to: string | null;
  indefinite: boolean;
}

/** A validity period "from–to" (to may be 长期); a single date is taken as the end date. */
export function parseValidityPeriod(text: string): ValidityPeriod | null {
  const t = text.normalize('NFKC');
  const indefinite = /长期|永久/u.test(t);
  const dates: string[] = [];
  const re = new RegExp(DATE.source, 'gu');
  for (const m of t.matchAll(re)) {
    const d = parseDocumentDate(m[0]);
    if (d) dates.push(d);
  }
  if (dates.length === 0 && !indefinite) return null;
  if (indefinite) return { from: dates[0] ?? null, to: null, indefinite: true };
  if (dates.length === 1) return { from: null, to: dates[0]!, indefinite: false };
  return { from: dates[0]!, to: dates[1]!, indefinite: false };
}

/** Whether a document valid until `to` (inclusive) has expired on `today`. */
export function isExpired(period: ValidityPeriod, today: string): boolean {
  return !period.indefinite && period.to !== null && period.to < today;
}
