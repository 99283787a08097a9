/**
 * Benchmark corpus: real base entries (law articles, policy paragraph groups, hotline
 * Q&A as FAQ) from ../shared/data, and deterministic variants of them (other places,
 * years, numbers, issuing agencies, swapped sentences) to reach any number of entries.
 * Entry i is a pure function of (data, i, mix), so a data dir can be rebuilt or checked.
 */
import fs from 'node:fs';
import path from 'node:path';
import { splitPassagesV1 } from './passages-v1.js';
import type { EntryBody } from '../../src/knowledge/knowledge.schema.js';

export type BaseKind = 'law' | 'policy' | 'faq';

export interface Base {
  kind: BaseKind;
  /** law/policy: entry title; faq: the question */
  title: string;
  /** law/policy: text; faq: the answer */
  text: string;
  validFrom?: string;
  issuer?: string;
  docNumber?: string;
  /** where it came from: law file id, policy-qa doc id, hotline message id */
  source: string;
  /** policy: [start, end) of the group inside the source document */
  span?: [number, number];
}

export interface Corpus {
  law: Base[];
  policy: Base[];
  faq: Base[];
  places: Places;
  stats: { lawFiles: number; lawArticles: number; policyDocs: number; hotline: number; baseChars: Record<BaseKind, number> };
}

export interface Mix {
  law: number;
  policy: number;
  faq: number;
}
export const DEFAULT_MIX: Mix = { law: 0.6, policy: 0.3, faq: 0.1 };

// ---------------------------------------------------------------------------- PRNG

/** mulberry32 seeded by two integers: a variant is reproducible from (base, variant). */
export function rng(a: number, b: number): () => number {
  let s = (Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x27d4eb2f, 0xc2b2ae35)) >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

// ---------------------------------------------------------------------------- places

interface Area {
  name: string;
  city: string;
  cityShort: string;
  province: string;
  provinceShort: string;
}
interface PlaceName {
  name: string;
  level: 'province' | 'city' | 'area';
  short: boolean;
}
export interface Places {
  areas: Area[];
  areasByCity: Map<string, Area[]>;
  /** first character → names starting with it, longest first */
  index: Map<string, PlaceName[]>;
}

function readCsv(file: string): string[][] {
  return fs
    .readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter(Boolean)
    .map((l) => l.split(',').map((c) => c.replace(/^"|"$/g, '')));
}

const PROVINCE_SUFFIX = /(壮族自治区|回族自治区|维吾尔自治区|特别行政区|自治区|省|市)$/u;
const NOT_A_CITY = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/u;

export function loadPlaces(dataRoot: string): Places {
  const dir = path.join(dataRoot, 'divisions');
  const provinces = new Map(readCsv(path.join(dir, 'provinces.csv')).map(([code, name]) => [code!, name!]));
  const cities = new Map(readCsv(path.join(dir, 'cities.csv')).map(([code, name, p]) => [code!, { name: name!, province: p! }]));
  const areas: Area[] = [];
  const names = new Map<string, PlaceName>();
  const add = (name: string, level: PlaceName['level'], short: boolean) => {
    if (name.length >= 2 && !names.has(name)) names.set(name, { name, level, short });
  };
  for (const p of provinces.values()) {
    add(p, 'province', false);
    add(p.replace(PROVINCE_SUFFIX, ''), 'province', true);
  }
  for (const c of cities.values()) {
    if (NOT_A_CITY.test(c.name)) continue;
    add(c.name, 'city', false);
    const short = c.name.replace(/(市|地区|盟|自治州)$/u, '');
    if (short.length >= 2 && short !== c.name) add(short, 'city', true);
  }
  for (const [, name, cityCode, provCode] of readCsv(path.join(dir, 'areas.csv'))) {
    if (!name || NOT_A_CITY.test(name) || name.length < 3) continue;
    const province = provinces.get(provCode!) ?? '北京市';
    const city = cities.get(cityCode!);
    const cityName = city && !NOT_A_CITY.test(city.name) ? city.name : province;
    areas.push({
      name,
      city: cityName,
      cityShort: cityName.replace(/(市|地区|盟|自治州|省)$/u, ''),
      province,
      provinceShort: province.replace(PROVINCE_SUFFIX, ''),
    });
    add(name, 'area', false);
  }
  const index = new Map<string, PlaceName[]>();
  for (const n of names.values()) {
    const list = index.get(n.name[0]!) ?? [];
    list.push(n);
    index.set(n.name[0]!, list);
  }
  for (const list of index.values()) list.sort((a, b) => b.name.length - a.name.length);
  const areasByCity = new Map<string, Area[]>();
  for (const a of areas) {
    const l = areasByCity.get(a.city) ?? [];
    l.push(a);
    areasByCity.set(a.city, l);
  }
  return { areas, areasByCity, index };
}

