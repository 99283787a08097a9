/**
 * 居民身份证号码 (GB 11643-1999): 6-digit address code (GB/T 2260), birth date YYYYMMDD,
 * 3-digit sequence (odd = male), and an ISO 7064 MOD 11-2 check character.
 */
import { regionOf } from './divisions.js';
import { compactIdentifier, isRealDate, todayInShanghai, type ValidationResult } from './normalize.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export interface IdCardInfo {
  /** the number as checked: full-width digits and spaces removed, x upper-cased */
  normalized: string;
  birthDate: string;
  sex: '男' | '女';
  regionCode: string;
  /** e.g. 北京市东城区; the deepest level of today's division list that the code matches */
  regionName: string;
  /** 'county' when the address code is a current county; older codes resolve to a higher level */
  regionLevel: 'province' | 'prefecture' | 'county';
  /** full years on `today` */
  age: number;
}

/** The check character for the first 17 digits. */
export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/** Full years between a birth date and a day (both YYYY-MM-DD). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * Checks an ID number. `today` (YYYY-MM-DD, default today in Asia/Shanghai) bounds the birth
 * date and gives the age. Lower-case x, full-width characters and spaces are accepted and
 * normalised; 15-digit first-generation numbers are no longer valid documents (2013).
 */
export function validateIdCard(value: string, opts: { today?: string } = {}): ValidationResult<IdCardInfo> {
  const v = compactIdentifier(value).toUpperCase();
  if (v === '') return { valid: false, reason: '身份证号码不能为空' };
  if (/^\d{15}$/.test(v)) return { valid: false, reason: '这是15位第一代身份证号码，已停止使用，请提供18位居民身份证号码' };
  if (v.length !== 18) return { valid: false, reason: `身份证号码应为18位，现为${[...v].length}位` };
  if (!/^\d{17}[\dX]$/.test(v)) return { valid: false, reason: '身份证号码前17位应为数字，最后一位为数字或X' };
  if (idCardCheckChar(v) !== v[17]) return { valid: false, reason: '身份证号码校验位不正确，请核对是否有数字填错' };
  const year = Number(v.slice(6, 10));
  const month = Number(v.slice(10, 12));
  const day = Number(v.slice(12, 14));
  if (!isRealDate(year, month, day)) return { valid: false, reason: `身份证号码中的出生日期 ${v.slice(6, 14)} 不存在` };
  const birthDate = `${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)}`;
  const today = opts.today ?? todayInShanghai();
  if (birthDate > today) return { valid: false, reason: `身份证号码中的出生日期 ${birthDate} 晚于今天` };
  const region = regionOf(v.slice(0, 6));
  if (!region) return { valid: false, reason: `身份证号码的地址码 ${v.slice(0, 6)} 不属于任何省级行政区` };
  return {
    valid: true,
    info: {
      normalized: v,
      birthDate,
      sex: Number(v[16]) % 2 === 1 ? '男' : '女',
      regionCode: v.slice(0, 6),
      regionName: region.name,
      regionLevel: region.level,
      age: ageOn(birthDate, today),
    },
  };
}
