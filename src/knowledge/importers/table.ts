/**
 * Tables (CSV, XLSX) → entry bodies. A table is a list of rows keyed by normalised column
 * header; column names may be Chinese (办事指南 terms) or English (schema field names).
 * The exact column sets are documented in docs/KNOWLEDGE-FORMAT.md.
 */
import { createHash } from 'node:crypto';
import type { ImportIssue, ImportLocation, ReadResult } from './import.types.js';

export interface TableRow {
  location: ImportLocation;
  /** cell text by normalised header; empty cells are absent */
  cells: Map<string, string>;
}

export interface Table {
  name: string;
  headers: string[];
  rows: TableRow[];
}

/** Header normalisation: case, spaces, a required-marker `*` and notes in brackets do not matter. */
export function normalizeHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .replace(/[（(][^）)]*[）)]/gu, '')
    .replace(/[\s*＊:：]/gu, '')
    .toLowerCase();
}

type Columns = Record<string, readonly string[]>;

/** Entry field → accepted column headers (already normalised by `normalizeHeader`). */
const COMMON_COLUMNS = {
  id: ['id', '编号', '条目id'],
  status: ['status', '状态'],
  validFrom: ['validfrom', '生效日期'],
  validTo: ['validto', '失效日期'],
  region: ['region', '地区', '适用地域'],
  department: ['department', '部门'],
  tags: ['tags', '标签'],
} as const satisfies Columns;

export const FAQ_COLUMNS = {
  ...COMMON_COLUMNS,
  question: ['question', '问题'],
  answer: ['answer', '答案', '回答', '答复'],
  alternatives: ['alternatives', '相似问法', '相似问题'],
  relatedId: ['relatedid', '关联事项', '关联条目'],
} as const satisfies Columns;

export const ITEM_COLUMNS = {
  ...COMMON_COLUMNS,
  id: ['id', '事项编码', '事项id', '条目id'],
  name: ['name', '事项名称'],
  baseCode: ['basecode', '基本编码'],
  implCode: ['implcode', '实施编码'],
  itemType: ['itemtype', '事项类型'],
  level: ['level', '行使层级'],
  agency: ['agency', '实施主体'],
  agencyCode: ['agencycode', '实施主体编码'],
  delegatedAgency: ['delegatedagency', '委托部门'],
  serviceObjects: ['serviceobjects', '服务对象'],
  caseType: ['casetype', '办件类型'],
  handlingForms: ['handlingforms', '办理形式'],
  summary: ['summary', '事项概述', '事项简介'],
  conditions: ['conditions', '受理条件', '申请条件'],
  legalTimeLimit: ['legaltimelimit', '法定办结时限'],
  promisedTimeLimit: ['promisedtimelimit', '承诺办结时限'],
  visits: ['visits', '到现场次数', '到办事现场次数'],
  visitReason: ['visitreason', '必须现场办理原因说明', '到现场原因'],
  charged: ['charged', '是否收费'],
  feeName: ['feename', '收费项目', '收费项目名称'],
  feeStandard: ['feestandard', 'fees', '收费标准'],
  feeBasis: ['feebasis', '收费依据'],
  places: ['places', '办理地点'],
  hours: ['hours', '办理时间'],
  phone: ['phone', '咨询电话', '咨询方式'],
  complaintPhone: ['complaintphone', '监督投诉电话', '投诉电话'],
  onlineUrl: ['onlineurl', '网上办理地址'],
  appointment: ['appointment', '是否支持预约'],
  delivery: ['delivery', '是否支持物流快递'],
  onlinePayment: ['onlinepayment', '是否支持网上支付'],
  legalBasis: ['legalbasis', '设定依据'],
  resultName: ['resultname', '审批结果名称', '办理结果'],
  resultType: ['resulttype', '审批结果类型'],
  scope: ['scope', '通办范围'],
  materials: ['materials', '申请材料'],
  situations: ['situations', '情形', '办理情形'],
} as const satisfies Columns;

