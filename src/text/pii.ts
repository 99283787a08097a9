/**
 * Masking of personal information (个人信息保护法) for logs, audit views and exports: ID
 * numbers, mobile and landline phones, house numbers of street addresses anywhere in text,
 * and whole values of fields marked as personal names or addresses. Masking is for display
 * only; stored data is never rewritten. It errs on the side of hiding: an 18-digit order
 * number that looks like an ID number is masked too.
 */

const DIGIT = '[0-9０-９]';
const NUM = '[0-9０-９一二三四五六七八九十百千零〇]+';

/** 居民身份证号码: 18 characters (17 digits + check digit or X), or the old 15-digit form. */
const ID18 = new RegExp(`(?<![0-9A-Za-z０-９])([1-9]${DIGIT}{2})${DIGIT}{11}(${DIGIT}{3}[0-9Xx０-９Ｘｘ])(?![0-9A-Za-z０-９])`, 'gu');
const ID15 = new RegExp(`(?<![0-9A-Za-z０-９])([1-9]${DIGIT}{2})${DIGIT}{9}(${DIGIT}{3})(?![0-9A-Za-z０-９])`, 'gu');
/** Mobile: 1[3-9] + 9 digits, optionally +86 and separators (138 1234 5678, 138-1234-5678). */
const MOBILE = /(?<![0-9０-９])(?:\+?86[- ]?)?(1[3-9]\d)[- ]?\d{4}[- ]?(\d{4})(?![0-9０-９])/g;
/** Landline: area code 0xx/0xxx (optionally in brackets) + 7–8 digits. */
const LANDLINE = /(?<![0-9０-９])(?:[(（](0\d{2,3})[)）]\s?|(0\d{2,3})[- ]?)\d{3,4}(\d{4})(?![0-9０-９])/g;
/**
 * The house-number part of a street address: after a road, lane, village or estate word,
 * numbers with units (1号3栋2单元501室) or dashed numbers (3-2-501). The road name stays.
 */
const ADDRESS_PLACE = '(?:大道|大街|胡同|小区|社区|花园|公寓|大厦|广场|新村|路|街|巷|弄|村|组|苑|里)';
const ADDRESS_UNIT = '(?:号院|号楼|号|栋|幢|座|单元|层|楼|室|户|组|弄|排)';
const HOUSE_NUMBER = new RegExp(`(${ADDRESS_PLACE})((?:${NUM}(?:[-－]${NUM})*${ADDRESS_UNIT})+(?:${NUM})?|${NUM}(?:[-－]${NUM})+)`, 'gu');
/**
 * An address's administrative prefix (kept by maskAddress): one or more place names each
 * ending in 省/市/区/县/街道/镇/乡…; a name never spans a road word, so 人民路幸福小区 is not
 * taken for a district.
 */
const ADMIN_PREFIX = /^(?:[^\P{Script=Han}路街巷弄道村组号栋]{1,9}?(?:自治区|自治州|省|市|州|盟|区|县|旗|街道|镇|乡))+/u;

const COMPOUND_SURNAMES = ['欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '令狐', '轩辕', '端木', '独孤', '南宫', '西门', '百里', '呼延', '澹台'];

/** Field names whose values are personal names or addresses as a whole (compared case-insensitively). */
export const DEFAULT_NAME_KEYS = ['citizenName', 'applicantName', 'contactName', 'callerName', 'complainantName', 'realName', 'fullName', 'personName', 'legalRepresentative', '姓名', '联系人', '申请人'];
export const DEFAULT_ADDRESS_KEYS = ['address', 'homeAddress', 'contactAddress', 'residence', 'residentialAddress', '地址', '住址', '家庭住址'];

export interface MaskOptions {
  /** keys whose string values are personal names (default DEFAULT_NAME_KEYS) */
  nameKeys?: readonly string[];
  /** keys whose string values are addresses (default DEFAULT_ADDRESS_KEYS) */
  addressKeys?: readonly string[];
}

/** ID numbers, phones and house numbers found anywhere in free text. */
export function maskText(text: string): string {
  return text
    .replace(ID18, (_m, head: string, tail: string) => `${head}${'*'.repeat(11)}${tail}`)
    .replace(ID15, (_m, head: string, tail: string) => `${head}${'*'.repeat(9)}${tail}`)
    .replace(MOBILE, (_m, head: string, tail: string) => `${head}****${tail}`)
    .replace(LANDLINE, (_m, bracketed: string | undefined, area: string | undefined, tail: string) => `${bracketed ?? area}-****${tail}`)
    .replace(HOUSE_NUMBER, (_m, place: string) => `${place}***`);
}

/** 张三 → 张*, 欧阳娜娜 → 欧阳**, John Smith → J*** S****. */
export function maskName(name: string): string {
  const trimmed = name.trim();
  if (/^[\p{Script=Han}·]+$/u.test(trimmed)) {
    const surname = COMPOUND_SURNAMES.find((s) => trimmed.startsWith(s) && trimmed.length > s.length) ?? trimmed.slice(0, 1);
    return surname + '*'.repeat(Math.max(1, [...trimmed].length - [...surname].length));
  }
  return trimmed.replace(/(\p{L})([\p{L}'-]*)/gu, (_m, first: string, rest: string) => first + '*'.repeat(rest.length || 1));
}

/** Keeps the administrative part (省/市/区/县, 街道/镇/乡) and hides the rest. */
export function maskAddress(address: string): string {
  const prefix = ADMIN_PREFIX.exec(address)?.[0];
  if (prefix && prefix.length < address.length) return `${prefix}****`;
  return `${[...address].slice(0, 2).join('')}****`;
}

/** 203.0.113.45 → 203.0.*.*; IPv6 keeps its first two groups. */
export function maskIp(ip: string): string {
  const v4 = /^(.*?)(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(ip);
  if (v4) return `${v4[1]}${v4[2]}.${v4[3]}.*.*`;
  if (ip.includes(':')) {
    const groups = ip.split(':').filter((g) => g !== '');
    return `${groups.slice(0, 2).join(':')}:*`;
  }
  return maskText(ip);
}

/**
 * A masked deep copy: every string is passed through maskText; the values of name and address
 * keys are masked as a whole. Non-string leaves (numbers, booleans, null) are kept.
 */
export function maskPersonalData<T>(value: T, opts: MaskOptions = {}): T {
  const names = new Set((opts.nameKeys ?? DEFAULT_NAME_KEYS).map((k) => k.toLowerCase()));
  const addresses = new Set((opts.addressKeys ?? DEFAULT_ADDRESS_KEYS).map((k) => k.toLowerCase()));
  const walk = (v: unknown, key: string | undefined): unknown => {
    if (typeof v === 'string') {
      const k = key?.toLowerCase();
      if (k !== undefined && names.has(k)) return maskName(v);
      if (k !== undefined && addresses.has(k)) return maskAddress(v);
      return maskText(v);
    }
    if (Array.isArray(v)) return v.map((item) => walk(item, key));
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, item]) => [k, walk(item, k)]));
    }
    return v;
  };
  return walk(value, undefined) as T;
}
