/**
 * Where a work order is about, read from its text: division codes (GB/T 2260) for the
 * province, prefecture and county named, a township/street (街道/镇/乡) from an optional
 * street table, and community, village and road names found by their suffixes. Anonymised
 * places (A市, A3区, 西地省) are kept as names without a code.
 *
 * Place names in Chinese run into the words around them with no separator, and jieba splits
 * unknown names badly (区联/丰路), so a name is read backwards from its suffix to the nearest
 * anchor: the end of a place already found, punctuation, or a function word.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { DIVISIONS_PACKED } from '../../prereview/validators/divisions.data.js';
import { cutWords, segment } from '../../text/segmenter.js';

export const locationSchema = z.object({
  divisionCode: z.string().regex(/^\d{2,12}$/, '区划代码应为 2–12 位数字').optional(),
  province: z.string().max(50).optional(),
  city: z.string().max(50).optional(),
  area: z.string().max(50).optional(),
  street: z.string().max(50).optional(),
  community: z.string().max(50).optional(),
  road: z.string().max(50).optional(),
  address: z.string().max(200).optional(),
});
export type Location = z.infer<typeof locationSchema>;

interface Division {
  code: string;
  name: string;
  level: 'province' | 'city' | 'area' | 'street';
}

/** Prefecture records that only group a province's own counties. */
const PLACEHOLDER = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);
/** Suffixes that may be left off in speech: 广东 for 广东省, 广州 for 广州市. */
const SHORT_SUFFIX = /(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|地区|盟)$/u;

interface Match {
  start: number;
  end: number;
  name: string;
  level: Division['level'] | 'community' | 'road';
  /** the candidate divisions this name may be (several when the name repeats across the country) */
  candidates: Division[];
}

class DivisionIndex {
  /** name → divisions with that name (full and short forms) */
  readonly byName = new Map<string, Division[]>();
  readonly byCode = new Map<string, Division>();
  private longest = 0;

  add(d: Division, names: string[]): void {
    this.byCode.set(d.code, d);
    for (const n of names) {
      if ([...n].length < 2) continue;
      const list = this.byName.get(n) ?? [];
      list.push(d);
      this.byName.set(n, list);
      this.longest = Math.max(this.longest, n.length);
    }
  }

  /** Longest known names at each position, left to right, not overlapping. */
  scan(text: string): Match[] {
    const out: Match[] = [];
    for (let i = 0; i < text.length; ) {
      let hit: Match | undefined;
      for (let len = Math.min(this.longest, text.length - i); len >= 2; len--) {
        const name = text.slice(i, i + len);
        const found = this.byName.get(name);
        if (found) {
          hit = { start: i, end: i + len, name, level: found[0]!.level, candidates: found };
          break;
        }
      }
      if (hit && !followedByPlaceSuffix(text, hit.end)) {
        out.push(hit);
        i = hit.end;
      } else i++;
    }
    return out;
  }
}

/** 北京路, 长沙小区: a division name that begins a road or community name is not that division. */
function followedByPlaceSuffix(text: string, at: number): boolean {
  return /^(?:路|街|大道|巷|小区|花园|社区|村|大厦|广场|站)/u.test(text.slice(at, at + 2));
}

function nationalIndex(): DivisionIndex {
  const index = new DivisionIndex();
  for (const rec of DIVISIONS_PACKED.split('|')) {
    const m = /^(\d+)(.*)$/u.exec(rec)!;
    const code = m[1]!;
    const name = m[2]!;
    if (PLACEHOLDER.has(name)) continue;
    const level = code.length === 2 ? 'province' : code.length === 4 ? 'city' : 'area';
    const names = [name];
    // counties are only recognised in full: short forms (东城, 鼓楼) are ordinary words or repeat everywhere
    if (level !== 'area') {
      const short = name.replace(SHORT_SUFFIX, '');
      if (short !== name && [...short].length >= 2) names.push(short);
    }
    index.add({ code, name, level }, names);
  }
  return index;
}

