import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../app-context.js';
import { FIXTURES, openTestContext, writeFiles } from '../../../test/fixtures/import/test-context.js';
import { importPath } from './import.service.js';
import { formatIssue } from './import.types.js';
import { extractDocxText, extractPdfText, policyFieldsFromText } from './policy-document.js';

const EXPECTED = {
  title: '示范市人民政府办公厅关于优化不动产登记服务的通知',
  docNumber: '示政办发〔2026〕7号',
  writtenDate: '2026-02-10',
  effectiveDate: '2026-03-01',
};

describe('policy documents', () => {
  it('extracts DOCX text, title after the 版头, 发文字号 and dates', async () => {
    const text = await extractDocxText(fs.readFileSync(path.join(FIXTURES, 'policy.docx')));
    expect(policyFieldsFromText(text)).toMatchObject(EXPECTED);
  });

  it('extracts the Chinese text layer of a PDF', async () => {
    const text = await extractPdfText(fs.readFileSync(path.join(FIXTURES, 'policy.pdf')));
    expect(text).toContain('一、不动产登记一般登记业务办理时限压缩至3个工作日。');
    expect(policyFieldsFromText(text)).toMatchObject(EXPECTED);
  });

  it('reads dates written in Chinese numerals and ignores bracket forms that are not 〔〕', () => {
    const f = policyFieldsFromText('关于某事的通知\n某办[2024]3号\n正文。\n二〇二四年三月十五日');
    expect(f).toMatchObject({ title: '关于某事的通知', writtenDate: '2024-03-15' });
    expect(f.docNumber).toBeUndefined();
  });
});

describe('importPath with DOCX and PDF', () => {
  let ctx: AppContext;
  beforeEach(async () => {
    ctx = await openTestContext();
  });
  afterEach(async () => {
    await ctx.close();
  });

  it('takes the id from the file name, or from --id for a single file', async () => {
    const r = await importPath(ctx.knowledge, path.join(FIXTURES, 'policy.docx'));
    expect(r).toMatchObject({ committed: true, created: 1 });
    const doc = await ctx.knowledge.get('policy', { date: '2026-06-01' });
    expect(doc).toMatchObject({ kind: 'policy', title: EXPECTED.title, docNumber: EXPECTED.docNumber, validFrom: '2026-03-01', inForce: true });

    await importPath(ctx.knowledge, path.join(FIXTURES, 'policy.pdf'), { id: 'sz-bdc-2026-7' });
    expect((await ctx.knowledge.get('sz-bdc-2026-7')).body).toMatchObject({ ...EXPECTED, kind: 'policy' });
  });

  it('reports an unreadable document by file', async () => {
    const dir = writeFiles({ 'broken.docx': 'not a zip' });
    const r = await importPath(ctx.knowledge, dir);
    expect(r.issues).toHaveLength(1);
    expect(formatIssue(r.issues[0]!)).toMatch(/^broken\.docx: 无法解析文件：/);
    expect(r.committed).toBe(false);
  });
});
