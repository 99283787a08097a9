/**
 * Region names for the address code of an ID number or a credit code (GB/T 2260). The
 * generated table holds today's divisions; codes of abolished counties still appear on
 * valid documents issued before, so a caller gets the deepest level that is known.
 */
import { DIVISIONS_PACKED } from './divisions.data.js';

/**
 * Codes outside the 31 provinces of the national list that GB 11643 numbers carry:
 * 台湾省 (71), and the address codes of residence permits for residents of Hong Kong (810000),
 * Macao (820000) and Taiwan (830000).
 */
const EXTRA: Record<string, string> = { '71': '台湾省', '81': '香港特别行政区', '82': '澳门特别行政区', '83': '台湾地区' };

/** Prefecture names that are placeholders for "the province's own districts/counties". */
const PLACEHOLDER = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

let table: Map<string, string> | undefined;
function divisions(): Map<string, string> {
  if (!table) {
    table = new Map(Object.entries(EXTRA));
    for (const rec of DIVISIONS_PACKED.split('|')) {
      const m = /^(\d+)(.*)$/u.exec(rec)!;
      table.set(m[1]!, m[2]!);
    }
  }
  return table;
}

export interface RegionInfo {
  /** e.g. 北京市东城区, 广东省广州市天河区 */
  name: string;
  /** the deepest level found in the current division list */
  level: 'province' | 'prefecture' | 'county';
  province: string;
}

/** The region a 6-digit address code names, or null when its province is unknown. */
export function regionOf(code6: string): RegionInfo | null {
  if (!/^\d{6}$/.test(code6)) return null;
  const t = divisions();
  const province = t.get(code6.slice(0, 2));
  if (!province) return null;
  const prefecture = t.get(code6.slice(0, 4));
  const county = t.get(code6);
  const parts = [province];
  if (prefecture && !PLACEHOLDER.has(prefecture)) parts.push(prefecture);
  if (county && prefecture) parts.push(county);
  return { name: parts.join(''), level: county && prefecture ? 'county' : prefecture ? 'prefecture' : 'province', province };
}