/** Replaces every known place name (and the anonymised A市/A2区/西地省) coherently with one target area. */
class PlaceSwap {
  private readonly map = new Map<string, string>();
  constructor(
    private readonly places: Places,
    readonly target: Area,
    private readonly r: () => number,
  ) {}

  private replacementFor(n: PlaceName): string {
    let out = this.map.get(n.name);
    if (out !== undefined) return out;
    const t = this.target;
    if (n.level === 'province') out = n.short ? t.provinceShort : t.province;
    else if (n.level === 'city') out = n.short ? t.cityShort : t.city;
    else {
      const used = [...this.map.values()];
      out = used.includes(t.name) ? pick(this.r, this.places.areasByCity.get(t.city) ?? [t]).name : t.name;
    }
    this.map.set(n.name, out);
    return out;
  }

  apply(text: string): string {
    let out = '';
    let last = 0;
    for (let i = 0; i < text.length; i++) {
      const cands = this.places.index.get(text[i]!);
      if (!cands) continue;
      for (const c of cands) {
        if (text.startsWith(c.name, i)) {
          out += text.slice(last, i) + this.replacementFor(c);
          i += c.name.length - 1;
          last = i + 1;
          break;
        }
      }
    }
    out += text.slice(last);
    // anonymised hotline places
    return out
      .replace(/西地省/gu, this.target.province)
      .replace(/[A-Z]\d{1,2}区/gu, (m) => this.replacementFor({ name: m, level: 'area', short: false }))
      .replace(/[A-Z]市/gu, this.target.city);
  }
}

// ---------------------------------------------------------------------------- agencies, numbers, dates

/** national agency → local counterpart (prefixed with a city or province in variants) */
const AGENCIES: [string, string][] = [
  ['国务院办公厅', '人民政府办公厅'],
  ['国家卫生健康委员会', '卫生健康委员会'],
  ['国家卫生健康委', '卫生健康委'],
  ['国家卫健委', '卫健委'],
  ['人力资源和社会保障部', '人力资源和社会保障局'],
  ['人力资源社会保障部', '人力资源社会保障局'],
  ['国家发展和改革委员会', '发展和改革委员会'],
  ['国家发展改革委', '发展改革委'],
  ['工业和信息化部', '工业和信息化局'],
  ['住房和城乡建设部', '住房和城乡建设局'],
  ['国家市场监督管理总局', '市场监督管理局'],
  ['市场监管总局', '市场监管局'],
  ['国家医疗保障局', '医疗保障局'],
  ['国家税务总局', '税务局'],
  ['国家药监局', '药品监督管理局'],
  ['文化和旅游部', '文化和旅游局'],
  ['农业农村部', '农业农村局'],
  ['交通运输部', '交通运输局'],
  ['生态环境部', '生态环境局'],
  ['自然资源部', '自然资源和规划局'],
  ['应急管理部', '应急管理局'],
  ['教育部', '教育局'],
  ['民政部', '民政局'],
  ['财政部', '财政局'],
  ['商务部', '商务局'],
  ['公安部', '公安局'],
  ['司法部', '司法局'],
  ['退役军人事务部', '退役军人事务局'],
  ['国务院', '人民政府'],
];
const AGENCY_RE = new RegExp(AGENCIES.map(([n]) => n).join('|'), 'gu');
const AGENCY_LOCAL = new Map(AGENCIES);
const ISSUER_RE = new RegExp(`(${AGENCIES.map(([n]) => n).join('|')}|[\\u4e00-\\u9fa5]{2,10}(?:人民政府|办公厅|委员会|局|厅))`, 'u');

const LAW_ISSUER_RE = new RegExp(
  `([\\u4e00-\\u9fa5]{2,6}?(?:省|市|自治区)人民代表大会常务委员会|全国人民代表大会常务委员会|全国人民代表大会|最高人民法院|最高人民检察院|${AGENCIES.map(([n]) => n).join('|')})`,
  'u',
);

