import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../app-context.js';
import { FIXTURES, openTestContext, writeFiles } from '../../../test/fixtures/import/test-context.js';
import { importPath } from './import.service.js';
import { formatIssue } from './import.types.js';
import { readJsonl } from './jsonl.js';

describe('readJsonl', () => {
  it('takes kind from the option when a line has none and reports malformed lines by number', () => {
    const rows = [...readJsonl('{"id":"a","text":"正文"}\n\n{oops\n[1]\n', 'p.jsonl', { kind: 'policy' })];
    expect(rows[0]!.body).toMatchObject({ kind: 'policy', id: 'a' });
    expect(rows[1]!.issues![0]!.location).toEqual({ file: 'p.jsonl', line: 3 });
    expect(formatIssue(rows[2]!.issues![0]!)).toBe('p.jsonl:4: 每行应为一个 JSON 对象');
  });
});

describe('importPath with JSONL', () => {
  let ctx: AppContext;
  beforeEach(async () => {
    ctx = await openTestContext();
  });
  afterEach(async () => {
    await ctx.close();
  });

  it('imports every kind, derives a policy title, and keeps the given ids', async () => {
    const r = await importPath(ctx.knowledge, path.join(FIXTURES, 'entries.jsonl'), { kind: 'policy' });
    expect(r).toMatchObject({ committed: true, created: 3, updated: 0, unchanged: 0, issues: [] });
    const policy = await ctx.knowledge.get('policy-qa-demo');
    expect(policy.kind).toBe('policy');
    expect(policy.title).toBe('示范市关于延长社保缴费期限的通知');
    expect((await ctx.knowledge.get('bdc-transfer')).text).toContain('不动产权证书（原件1份');
  });

  it('re-import of the same file changes nothing; changed content makes version 2', async () => {
    const file = path.join(FIXTURES, 'entries.jsonl');
    await importPath(ctx.knowledge, file, { kind: 'policy' });
    const again = await importPath(ctx.knowledge, file, { kind: 'policy' });
    expect(again).toMatchObject({ committed: true, created: 0, updated: 0, unchanged: 3 });

    const changed = fs.readFileSync(file, 'utf8').replace('"visits":1', '"visits":0');
    const dir = writeFiles({ 'entries.jsonl': changed });
    const r = await importPath(ctx.knowledge, path.join(dir, 'entries.jsonl'), { kind: 'policy' });
    expect(r).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    const item = await ctx.knowledge.get('bdc-transfer');
    expect(item.version).toBe(2);
    expect(item.text).toContain('到办事现场次数：0次');
  });

  it('names file, line and field for each bad row and commits nothing', async () => {
    const dir = writeFiles({
      'items.jsonl': [
        '{"kind":"item","id":"ok-item","name":"好事项"}',
        '{"kind":"item","id":"bad-item","name":"坏事项","materials":[{"name":"申请书"},{"name":"  "}],"visits":-1}',
        '{"kind":"notice","id":"x"}',
        '{"kind":"faq","id":"ok-item","question":"问？","answer":"答。"}',
        '{"kind":"faq","id":"no answer","question":"问？"}',
      ].join('\n'),
    });
    const r = await importPath(ctx.knowledge, path.join(dir, 'items.jsonl'));
    expect(r.committed).toBe(false);
    expect(r.issues.map(formatIssue)).toEqual([
      'items.jsonl:2 materials[1].name: 不能为空',
      'items.jsonl:2 visits: 不能小于 0',
      'items.jsonl:3 kind: 未知类型，应为 item|policy|law|faq',
      'items.jsonl:4 id: id “ok-item” 已在 items.jsonl:1 用于 item，不能再用于 faq',
      'items.jsonl:5 id: id 不能包含空白、/、? 或 #',
      'items.jsonl:5 answer: 不能为空',
    ]);
    expect(r.invalid).toBe(4);
    expect((await ctx.knowledge.stats()).entries).toBe(0);
  });

  it('with skipInvalid commits the valid rows and still reports the others', async () => {
    const dir = writeFiles({ 'faq.jsonl': '{"id":"f1","question":"问一？","answer":"答一。"}\n{"id":"f2","question":"问二？"}\n' });
    const r = await importPath(ctx.knowledge, path.join(dir, 'faq.jsonl'), { kind: 'faq', skipInvalid: true });
    expect(r).toMatchObject({ committed: true, created: 1, valid: 1, invalid: 1 });
    expect(r.issues.map(formatIssue)).toEqual(['faq.jsonl:2 answer: 不能为空']);
    expect((await ctx.knowledge.get('f1')).title).toBe('问一？');
  });

  it('refuses to change the kind of an entry already in the knowledge base', async () => {
    const a = writeFiles({ 'a.jsonl': '{"kind":"faq","id":"same","question":"问？","answer":"答。"}\n' });
    await importPath(ctx.knowledge, path.join(a, 'a.jsonl'));
    const b = writeFiles({ 'b.jsonl': '{"kind":"policy","id":"same","text":"正文。"}\n' });
    const r = await importPath(ctx.knowledge, path.join(b, 'b.jsonl'));
    expect(r.issues.map(formatIssue)).toEqual(['b.jsonl:1 kind: 知识库中条目 “same” 的类型为 faq，不能改为 policy']);
    expect(r.committed).toBe(false);
  });

  it('reports a missing path', async () => {
    const r = await importPath(ctx.knowledge, '/nonexistent/x.jsonl');
    expect(r.issues.map(formatIssue)).toEqual(['/nonexistent/x.jsonl: 文件或目录不存在']);
  });
});
