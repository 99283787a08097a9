/**
 * Provinces and prefectures named in a text (GB/T 2260 names, full or without their suffix:
 * 陕西省/陕西, 铁岭市/铁岭, 广西壮族自治区/广西, 内蒙古自治区/内蒙古, 延边朝鲜族自治州/延边), reported as the
 * province codes they lie in. Counties are left out: their short names (东城, 和平, 新华)
 * are ordinary words too often.
 *
 * The ranking uses it to tell near-duplicate notices of different places apart: a question
 * about 陕西 is better answered by 陕西's measures than by 北京's with the same wording.
 */
import { DIVISIONS_PACKED } from '../prereview/validators/divisions.data.js';

/** Prefecture records that only group a province's own counties. */
const PLACEHOLDER = /市辖区|^县$|直辖/u;
const SUFFIX = /(?:壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|省|市|地区|盟)$/u;
/** an autonomous prefecture's short name ends where the first people's name begins */
const PEOPLE = /(?:土家族|苗族|侗族|布依族|哈尼族|彝族|壮族|傣族|景颇族|藏族|羌族|朝鲜族|蒙古族?|傈僳族|白族|回族|哈萨克族?|柯尔克孜族?).*$/u;

/** name → province code, grouped by the name's first two characters as one number (longest first) */
let table: Map<number, { name: string; province: string }[]> | undefined;

const pairKey = (text: string, i: number): number => text.charCodeAt(i) * 0x10000 + text.charCodeAt(i + 1);

function names(): Map<number, { name: string; province: string }[]> {
  if (table) return table;
  const all = new Map<string, string>();
  for (const rec of DIVISIONS_PACKED.split('|')) {
    const m = /^(\d+)(.*)$/u.exec(rec);
    if (!m || m[1]!.length > 4 || PLACEHOLDER.test(m[2]!)) continue;
    const [code, name] = [m[1]!, m[2]!];
    const province = code.slice(0, 2);
    all.set(name, province);
    // an autonomous region's short name drops the whole suffix (内蒙古, 新疆, 西藏); an
    // autonomous prefecture's ends where the first people's name begins (延边, 恩施)
    const short = code.length > 2 && name.includes('自治') ? name.replace(PEOPLE, '') : name.replace(SUFFIX, '');
    if (short.length >= 2 && !all.has(short)) all.set(short, province);
  }
  table = new Map();
  for (const [name, province] of [...all].sort((a, b) => b[0].length - a[0].length)) {
    const key = pairKey(name, 0);
    const list = table.get(key) ?? [];
    list.push({ name, province });
    table.set(key, list);
  }
  return table;
}

/** Province codes of the provinces and prefectures `text` (normalised) names; the longest name at a position wins. */
export function provincesIn(text: string): Set<string> {
  const t = names();
  const found = new Set<string>();
  for (let i = 0; i + 1 < text.length; ) {
    const hit = t.get(pairKey(text, i))?.find((c) => text.startsWith(c.name, i));
    if (hit) {
      found.add(hit.province);
      i += hit.name.length;
    } else i++;
  }
  return found;
}