const CN_COUNTS = ['三', '五', '七', '十', '十五', '二十', '三十', '六十', '九十'];
const NUM_UNIT = /(\d+(?:\.\d+)?)(万元|亿元|元|%|个工作日|日|天|小时|人|家|户|名|亩|平方米|公里|吨|倍|个月|次)/gu;
const CN_NUM_UNIT = /(?<!第)([一二三四五六七八九十]{1,3})(个工作日|日内|日以内|年以下|年以上|个月|倍以上|倍以下)/gu;
const YEAR = /((?:19|20)\d{2})(年)/gu;

function scaleNumbers(text: string, r: () => number): string {
  return text
    .replace(NUM_UNIT, (m, n: string, unit: string) => {
      if (r() < 0.5) return m;
      const v = Number(n) * pick(r, [0.5, 0.8, 1.2, 1.5, 2, 3]);
      return `${n.includes('.') ? v.toFixed(1) : Math.max(1, Math.round(v))}${unit}`;
    })
    .replace(CN_NUM_UNIT, (m, _n: string, unit: string) => (r() < 0.5 ? m : `${pick(r, CN_COUNTS)}${unit}`));
}

function shiftYears(text: string, delta: number): string {
  if (delta === 0) return text;
  return text.replace(YEAR, (_m, y: string, nian: string) => `${clampYear(Number(y) + delta)}${nian}`);
}
const clampYear = (y: number) => Math.min(2025, Math.max(1985, y));
function shiftDate(date: string | undefined, delta: number): string | undefined {
  if (!date) return undefined;
  const y = clampYear(Number(date.slice(0, 4)) + delta);
  const md = date.slice(4) === '-02-29' ? '-02-28' : date.slice(4);
  return `${y}${md}`;
}

const SENTENCE_RE = /[^。；！？\n]+[。；！？]?/gu;
function sentences(text: string): string[] {
  return text.match(SENTENCE_RE) ?? [text];
}

// ---------------------------------------------------------------------------- base corpus

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.name.endsWith('.md') && e.name !== '_index.md') out.push(p);
  }
  return out;
}

/** The title of a policy text: its first line cut at the first space or sentence end (frozen copy of entry-text.ts deriveTitle). */
function deriveTitle(text: string): string {
  const firstLine = text.trim().split(/\r?\n/, 1)[0] ?? '';
  const cut = firstLine.split(/[\s　。！？]/u, 1)[0] ?? firstLine;
  const title = cut.length >= 4 ? cut : firstLine;
  return title.length > 120 ? `${title.slice(0, 120)}…` : title;
}

function firstDate(text: string): string | undefined {
  const m = /(\d{4})年(\d{1,2})月(\d{1,2})日/u.exec(text);
  if (!m) return undefined;
  const d = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d) ? d : undefined;
}

function cutAtSentence(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const at = Math.max(cut.lastIndexOf('。'), cut.lastIndexOf('；'), cut.lastIndexOf('！'));
  return at > max / 3 ? cut.slice(0, at + 1) : cut;
}

/**
 * LawRefBook Markdown → title, plain text, version date (a small copy of what the law
 * importer does, so the benchmark does not follow that importer's changes).
 */
