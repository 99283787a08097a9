/**
 * 统一社会信用代码 (GB 32100-2015): 登记管理部门 (1), 机构类别 (1), division code (6),
 * organisation code (9, itself checked per GB 11714), check character (1), over the
 * 31-character set without I, O, Z, S, V.
 */
import { regionOf } from './divisions.js';
import { compactIdentifier, type ValidationResult } from './normalize.js';

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** 登记管理部门 and their 机构类别 (GB 32100-2015 table 1 and its amendments). */
const AUTHORITIES: Record<string, { name: string; categories: Record<string, string> }> = {
  '1': { name: '机构编制', categories: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' } },
  '2': { name: '外交', categories: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': { name: '司法行政', categories: { '1': '律师执业机构', '2': '公证处', '3': '基层法律服务所', '4': '司法鉴定机构', '5': '仲裁委员会', '9': '其他' } },
  '4': { name: '文化', categories: { '1': '外国在华文化中心', '9': '其他' } },
  '5': { name: '民政', categories: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
  '6': { name: '旅游', categories: { '1': '外国旅游部门常驻代表机构', '2': '港澳台地区旅游部门常驻内地（大陆）代表机构', '9': '其他' } },
  '7': { name: '宗教', categories: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { name: '工会', categories: { '1': '基层工会', '9': '其他' } },
  '9': { name: '工商', categories: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  A: { name: '中央军委改革和编制办公室', categories: { '1': '军队事业单位', '9': '其他' } },
  N: { name: '农业', categories: { '1': '组级集体经济组织', '2': '村级集体经济组织', '3': '乡镇级集体经济组织', '9': '其他' } },
  Y: { name: '其他', categories: {} },
};

export interface UsccInfo {
  normalized: string;
  /** 登记管理部门, e.g. 工商; '未登记的代码 X' when position 1 is outside the table */
  authority: string;
  /** 机构类别, e.g. 企业 */
  category: string;
  regionCode: string;
  /** null when the division code is not in today's list (e.g. 100000 for central registrations) */
  regionName: string | null;
  organizationCode: string;
}

export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return CHARSET[(31 - (sum % 31)) % 31]!;
}

/** GB 11714 check character of an organisation code's first 8 characters (0–9, A–Z with A = 10). */
export function organizationCheckChar(first8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(first8[i]!, 36) * ORG_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** Checks a credit code. Lower-case letters, full-width characters and spaces are normalised. */
export function validateUscc(value: string): ValidationResult<UsccInfo> {
  const v = compactIdentifier(value).toUpperCase();
  if (v === '') return { valid: false, reason: '统一社会信用代码不能为空' };
  if ([...v].length !== 18) return { valid: false, reason: `统一社会信用代码应为18位，现为${[...v].length}位` };
  for (let i = 0; i < 18; i++) {
    if (!CHARSET.includes(v[i]!)) {
      return { valid: false, reason: `统一社会信用代码第${i + 1}位“${v[i]}”不是允许的字符（只用数字和除 I、O、Z、S、V 以外的大写字母）` };
    }
  }
  if (usccCheckChar(v) !== v[17]) return { valid: false, reason: '统一社会信用代码校验位不正确，请核对是否有字符填错' };
  const org = v.slice(8, 17);
  if (organizationCheckChar(org) !== org[8]) return { valid: false, reason: `统一社会信用代码第9至17位（组织机构代码 ${org}）的校验位不正确` };
  const authority = AUTHORITIES[v[0]!];
  const region = regionOf(v.slice(2, 8));
  return {
    valid: true,
    info: {
      normalized: v,
      authority: authority?.name ?? `未登记的代码 ${v[0]}`,
      category: authority?.categories[v[1]!] ?? (authority?.name === '其他' ? '其他' : `代码 ${v[1]}`),
      regionCode: v.slice(2, 8),
      regionName: region?.name ?? (v.slice(2, 8) === '100000' ? '全国（中央）' : null),
      organizationCode: org,
    },
  };
}
