import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../app-context.js';
import { FIXTURES, openTestContext, writeFiles } from '../../../test/fixtures/import/test-context.js';
import { parseCsvTable } from './csv.js';
import { validateRow } from './entry-validation.js';
import { importPath } from './import.service.js';
import { formatIssue } from './import.types.js';
import { faqIdFor, faqRows, itemRows, normalizeHeader, parseTimeLimit } from './table.js';

describe('table mapping', () => {
  it('reads 时限 as number + unit + note', () => {
    expect(parseTimeLimit('20个工作日')).toEqual({ value: 20, unit: '工作日' });
    expect(parseTimeLimit('30日')).toEqual({ value: 30, unit: '自然日' });
    expect(parseTimeLimit('十五个工作日（不含公告时间）')).toEqual({ value: 15, unit: '工作日', note: '不含公告时间' });
    expect(parseTimeLimit('即办')).toEqual({ value: 0, unit: '即时' });
    expect(parseTimeLimit('2周')).toBeUndefined();
  });

  it('normalises headers: required markers, notes in brackets, case', () => {
    expect(normalizeHeader('*材料名称（必填）')).toBe('材料名称');
    expect(normalizeHeader(' Question ')).toBe('question');
  });

  it('maps FAQ columns, splits alternatives on ；and |, and derives a stable id from the question', () => {
    const table = parseCsvTable(fs.readFileSync(path.join(FIXTURES, 'faq.csv'), 'utf8'), 'faq.csv');
    const [first, second] = faqRows(table);
    expect(first!.body).toEqual({
      kind: 'faq',
      id: faqIdFor('居住证怎么办理？'),
      question: '居住证怎么办理？',
      answer: '持身份证、居住证明到居住地派出所申请。',
      alternatives: ['居住证申请', '怎么申领居住证', '办居住证要什么'],
      relatedId: 'residence-permit',
      tags: ['户籍', '居住证'],
    });
    expect(first!.location).toEqual({ file: 'faq.csv', line: 2 });
    expect(second!.body!.id).toBe(faqIdFor('身份证过期了还能用吗？'));
    expect(faqIdFor('居住证怎么办理？')).toMatch(/^faq-[0-9a-f]{16}$/);
  });

  it('maps item columns and joins the companion materials file; locations follow multi-line cells', () => {
    const items = parseCsvTable(fs.readFileSync(path.join(FIXTURES, 'items.csv'), 'utf8'), 'items.csv');
    const materials = parseCsvTable(fs.readFileSync(path.join(FIXTURES, 'items.materials.csv'), 'utf8'), 'items.materials.csv');
    const [birth, marriage] = itemRows(items, materials);
    expect(birth!.location).toEqual({ file: 'items.csv', line: 2 });
    expect(marriage!.location).toEqual({ file: 'items.csv', line: 4 });
    expect(birth!.body).toMatchObject({
      id: 'birth-registration',
      name: '出生登记',
      conditions: ['新生儿出生一个月内', '父母一方为本市户籍'],
      promisedTimeLimit: { value: 0, unit: '即时' },
      visits: 1,
      charged: false,
      materials: [
        { name: '出生医学证明', type: '1', source: '20', necessity: '1', originals: 1, copies: 0 },
        { name: '父母户口簿', type: '1', source: '10', necessity: '1', originals: 1, copies: 1 },
      ],
    });
    expect(marriage!.body).toMatchObject({ serviceObjects: ['自然人'], materials: [{ name: '居民身份证' }] });
  });

  it('reads the 情形 tree from a JSON cell; bad JSON and a tree naming unknown materials are reported by row and field', () => {
    const tree = [{ id: 'agent', question: '是否委托他人代办？', options: [{ id: 'self', label: '本人办理' }, { id: 'agent', label: '委托他人代办', addMaterials: [{ name: '授权委托书' }], removeMaterials: ['居民身份证'] }] }];
    const bad = [{ id: 'agent', question: '是否委托他人代办？', options: [{ label: '本人办理' }, { label: '委托', removeMaterials: ['护照'] }] }];
    const cell = (v: unknown) => `"${JSON.stringify(v).replace(/"/g, '""')}"`;
    const csv = ['事项编码,事项名称,申请材料,情形', `a1,居住证申领,居民身份证,${cell(tree)}`, 'a2,居住证签注,居民身份证,"[{oops"', `a3,居住证补领,居民身份证,${cell(bad)}`].join('\n');
    const [good, broken, unknown] = itemRows(parseCsvTable(csv, 'items.csv'));
    expect(good!.body!.situations).toEqual(tree);
    expect(validateRow(good as Parameters<typeof validateRow>[0]).ok).toBe(true);
    expect(broken!.issues).toMatchObject([{ field: 'situations', location: { file: 'items.csv', line: 3 }, message: expect.stringContaining('不是有效的 JSON') }]);
    const v = validateRow(unknown as Parameters<typeof validateRow>[0]);
    expect(v.ok).toBe(false);
    expect(!v.ok && v.issues.map((i) => `${formatIssue(i)}`)).toEqual([expect.stringMatching(/items\.csv.*4.*situations\[0\]\.options\[1\]\.removeMaterials\[0\].*“护照”不是本事项的材料/)]);
  });

  it('takes inline 申请材料 separated by ；when there is no materials file', () => {
    const t = parseCsvTable('事项名称,id,申请材料\n居住证办理,jzz,身份证；居住证明；照片\n', 'x.csv');
    expect(itemRows(t)[0]!.body!.materials).toEqual([{ name: '身份证' }, { name: '居住证明' }, { name: '照片' }]);
  });
});