const streetRowSchema = z.object({ code: z.string().regex(/^\d{9,12}$/), name: z.string().min(2), areaCode: z.string().regex(/^\d{6}$/) });

/** Townships and streets from `streets.csv` (code,name,areaCode,…) in the configured folder. */
function loadStreets(dir: string): Map<string, Division[]> {
  const file = path.join(dir, 'streets.csv');
  // configured at boot: a wrong folder stops the start with its name, not a bare ENOENT later
  if (!fs.existsSync(file)) throw new Error(`XZ_DIVISIONS_DIR: ${file} not found (expected code,name,areaCode,… as in the national division list)`);
  const rows = parse(fs.readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as unknown[];
  const byName = new Map<string, Division[]>();
  rows.forEach((row, i) => {
    const r = streetRowSchema.safeParse(row);
    if (!r.success) throw new Error(`${file} line ${i + 2}: ${r.error.issues[0]!.path.join('.')} ${r.error.issues[0]!.message}`);
    const list = byName.get(r.data.name) ?? [];
    list.push({ code: r.data.code, name: r.data.name, level: 'street' });
    byName.set(r.data.name, list);
  });
  return byName;
}

const ANON_PLACE = /(?<![A-Za-z0-9])([A-Z]{1,2}\d{0,3})(省|市|区|县)/gu;
const PUNCT = /[\s，。、；：！？,.;:!?（）()【】[\]「」“”"'《》<>/\\|]/u;
/** Characters that end the words before a name (在A路, 的B村, 系C镇, 住D小区). */
const BOUNDARY_CHARS = new Set([...'在于是住到从至往系的和与及对向把被给近旁边个这那该本我你他她们了']);

interface SuffixRule {
  level: 'street' | 'community' | 'road' | 'province';
  suffix: RegExp;
  /** longest name before the suffix, in characters */
  maxName: number;
  /** whole names that are ordinary words, not places */
  stop: Set<string>;
  /** the character after the suffix shows an ordinary word (路费, 村民, 街头) */
  notBefore?: RegExp;
}

const SUFFIX_RULES: SuffixRule[] = [
  { level: 'province', suffix: /省/gu, maxName: 3, stop: new Set(['本省', '全省', '外省', '该省', '我省', '各省', '跨省', '节省', '反省', '一省', '两省', '邻省', '省省']), notBefore: /^[钱力事心时得去下]/u },
  { level: 'street', suffix: /街道|镇|乡/gu, maxName: 4, stop: new Set(['城镇', '乡镇', '村镇', '集镇', '小镇', '古镇', '重镇', '城乡', '家乡', '老乡', '下乡', '回乡', '故乡', '他乡', '异乡', '本乡', '返乡', '外乡', '同乡', '本街道', '该街道', '所在街道', '各街道']), notBefore: /^[村亲下民里土愁音间情]/u },
  { level: 'road', suffix: /大道|大街|路|街|巷/gu, maxName: 4, stop: new Set(['道路', '马路', '公路', '铁路', '线路', '思路', '出路', '网路', '水路', '走路', '上路', '一路', '路路', '小路', '大路', '山路', '老路', '新路', '近路', '远路', '电路', '道街', '小街', '上街', '逛街', '沿街', '临街', '满街', '一条街', '小巷', '街巷']), notBefore: /^[费线径由过程况人灯道头边坊面区]/u },
  { level: 'community', suffix: /社区|小区|花园|家园|新村|公寓|山庄|苑|村/gu, maxName: 5, stop: new Set(['农村', '乡村', '新农村', '本村', '该村', '全村', '各村', '邻村', '本社区', '该社区', '各社区', '全社区', '本小区', '该小区', '各小区', '全小区', '整个小区', '老小区', '新小区', '幼儿园', '村村', '山村', '渔村', '度假村']), notBefore: /^[民子里庄落委干级组内外长口]/u },
];

const LEADING_NOISE = /^(?:位于|地处|座落在|坐落在|座落|坐落|附近|对面|旁边|门口|我们|我家|本人|家住|住在|就在|属于|反映|投诉|举报|关于)/u;

/** Index of the jieba word starts of `text`, to prefer names that start where a word does. */
function wordStarts(text: string): Set<number> {
  return new Set(segment(text).map((t) => t.start));
}

export class LocationExtractor {
  private readonly national: DivisionIndex;
  private readonly streets: Map<string, Division[]> | undefined;

  /** @param divisionsDir folder with streets.csv (e.g. XZ_DIVISIONS_DIR); without it, no township codes */
  constructor(divisionsDir?: string) {
    this.national = nationalIndex();
    this.streets = divisionsDir ? loadStreets(divisionsDir) : undefined;
  }

  extract(input: string): Location {
    const text = input.normalize('NFKC');
    const taken: Match[] = [];
    const overlaps = (s: number, e: number) => taken.some((m) => s < m.end && e > m.start);

    for (const m of this.national.scan(text)) taken.push(m);
    for (const m of text.matchAll(ANON_PLACE)) {
      const start = m.index;
      const end = start + m[0].length;
      if (overlaps(start, end)) continue;
      const level = m[2] === '省' ? 'province' : m[2] === '市' ? 'city' : 'area';
      taken.push({ start, end, name: m[0], level, candidates: [] });
    }
    taken.sort((a, b) => a.start - b.start);

    let starts: Set<number> | undefined;
    for (const rule of SUFFIX_RULES) {
      for (const m of text.matchAll(rule.suffix)) {
        const sufStart = m.index;
        const sufEnd = sufStart + m[0].length;
        if (overlaps(sufStart, sufEnd)) continue;
        if (rule.notBefore?.test(text.slice(sufEnd, sufEnd + 1))) continue;
        starts ??= wordStarts(text);
        const start = this.nameStart(text, sufStart, rule.maxName, taken, starts);
        if (start === undefined) continue;
        const name = text.slice(start, sufEnd).replace(LEADING_NOISE, '').replace(/^.*(?:关于|对于|有关|位于|地处|住在|家住)/u, '');
        if ([...name].length - m[0].length < 2 && !/[A-Za-z0-9]/u.test(name)) continue;
        // 请问道路, 这个小区: an ordinary word at the end is no place name whatever precedes it
        if (rule.stop.has(name) || rule.stop.has(cutWords(name).at(-1)!)) continue;
        const begin = sufEnd - name.length;
        if (overlaps(begin, sufEnd)) continue;
        const candidates = rule.level === 'street' ? (this.streets?.get(name) ?? []) : [];
        taken.push({ start: begin, end: sufEnd, name, level: rule.level, candidates });
        taken.sort((a, b) => a.start - b.start);
      }
    }
    return this.resolve(text, taken);
  }

  /**
   * Where the name ending at `sufStart` begins: right after an anchor (a place found, or
   * punctuation) within reach; else the longest jieba word ending there; else after the last
   * function word that still leaves two characters; else at a word start.
   */
  private nameStart(text: string, sufStart: number, maxName: number, taken: Match[], starts: Set<number>): number | undefined {
    const floor = Math.max(0, sufStart - maxName);
    let anchor = floor;
    let anchored = sufStart - maxName <= 0;
    for (let i = sufStart - 1; i >= floor; i--) {
      if (PUNCT.test(text[i]!) || taken.some((m) => m.end === i + 1)) {
        anchor = i + 1;
        anchored = true;
        break;
      }
    }
    if (anchored) return anchor < sufStart ? anchor : undefined;
    for (const t of segment(text.slice(floor, sufStart + 4))) {
      if (floor + t.end >= sufStart + 1 && floor + t.start >= floor && floor + t.start <= sufStart - 2 && t.text.length >= 3) {
        const covering = floor + t.start;
        if (!BOUNDARY_CHARS.has(text[covering]!)) return covering;
      }
    }
    for (let i = sufStart - 3; i >= floor; i--) if (BOUNDARY_CHARS.has(text[i]!)) return i + 1;
    for (let i = sufStart - 2; i > floor; i--) if (starts.has(i) && !starts.has(i + 1)) return i;
    return sufStart - 2;
  }

  /** Chooses among same-named divisions by the others found, fills the levels above a code, composes the address. */
  private resolve(text: string, found: Match[]): Location {
    const loc: Location = {};
    const codes: string[] = [];
    // an anonymised or unknown county (A3区) hides where a same-named township really is
    const uncodedAbove = (level: Match['level']) => found.some((m) => m.level !== level && ['province', 'city', 'area'].includes(m.level) && m.candidates.length === 0);
    const pick = (m: Match): Division | undefined => {
      if (m.candidates.length === 0) return undefined;
      if (m.level === 'street' && codes.length === 0 && uncodedAbove('street')) return undefined;
      const within = m.candidates.filter((d) => codes.length === 0 || codes.some((c) => d.code.startsWith(c) || c.startsWith(d.code)));
      const pool = within.length ? within : m.candidates;
      return pool.length === 1 ? pool[0] : undefined;
    };
    const byLevel = (level: Match['level']) => found.filter((m) => m.level === level);
    for (const level of ['province', 'city', 'area', 'street'] as const) {
      const matches = byLevel(level);
      if (matches.length === 0) continue;
      let chosen: Division | undefined;
      for (const m of matches) if ((chosen = pick(m))) break;
      if (chosen) codes.push(chosen.code);
      loc[level] = chosen?.name ?? matches[0]!.name;
    }
    const community = byLevel('community')[0];
    if (community) loc.community = community.name;
    const road = byLevel('road')[0];
    if (road) loc.road = road.name;

    const deepest = codes.sort((a, b) => b.length - a.length)[0];
    if (deepest) {
      loc.divisionCode = deepest;
      // a county named alone still tells its prefecture and province
      const province = this.national.byCode.get(deepest.slice(0, 2));
      const city = this.national.byCode.get(deepest.slice(0, 4));
      const area = this.national.byCode.get(deepest.slice(0, 6));
      if (province && !loc.province) loc.province = province.name;
      if (deepest.length >= 4 && city && !loc.city) loc.city = city.name;
      if (deepest.length >= 6 && area && !loc.area) loc.area = area.name;
    }
    const address = this.address(text, found);
    if (address) loc.address = address;
    return loc;
  }

  /** The text from the first place found through the last one of the same run, with a following house number. */
  private address(text: string, found: Match[]): string | undefined {
    if (found.length === 0) return undefined;
    const first = found[0]!;
    let end = first.end;
    for (const m of found.slice(1)) {
      if (!/^\s*$/u.test(text.slice(end, m.start))) break;
      end = m.end;
    }
    const rest = /^[\p{Script=Han}A-Za-z0-9\-]{0,12}?(?:\d+|[A-Z]\d*)(?:号院|号楼|号|栋|幢|单元|室|弄|组)(?:[A-Z0-9-]+(?:号|栋|幢|单元|室|楼)?)*/u.exec(text.slice(end));
    if (rest) end += rest[0].length;
    return text.slice(first.start, end).slice(0, 200);
  }
}

let shared: LocationExtractor | undefined;
let sharedDir: string | undefined;

/** Sets the folder with streets.csv for `extractLocation` (from XZ_DIVISIONS_DIR at composition). */
export function configureDivisions(divisionsDir: string | undefined): void {
  if (divisionsDir === sharedDir && shared) return;
  sharedDir = divisionsDir;
  shared = new LocationExtractor(divisionsDir);
}

/** The place an order is about, as far as its text tells (see LocationExtractor). */
export function extractLocation(text: string): Location {
  shared ??= new LocationExtractor(sharedDir);
  return shared.extract(text);
}