export const MATERIAL_COLUMNS = {
  itemId: ['itemid', '事项编码', '事项id', 'id'],
  itemName: ['itemname', '事项名称'],
  name: ['name', '材料名称'],
  type: ['type', '材料类型'],
  source: ['source', '来源渠道'],
  necessity: ['necessity', '必要性'],
  form: ['form', '材料形式'],
  originals: ['originals', '原件份数', '原件数量'],
  copies: ['copies', '复印件份数', '复印件数量'],
  paperSpec: ['paperspec', '纸质规格'],
  blankForm: ['blankform', '空白表格'],
  sample: ['sample', '示例样表'],
  notes: ['notes', '填报须知', '备注'],
  acceptanceStandard: ['acceptancestandard', '受理标准'],
  basis: ['basis', '要求提供材料的依据', '材料依据'],
} as const satisfies Columns;

type Getter<C extends Columns> = (field: keyof C) => string | undefined;

function getter<C extends Columns>(columns: C, row: TableRow): Getter<C> {
  return (field) => {
    for (const h of columns[field as string]!) {
      const v = row.cells.get(h);
      if (v !== undefined && v.trim() !== '') return v.trim();
    }
    return undefined;
  };
}

/** Which entry kind a table holds, judged by its headers. */
export function guessTableKind(headers: string[]): 'faq' | 'item' | undefined {
  const has = (names: readonly string[]) => headers.some((h) => names.includes(h));
  if (has(FAQ_COLUMNS.question) && has(FAQ_COLUMNS.answer)) return 'faq';
  if (has(ITEM_COLUMNS.name)) return 'item';
  return undefined;
}

/** Lists in one cell: separated by ；; | or new lines (and 、, for short tokens like tags). */
export function splitList(v: string | undefined, extra = ''): string[] {
  if (!v) return [];
  const re = new RegExp(`[；;|\\n${extra}]`, 'u');
  return v
    .split(re)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** 受理条件 one per line; the numbering people type (1. （1） ①) is not part of the text. */
function splitLines(v: string | undefined): string[] {
  if (!v) return [];
  return v
    .split(/\r?\n/)
    .map((s) => s.replace(/^\s*(?:\d{1,2}[.、．)）]|[（(]\d{1,2}[）)]|[①-⑳])\s*/u, '').trim())
    .filter(Boolean);
}

const YES = new Set(['是', '有', 'y', 'yes', 'true', '1', '收费', '支持']);
const NO = new Set(['否', '无', 'n', 'no', 'false', '0', '不收费', '不支持']);

/** 是/否 → boolean; anything else is left as text so validation names the column. */
function yesNo(v: string | undefined): boolean | string | undefined {
  if (v === undefined) return undefined;
  const k = v.trim().toLowerCase();
  if (YES.has(k)) return true;
  if (NO.has(k)) return false;
  return v;
}

function int(v: string | undefined): number | string | undefined {
  if (v === undefined) return undefined;
  const m = /^\s*(\d+)\s*(?:次|份|个)?\s*$/u.exec(v);
  return m ? Number(m[1]) : v;
}

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

function cnNumber(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s);
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/u.exec(s);
  if (!m || s === '') return undefined;
  if (!m[2]) return m[1] ? CN_DIGITS[m[1]] : undefined;
  return (m[1] ? CN_DIGITS[m[1]]! : 1) * 10 + (m[3] ? CN_DIGITS[m[3]]! : 0);
}

/** "20个工作日", "30日", "即办", "24小时（不含公告时间）" → {value, unit, note}. */
export function parseTimeLimit(v: string): { value: number; unit: string; note?: string } | undefined {
  const s = v.trim().replace(/\s+/g, '');
  if (/^(即办|即时|即时办结|当场办结|立即办结)/u.test(s)) return { value: 0, unit: '即时' };
  const m = /^([\d一二两三四五六七八九十]+)个?(工作日|自然日|日|天|小时)(.*)$/u.exec(s);
  if (!m) return undefined;
  const value = cnNumber(m[1]!);
  if (value === undefined) return undefined;
  const unit = m[2] === '日' || m[2] === '天' ? '自然日' : m[2]!;
  const note = m[3]!.replace(/^[（(，,;；]|[）)]$/gu, '').trim();
  return note ? { value, unit, note } : { value, unit };
}