function parseLaw(source: string, file: string, id: string): { id: string; title: string; text: string; validFrom?: string; docNumber?: string } {
  const src = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const base = path.basename(file).replace(/\.md$/i, '');
  const titleLine = /^#\s+(\S.*)$/mu.exec(src);
  const title = titleLine ? titleLine[1]!.trim() : base.replace(/[（(]\d{4}-\d{2}-\d{2}[)）]\s*$/u, '');
  const end = src.indexOf('<!-- INFO END -->');
  const head = end >= 0 ? src.slice(0, end) : '';
  const body = (end >= 0 ? src.slice(end + '<!-- INFO END -->'.length) : src)
    .split('\n')
    .map((l) => l.replace(/^#{1,6}\s+/, '').replace(/<!--.*?-->/g, '').replace(/\s+$/u, ''))
    .filter((l, i, all) => l !== '' || (i > 0 && all[i - 1] !== ''))
    .join('\n')
    .trim();
  const notes = head
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const date = /[（(](\d{4}-\d{2}-\d{2})[)）]\s*$/u.exec(base)?.[1] ?? firstDate(notes.join(' '));
  const docNumber = /([\u4e00-\u9fa5]+〔\d{4}〕\d+号|中华人民共和国[^\s，,。]*令第[\d一二三四五六七八九十百千]+号)/u.exec(head)?.[1];
  return { id, title, text: [title, ...notes, '', body].join('\n'), validFrom: date && !Number.isNaN(Date.parse(date)) ? date : undefined, docNumber };
}

export function loadCorpus(dataRoot: string): Corpus {
  const places = loadPlaces(dataRoot);
  const law: Base[] = [];
  const lawRoot = path.join(dataRoot, 'laws');
  const files = walk(lawRoot).sort();
  let lawArticles = 0;
  for (const file of files) {
    const parsed = parseLaw(fs.readFileSync(file, 'utf8'), file, path.relative(lawRoot, file));
    const passages = splitPassagesV1(parsed.text, 'law').filter((p) => /^第/u.test(parsed.text.slice(p.start, p.start + 1)));
    const articles = passages.filter((p) => /条$/u.test(p.label));
    if (articles.length < 2) continue;
    lawArticles += articles.length;
    // group consecutive articles into entries of a few hundred characters (at most 4 articles)
    for (let i = 0; i < articles.length; ) {
      const first = articles[i]!;
      let j = i;
      while (j + 1 < articles.length && articles[j]!.end - first.start < 220 && j - i < 3) j++;
      const last = articles[j]!;
      const text = parsed.text.slice(first.start, last.end);
      const l0 = first.label.split(' ').pop()!;
      const l1 = last.label.split(' ').pop()!;
      law.push({
        kind: 'law',
        title: `${parsed.title} ${l0 === l1 ? l0 : `${l0}至${l1}`}`,
        text: text.length > 6000 ? cutAtSentence(text, 6000) : text,
        validFrom: parsed.validFrom,
        issuer: LAW_ISSUER_RE.exec(parsed.text.slice(0, 400))?.[1],
        docNumber: parsed.docNumber,
        source: parsed.id,
      });
      i = j + 1;
    }
  }

  const policy: Base[] = [];
  const docs = fs
    .readFileSync(path.join(dataRoot, 'policy-qa/documents.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { id: string; text: string });
  for (const doc of docs) {
    const title = deriveTitle(doc.text);
    const date = firstDate(doc.text) ?? '2020-02-01';
    const issuer = ISSUER_RE.exec(doc.text)?.[1];
    const ps = splitPassagesV1(doc.text, 'policy');
    let part = 0;
    for (let i = 0; i < ps.length; ) {
      let j = i;
      while (j + 1 < ps.length && ps[j]!.end - ps[i]!.start < 300) j++;
      const start = ps[i]!.start;
      const end = ps[j]!.end;
      part++;
      policy.push({
        kind: 'policy',
        title: part === 1 ? title : `${title}（${part}）`,
        text: doc.text.slice(start, end),
        validFrom: date,
        issuer,
        source: doc.id,
        span: [start, end],
      });
      i = j + 1;
    }
  }

  const faq: Base[] = [];
  const hotline = fs
    .readFileSync(path.join(dataRoot, 'hotline/messages-with-replies.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { id: string; title: string; text: string; reply: string; replyTime?: string });
  for (const m of hotline) {
    const q = m.title.trim();
    const a = cutAtSentence((m.reply ?? '').replace(/\s+/gu, ' ').trim(), 600);
    if (q.length < 4 || a.length < 10) continue;
    const t = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})/u.exec(m.replyTime ?? '');
    faq.push({
      kind: 'faq',
      title: q.slice(0, 200),
      text: a,
      validFrom: t ? `${t[1]}-${t[2]!.padStart(2, '0')}-${t[3]!.padStart(2, '0')}` : undefined,
      source: `hotline:${m.id}`,
    });
  }

  const chars = (bs: Base[]) => bs.reduce((n, b) => n + b.text.length + b.title.length, 0);
  return {
    law,
    policy,
    faq,
    places,
    stats: { lawFiles: files.length, lawArticles, policyDocs: docs.length, hotline: hotline.length, baseChars: { law: chars(law), policy: chars(policy), faq: chars(faq) } },
  };
}

// ---------------------------------------------------------------------------- entries

export interface Plan {
  n: number;
  mix: Mix;
  quota: Record<BaseKind, number>;
}

export function plan(n: number, mix: Mix): Plan {
  const total = mix.law + mix.policy + mix.faq;
  const policy = Math.round((n * mix.policy) / total);
  const faq = Math.round((n * mix.faq) / total);
  return { n, mix, quota: { law: n - policy - faq, policy, faq } };
}

/** Entry i → (kind, base index, variant): laws, then policies, then FAQs; originals (variant 0) first within a kind. */
export function locate(p: Plan, corpus: Corpus, i: number): { kind: BaseKind; base: number; variant: number } {
  const { law, policy } = p.quota;
  const kind: BaseKind = i < law ? 'law' : i < law + policy ? 'policy' : 'faq';
  const j = kind === 'law' ? i : kind === 'policy' ? i - law : i - law - policy;
  const bases = corpus[kind].length;
  // spread bases by a prime stride so a short run does not take all its originals from one law
  const base = bases % 7919 === 0 ? j % bases : ((j % bases) * 7919) % bases;
  return { kind, base, variant: Math.floor(j / bases) };
}

export function entryId(kind: BaseKind, base: number, variant: number): string {
  return `${kind}-${base}-${variant}`;
}

export function parseEntryId(id: string): { kind: BaseKind; base: number; variant: number } | null {
  const m = /^(law|policy|faq)-(\d+)-(\d+)$/u.exec(id);
  return m ? { kind: m[1] as BaseKind, base: Number(m[2]), variant: Number(m[3]) } : null;
}

function swapSentences(text: string, donors: Base[], r: () => number, times: number): string {
  let ss = sentences(text);
  for (let t = 0; t < times && ss.length > 1; t++) {
    const donor = sentences(pick(r, donors).text).filter((s) => s.length >= 8 && s.length <= 160 && !/^第/u.test(s));
    if (donor.length === 0) continue;
    const at = 1 + Math.floor(r() * (ss.length - 1));
    ss = [...ss.slice(0, at), pick(r, donor), ...ss.slice(at + 1)];
  }
  return ss.join('');
}

const FAQ_PREFIX = ['', '', '请问', '你好，', '咨询：', '我想问一下，', '关于'];

/** The body of entry i (an EntryBody as entryInputSchema would output it). */
export function makeEntry(corpus: Corpus, p: Plan, i: number): EntryBody {
  const { kind, base, variant } = locate(p, corpus, i);
  const b = corpus[kind][base]!;
  const id = entryId(kind, base, variant);
  if (variant === 0) return bodyOf(kind, id, b.title, b.text, b.validFrom, b.issuer, b.docNumber, undefined);

  const r = rng(base, variant);
  const target = pick(r, corpus.places.areas);
  const swap = new PlaceSwap(corpus.places, target, r);
  const delta = Math.floor(r() * 12) - 6;
  const localize = r() < 0.7;
  const prefix = r() < 0.5 ? target.province : target.city;
  const agency = (s: string) => (localize ? s.replace(AGENCY_RE, (m) => `${prefix}${AGENCY_LOCAL.get(m) ?? m}`) : s);
  let text = agency(scaleNumbers(shiftYears(swap.apply(b.text), delta), r));
  const swaps = kind === 'policy' ? (r() < 0.6 ? 1 + Math.floor(r() * 2) : 0) : r() < 0.3 ? 1 : 0;
  if (swaps) text = swapSentences(text, corpus[kind], r, swaps);
  let title = agency(shiftYears(swap.apply(b.title), delta));
  if (kind === 'law') {
    if (title.startsWith('中华人民共和国')) {
      const [name, ...rest] = title.split(' ');
      title = `${target.province}实施《${name}》办法 ${rest.join(' ')}`;
    } else if (title === b.title && r() < 0.5) title = `${target.province}${title}`;
  } else if (kind === 'faq') {
    title = `${pick(r, FAQ_PREFIX)}${title}`;
  }
  const issuer = b.issuer ? agency(swap.apply(b.issuer)) : localize ? `${prefix}人民政府` : undefined;
  return bodyOf(kind, id, title, text, shiftDate(b.validFrom, delta), issuer, b.docNumber ? shiftYears(b.docNumber, delta) : undefined, target.province);
}

function bodyOf(
  kind: BaseKind,
  id: string,
  title: string,
  text: string,
  validFrom: string | undefined,
  issuer: string | undefined,
  docNumber: string | undefined,
  region: string | undefined,
): EntryBody {
  if (kind === 'faq') {
    return { kind: 'faq', id, status: 'published', tags: [], question: title.slice(0, 500), answer: text.trim(), alternatives: [], validFrom, region };
  }
  return {
    kind,
    id,
    status: 'published',
    tags: [],
    title: title.trim().slice(0, 500),
    text,
    validFrom,
    publishDate: validFrom,
    issuer: issuer?.slice(0, 200),
    department: issuer?.slice(0, 200),
    docNumber: docNumber?.slice(0, 100),
    region,
    validity: '现行有效',
  };
}
