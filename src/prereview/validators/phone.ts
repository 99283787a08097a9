/**
 * Chinese phone numbers: mobile (11 digits, 1[3-9], optionally +86), landline (area code
 * 010/02x or a 4-digit 0xxx, then a 7–8 digit local number not starting with 0 or 1, an
 * optional extension), and 400/800 service numbers.
 */
import { type ValidationResult } from './normalize.js';

export interface PhoneInfo {
  type: 'mobile' | 'landline' | 'service';
  /** digits only, with the area code for landlines: 13812345678, 010-12345678 */
  normalized: string;
  areaCode?: string;
  extension?: string;
}

/** 3-digit area codes: Beijing and the 02x cities; every other area code has 4 digits. */
const THREE_DIGIT_AREAS = new Set(['010', '020', '021', '022', '023', '024', '025', '027', '028', '029']);

export function validatePhone(value: string): ValidationResult<PhoneInfo> {
  let v = value.normalize('NFKC').trim();
  if (v === '') return { valid: false, reason: '电话号码不能为空' };
  let extension: string | undefined;
  const ext = /\s*(?:转|分机|ext\.?|#)\s*(\d{1,6})$/iu.exec(v) ?? /^(?:\(0\d{2,3}\)|0\d{2,3}[\s-])\s*\d{7,8}(-(\d{1,6}))$/u.exec(v);
  if (ext) {
    extension = ext[ext.length - 1];
    v = v.slice(0, v.length - (ext.length === 2 ? ext[0].length : ext[1]!.length));
  }
  if (!/^[\d\s()+\-]+$/u.test(v)) return { valid: false, reason: '电话号码只能包含数字、空格、括号、“-”和分机号' };
  const main = v.replace(/[\s()\-]/g, '');

  const mobile = /^(?:\+?86)?(1\d{10})$/.exec(main);
  if (mobile && !extension) {
    if (!/^1[3-9]/.test(mobile[1]!)) return { valid: false, reason: '手机号码第二位应为3至9' };
    return { valid: true, info: { type: 'mobile', normalized: mobile[1]! } };
  }
  const service = /^([48]00)(\d{7})$/.exec(main);
  if (service) return { valid: true, info: { type: 'service', normalized: `${service[1]}-${service[2]}`, ...(extension ? { extension } : {}) } };

  const digits = main.replace(/^\+?86(?=[1-9])/, '0');
  if (!/^\+?\d+$/.test(digits)) return { valid: false, reason: '电话号码格式不正确' };
  if (digits.startsWith('1')) return { valid: false, reason: `手机号码应为11位，现为${digits.length}位` };
  if (!digits.startsWith('0')) {
    if (/^[2-9]\d{6,7}$/.test(digits)) return { valid: false, reason: '固定电话请加上区号，例如 010-12345678' };
    return { valid: false, reason: '电话号码格式不正确' };
  }
  if (/^0[12]/.test(digits) && !THREE_DIGIT_AREAS.has(digits.slice(0, 3))) return { valid: false, reason: `区号 ${digits.slice(0, 3)} 不存在` };
  const areaLen = THREE_DIGIT_AREAS.has(digits.slice(0, 3)) ? 3 : 4;
  const area = digits.slice(0, areaLen);
  const local = digits.slice(areaLen);
  if (!/^0[1-9]\d{1,2}$/.test(area)) return { valid: false, reason: '区号格式不正确' };
  if (!/^[2-9]\d{6,7}$/.test(local)) return { valid: false, reason: `固定电话号码（区号后）应为7至8位且不以0或1开头，现为“${local}”` };
  return { valid: true, info: { type: 'landline', normalized: `${area}-${local}`, areaCode: area, ...(extension ? { extension } : {}) } };
}