const MATERIAL_TYPE: Record<string, string> = { 证件证书证明: '1', 证件: '1', 证书: '1', 证明: '1', 申请表格文书: '2', 表格: '2', 文书: '2', 其他: '3' };
const MATERIAL_SOURCE: Record<string, string> = { 申请人自备: '10', 自备: '10', 政府部门核发: '20', 部门核发: '20', 其他: '99' };
const NECESSITY: Record<string, string> = { 必要: '1', 必须: '1', 必需: '1', 是: '1', 非必要: '2', 否: '2', 容缺后补: '3', 容缺: '3' };

function code(v: string | undefined, table: Record<string, string>): string | undefined {
  if (v === undefined) return undefined;
  const m = /^\s*(\d{1,2})\b/.exec(v);
  return m ? m[1] : (table[v.trim()] ?? v.trim());
}

function materialForm(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const paper = v.includes('纸质');
  const electronic = v.includes('电子');
  return paper && electronic ? '纸质/电子' : paper ? '纸质' : electronic ? '电子' : v;
}

function serviceObject(v: string): string {
  if (/^(个人|自然人|公民)$/u.test(v)) return '自然人';
  if (/^(法人|企业|单位|法人或其他组织|组织)$/u.test(v)) return '法人';
  return v;
}

function legalBasis(line: string): Record<string, string> {
  const m = /^\s*《([^》]+)》\s*([^（(]*?)\s*(?:[（(]([^）)]+)[）)])?\s*$/u.exec(line);
  if (!m) return { title: line.trim() };
  const out: Record<string, string> = { title: m[1]! };
  if (m[2]) out.article = m[2];
  if (m[3]) out.docNumber = m[3];
  return out;
}

/** A cell holding JSON (the 情形 tree, in the same shape as in JSONL). */
function jsonCell(v: string | undefined, field: string, location: ImportLocation, issues: ImportIssue[]): unknown {
  if (v === undefined) return undefined;
  try {
    return JSON.parse(v) as unknown;
  } catch (err) {
    issues.push({ location, field, message: `不是有效的 JSON（${(err as Error).message}），情形应为与 JSONL 相同的问题列表` });
    return undefined;
  }
}

