import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../app-context.js';
import { FIXTURES, openTestContext, writeFiles } from '../../../test/fixtures/import/test-context.js';
import { importPath } from './import.service.js';
import { formatIssue } from './import.types.js';
import { chainLawVersions, lawIdFor, parseLawMarkdown } from './law-markdown.js';

const LAWS = path.join(FIXTURES, 'laws');
const OLD = path.join(LAWS, '行政法规', '示范登记条例(2019-03-24).md');
const NEW = path.join(LAWS, '行政法', '示范登记条例(2024-03-10).md');

describe('parseLawMarkdown', () => {
  it('reads title, notes, 令 number and version date; drops # markers and HTML comments', () => {
    const { body, warnings } = parseLawMarkdown(fs.readFileSync(OLD, 'utf8'), OLD, lawIdFor(OLD));
    expect(warnings).toEqual([]);
    expect(body).toMatchObject({
      kind: 'law',
      id: 'law:示范登记条例',
      title: '示范登记条例',
      docNumber: '中华人民共和国国务院令第656号',
      publishDate: '2019-03-24',
      validFrom: '2019-03-24',
      validity: '现行有效',
    });
    expect(body.text).toContain('示范登记条例\n2014年11月24日 中华人民共和国国务院令第656号公布\n');
    expect(body.text).toContain('\n第一章 总则\n');
    expect(body.text).not.toMatch(/#|<!--/);
  });

  it('takes a later 施行 date as the start of validity, and the latest note date for an undated file', () => {
    const { body } = parseLawMarkdown(fs.readFileSync(NEW, 'utf8'), NEW, 'law:x');
    expect(body).toMatchObject({ publishDate: '2024-03-10', effectiveDate: '2024-05-01', validFrom: '2024-05-01' });
    const undated = parseLawMarkdown('# 某法\n\n1990年1月1日 通过\n\n2001年2月3日 修正\n\n<!-- INFO END -->\n第一条 甲。\n', '某法.md', 'law:某法');
    expect(undated.body.publishDate).toBe('2001-02-03');
  });

  it('falls back to the file name when the title line is missing, and says so', () => {
    const r = parseLawMarkdown('第一条 甲。\n第二条 乙。\n', '无题条例(2020-01-01).md', 'law:无题条例');
    expect(r.body.title).toBe('无题条例');
    expect(r.warnings[0]).toContain('缺少标题行');
  });

  it('gives the versions of one law one id without the date, and keeps ids valid', () => {
    expect(lawIdFor('/a/行政法/示范登记条例(2024-03-10).md')).toBe('law:示范登记条例');
    expect(lawIdFor('/b/示范 登记条例.md')).toBe('law:示范_登记条例');
    expect(lawIdFor(`/${'长'.repeat(200)}.md`).length).toBeLessThanOrEqual(128);
  });

  it('chains versions: older ones become 已修改 and end the day before the next starts', () => {
    const chained = chainLawVersions([
      { kind: 'law', id: 'l', validFrom: '2024-05-01', validity: '现行有效' },
      { kind: 'law', id: 'l', validFrom: '2019-03-24', validity: '现行有效' },
      { kind: 'law', id: 'other', validFrom: '2000-01-01', validity: '现行有效' },
    ]);
    expect(chained).toEqual([
      { kind: 'law', id: 'l', validFrom: '2019-03-24', validity: '已修改', validTo: '2024-04-30' },
      { kind: 'law', id: 'l', validFrom: '2024-05-01', validity: '现行有效' },
      { kind: 'law', id: 'other', validFrom: '2000-01-01', validity: '现行有效' },
    ]);
  });
});

describe('importPath with a directory of Markdown laws', () => {
  let ctx: AppContext;
  beforeEach(async () => {
    ctx = await openTestContext();
  });
  afterEach(async () => {
    await ctx.close();
  });

  it('imports the versions of a law across folders as one entry, skipping _index.md', async () => {
    const r = await importPath(ctx.knowledge, LAWS);
    expect(r).toMatchObject({ files: 2, committed: true, created: 1, unchanged: 0, issues: [], warnings: [] });
    const history = await ctx.knowledge.history('law:示范登记条例');
    expect(history.map((h) => [h.version, h.validFrom, h.validTo])).toEqual([
      [2, '2024-05-01', null],
      [1, '2019-03-24', '2024-04-30'],
    ]);
    const old = await ctx.knowledge.get('law:示范登记条例', { date: '2023-01-01' });
    expect(old).toMatchObject({ version: 1, inForce: true });
    expect(old.passages.map((p) => p.label)).toEqual(['序言', '第一章 总则 第一条', '第一章 总则 第二条', '第二章 登记程序 第三条']);
    expect(old.text.slice(old.passages[3]!.start, old.passages[3]!.end)).toBe('第三条 登记机构应当自受理之日起30个工作日内办结登记手续。');
    expect((await ctx.knowledge.get('law:示范登记条例', { date: '2024-06-01' })).version).toBe(2);
  });

  it('re-importing the directory adds no versions', async () => {
    await importPath(ctx.knowledge, LAWS);
    const again = await importPath(ctx.knowledge, LAWS);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect((await ctx.knowledge.stats()).versions).toBe(2);
  });

  it('imports one copy of a law filed twice under different folders, with a warning', async () => {
    const src = fs.readFileSync(OLD, 'utf8');
    const dir = writeFiles({ 'a/示范登记条例(2019-03-24).md': src, 'b/示范登记条例(2019-03-24).md': src });
    const r = await importPath(ctx.knowledge, dir);
    expect(r).toMatchObject({ created: 1, valid: 1 });
    expect(r.warnings.map(formatIssue)).toEqual([
      `${path.join('b', '示范登记条例(2019-03-24).md')}: 与 ${path.join('a', '示范登记条例(2019-03-24).md')} 是同一法规的同一版本，已跳过`,
    ]);
  });
});