describe('importPath with CSV and XLSX', () => {
  let ctx: AppContext;
  beforeEach(async () => {
    ctx = await openTestContext();
  });
  afterEach(async () => {
    await ctx.close();
  });

  it('imports FAQ and items CSV files of a directory; re-import is unchanged', async () => {
    const dir = writeFiles({
      'faq.csv': fs.readFileSync(path.join(FIXTURES, 'faq.csv')),
      'items.csv': fs.readFileSync(path.join(FIXTURES, 'items.csv')),
      'items.materials.csv': fs.readFileSync(path.join(FIXTURES, 'items.materials.csv')),
    });
    const r = await importPath(ctx.knowledge, dir);
    expect(r).toMatchObject({ files: 2, committed: true, created: 4, issues: [] });
    const birth = await ctx.knowledge.get('birth-registration');
    expect(birth.text).toContain('申请材料：\n1. 出生医学证明（原件1份，纸质/电子，必要，政府部门核发）');
    const faq = await ctx.knowledge.get(faqIdFor('居住证怎么办理？'));
    expect(faq.text).toContain('相似问法：居住证申请；怎么申领居住证；办居住证要什么');
    expect(await importPath(ctx.knowledge, dir)).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
  });

  it('reports a material that names no known item at its own row', async () => {
    const dir = writeFiles({
      'items.csv': '事项名称,id\n出生登记,birth\n',
      'items.materials.csv': '事项编码,材料名称\nbirth,出生医学证明\nbirht,户口簿\n',
    });
    const r = await importPath(ctx.knowledge, path.join(dir, 'items.csv'));
    expect(r.issues.map(formatIssue)).toEqual(['items.materials.csv:3 itemId: 找不到材料所属的事项“birht”']);
  });

  it('reads items and their 材料 sheet from XLSX, naming sheet and row of each bad cell', async () => {
    const r = await importPath(ctx.knowledge, path.join(FIXTURES, 'items.xlsx'));
    expect(r.committed).toBe(false);
    expect(r.issues.map(formatIssue)).toEqual([
      'items.xlsx#事项:3 promisedTimeLimit: 无法识别的时限“2周”，应如“20个工作日”“30日”“即办”',
      'items.xlsx#材料:4 materials[0].name: 不能为空',
    ]);
    expect((await ctx.knowledge.stats()).entries).toBe(0);
  });

  it('with skipInvalid imports the good XLSX item with every column mapped', async () => {
    const r = await importPath(ctx.knowledge, path.join(FIXTURES, 'items.xlsx'), { skipInvalid: true });
    expect(r).toMatchObject({ committed: true, created: 1, valid: 1, invalid: 1 });
    const item = await ctx.knowledge.get('bdc-first-registration');
    expect(item.body).toMatchObject({
      name: '不动产首次登记',
      baseCode: '000116001000',
      itemType: '行政确认',
      agency: '示范市不动产登记中心',
      serviceObjects: ['自然人', '法人'],
      conditions: ['已取得不动产权属来源材料', '不动产界址清楚、面积准确'],
      legalTimeLimit: { value: 30, unit: '工作日' },
      promisedTimeLimit: { value: 5, unit: '工作日' },
      visits: 1,
      charged: true,
      fees: [{ name: '不动产首次登记', standard: '住宅类每件80元' }],
      places: [{ name: '示范市政务服务中心', address: '人民路1号二楼' }],
      hours: '工作日 9:00-17:00',
      phone: '0000-12345',
      complaintPhone: '0000-12346',
      onlineUrl: 'https://zwfw.example.gov.cn/bdc',
      legalBasis: [{ title: '不动产登记暂行条例', article: '第二十条', docNumber: '国务院令第656号' }],
      materials: [
        { name: '不动产登记申请书', type: '2', source: '10', necessity: '1', form: '纸质', originals: 1, copies: 0, paperSpec: 'A4', notes: '申请人签字' },
        { name: '身份证明', type: '1', source: '10', necessity: '1', form: '纸质/电子', originals: 1, copies: 1 },
      ],
    });
  });

  it('reads FAQ XLSX with English headers', async () => {
    const r = await importPath(ctx.knowledge, path.join(FIXTURES, 'faq-en.xlsx'));
    expect(r).toMatchObject({ committed: true, created: 1 });
    const faq = await ctx.knowledge.get(faqIdFor('社保卡丢了怎么办？'));
    expect(faq.body).toMatchObject({ alternatives: ['社保卡遗失', '社保卡补办'], relatedId: 'sbk-replace', tags: ['社保', '补办'] });
  });

  it('says so when a table is neither FAQ nor items', async () => {
    const dir = writeFiles({ 'x.csv': '名称,值\na,b\n' });
    const r = await importPath(ctx.knowledge, path.join(dir, 'x.csv'));
    expect(r.issues.map(formatIssue)).toEqual(['x.csv: 无法判断表格内容：FAQ 需要“问题”“答案”列，事项需要“事项名称”列；也可用 --kind 指定']);
  });
});