function definedOnly(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

function commonFields(get: (field: keyof typeof COMMON_COLUMNS) => string | undefined): Record<string, unknown> {
  return {
    id: get('id'),
    status: get('status'),
    validFrom: get('validFrom'),
    validTo: get('validTo'),
    region: get('region'),
    department: get('department'),
    tags: get('tags') !== undefined ? splitList(get('tags'), '，,、') : undefined,
  };
}

/** A stable id for a FAQ without one: the hash of its question, so re-imports update it. */
export function faqIdFor(question: string): string {
  return `faq-${createHash('sha256').update(question.trim()).digest('hex').slice(0, 16)}`;
}

export function faqRows(table: Table): ReadResult[] {
  return table.rows.map((row) => {
    const get = getter(FAQ_COLUMNS, row);
    const question = get('question');
    const body = definedOnly({
      kind: 'faq',
      ...commonFields(get),
      question,
      answer: get('answer'),
      alternatives: get('alternatives') !== undefined ? splitList(get('alternatives')) : undefined,
      relatedId: get('relatedId'),
    });
    if (body.id === undefined && question) body.id = faqIdFor(question);
    return { location: row.location, body };
  });
}

export function materialFromRow(row: TableRow): Record<string, unknown> {
  const get = getter(MATERIAL_COLUMNS, row);
  return definedOnly({
    name: get('name'),
    type: code(get('type'), MATERIAL_TYPE),
    source: code(get('source'), MATERIAL_SOURCE),
    necessity: code(get('necessity'), NECESSITY),
    form: materialForm(get('form')),
    originals: int(get('originals')),
    copies: int(get('copies')),
    paperSpec: get('paperSpec'),
    blankForm: get('blankForm'),
    sample: get('sample'),
    notes: get('notes'),
    acceptanceStandard: get('acceptanceStandard'),
    basis: get('basis'),
  });
}

/**
 * Service items, one per row of `items`, with their materials from `materials` rows (joined
 * by the item's id or 事项名称) or, when there is no materials table, from an inline
 * 申请材料 column (names separated by ；).
 */
export function itemRows(items: Table, materials?: Table): ReadResult[] {
  const byItem = new Map<string, TableRow[]>();
  const results: ReadResult[] = [];
  const unmatched = new Set<TableRow>(materials?.rows ?? []);
  for (const row of materials?.rows ?? []) {
    const get = getter(MATERIAL_COLUMNS, row);
    for (const key of [get('itemId'), get('itemName')]) {
      if (!key) continue;
      const list = byItem.get(key) ?? [];
      list.push(row);
      byItem.set(key, list);
    }
  }
  for (const row of items.rows) {
    const get = getter(ITEM_COLUMNS, row);
    const issues: ImportIssue[] = [];
    const time = (field: 'legalTimeLimit' | 'promisedTimeLimit') => {
      const v = get(field);
      if (v === undefined) return undefined;
      const t = parseTimeLimit(v);
      if (!t) issues.push({ location: row.location, field, message: `无法识别的时限“${v}”，应如“20个工作日”“30日”“即办”` });
      return t;
    };
    const id = get('id') ?? get('implCode') ?? get('baseCode');
    const name = get('name');
    const charged = yesNo(get('charged'));
    const feeStandard = get('feeStandard');
    const placeLines = splitList(get('places'));
    const materialRows = [...new Set([...(id ? (byItem.get(id) ?? []) : []), ...(name ? (byItem.get(name) ?? []) : [])])];
    for (const m of materialRows) unmatched.delete(m);
    const inline = materials ? [] : splitList(get('materials')).map((n) => ({ name: n }));
    const situations = jsonCell(get('situations'), 'situations', row.location, issues);
    const body = definedOnly({
      kind: 'item',
      ...commonFields(get),
      id,
      name,
      baseCode: get('baseCode'),
      implCode: get('implCode'),
      itemType: get('itemType'),
      level: get('level'),
      agency: get('agency'),
      agencyCode: get('agencyCode'),
      delegatedAgency: get('delegatedAgency'),
      serviceObjects: get('serviceObjects') !== undefined ? splitList(get('serviceObjects'), '，,、/').map(serviceObject) : undefined,
      caseType: get('caseType'),
      handlingForms: get('handlingForms') !== undefined ? splitList(get('handlingForms'), '，,、/') : undefined,
      summary: get('summary'),
      conditions: get('conditions') !== undefined ? splitLines(get('conditions')) : undefined,
      materials: materialRows.length ? materialRows.map(materialFromRow) : inline.length ? inline : undefined,
      legalTimeLimit: time('legalTimeLimit'),
      promisedTimeLimit: time('promisedTimeLimit'),
      visits: int(get('visits')),
      visitReason: get('visitReason'),
      charged,
      fees: charged === true && feeStandard ? [definedOnly({ name: get('feeName') ?? name ?? '收费', standard: feeStandard, basis: get('feeBasis') })] : undefined,
      places: placeLines.length
        ? placeLines.map((l) => {
            const m = /^([^：:]{1,40})[：:](.+)$/u.exec(l);
            return m ? { name: m[1]!.trim(), address: m[2]!.trim() } : { name: get('agency') ?? '办理地点', address: l };
          })
        : undefined,
      hours: get('hours'),
      phone: get('phone'),
      complaintPhone: get('complaintPhone'),
      onlineUrl: get('onlineUrl'),
      appointment: yesNo(get('appointment')),
      delivery: yesNo(get('delivery')),
      onlinePayment: yesNo(get('onlinePayment')),
      legalBasis: get('legalBasis') !== undefined ? splitList(get('legalBasis')).map(legalBasis) : undefined,
      resultName: get('resultName'),
      resultType: get('resultType'),
      scope: get('scope'),
      situations,
    });
    const locate = (path: readonly PropertyKey[]) =>
      path[0] === 'materials' && typeof path[1] === 'number' && materialRows[path[1]] ? materialRows[path[1]]!.location : undefined;
    results.push({ location: row.location, body, issues: issues.length ? issues : undefined, locate });
  }
  for (const m of unmatched) {
    const get = getter(MATERIAL_COLUMNS, m);
    const key = get('itemId') ?? get('itemName');
    results.push({
      location: m.location,
      issues: [{ location: m.location, field: key ? 'itemId' : '', message: key ? `找不到材料所属的事项“${key}”` : '缺少事项编码或事项名称，无法确定材料所属事项' }],
    });
  }
  return results;
}
