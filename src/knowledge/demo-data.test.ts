import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../app-context.js';
import { FIXTURES, openTestContext, writeFiles } from '../../test/fixtures/import/test-context.js';
import { loadDemoDataIfEmpty } from './demo-data.js';

describe('loadDemoDataIfEmpty', () => {
  let ctx: AppContext;
  beforeEach(async () => {
    ctx = await openTestContext();
  });
  afterEach(async () => {
    await ctx.close();
  });

  it('loads the demo directory into an empty knowledge base, and only then', async () => {
    const dir = writeFiles({});
    expect(await loadDemoDataIfEmpty(ctx.knowledge, path.join(dir, 'missing'))).toBe(0);
    expect(await loadDemoDataIfEmpty(ctx.knowledge, path.join(FIXTURES, 'laws'))).toBe(1);
    expect(await loadDemoDataIfEmpty(ctx.knowledge, path.join(FIXTURES, 'laws'))).toBe(0);
  });

  it('refuses invalid demo data, naming the row', async () => {
    const dir = writeFiles({ 'demo.jsonl': '{"kind":"faq","id":"f","question":"问？"}\n' });
    await expect(loadDemoDataIfEmpty(ctx.knowledge, dir)).rejects.toThrow('demo.jsonl:1 answer: 不能为空');
    expect((await ctx.knowledge.stats()).entries).toBe(0);
  });
});
