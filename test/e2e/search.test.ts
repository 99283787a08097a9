/**
 * The search page against the real server and the demo knowledge base: a citizen types a
 * question, sees highlighted passages, opens a 办事指南; the URL carries the query.
 */
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { useWebApp } from './support/harness.js';

const app = useWebApp();
let page: Page;

beforeEach(async () => {
  page = await app.newPage();
});

async function searchFor(q: string): Promise<void> {
  await page.goto(app.url);
  const box = page.getByRole('searchbox', { name: '搜索内容' });
  await box.fill(q);
  await box.press('Enter');
  await page.locator('.results-stats, .results-empty, .ant-alert-error').first().waitFor();
}

describe('search page', () => {
  it('finds 公积金提取 with highlighted terms and opens the 办事指南 with its 申请材料 table', async () => {
    await searchFor('公积金提取');
    expect(new URL(page.url()).searchParams.get('q')).toBe('公积金提取');
    expect(await page.locator('.results-stats').innerText()).toMatch(/找到 \d+ 条相关结果.*用时 \d+ 毫秒/s);
    expect(await page.locator('.hit-passage mark').count()).toBeGreaterThan(0);

    const item = page.locator('.hit[data-kind="item"]').first();
    const title = await item.locator('.hit-title').innerText();
    await item.locator('.hit-title').click();

    await page.waitForURL(/\/entries\/[^?]+\?version=\d+&passage=\d+/);
    expect(await page.locator('h1.entry-title').innerText()).toBe(title);
    expect(await page.locator('.item-header').innerText()).toContain('事项名称');
    const materials = page.locator('#sec-materials');
    expect(await materials.locator('h2').innerText()).toContain('申请材料');
    const headers = await materials.locator('thead th').allInnerTexts();
    expect(headers).toEqual(expect.arrayContaining(['材料名称', '材料类型', '来源渠道', '必要性', '材料形式', '原件/复印件份数', '备注']));
    expect(await materials.locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    // codes are shown as the national labels, never as 1/10/20
    const firstRow = await materials.locator('tbody tr.ant-table-row').first().innerText();
    expect(firstRow).toMatch(/证件证书证明|申请表格文书|其他/);
    expect(firstRow).toMatch(/申请人自备|政府部门核发|其他/);
  });

  it('restores a shared search from the URL, kind filter included', async () => {
    await page.goto(`${app.url}/?${new URLSearchParams({ q: '公积金提取', kind: 'item' })}`);
    await page.locator('.results-stats').waitFor();
    expect(await page.getByRole('searchbox', { name: '搜索内容' }).inputValue()).toBe('公积金提取');
    const kinds = await page.locator('.hit .kind-tag').allInnerTexts();
    expect(kinds.length).toBeGreaterThan(0);
    expect(new Set(kinds)).toEqual(new Set(['办事指南']));
    expect(await page.locator('.kind-filter .ant-radio-button-wrapper-checked').innerText()).toBe('办事指南');
  });

  it('says so in Chinese when nothing matches', async () => {
    await searchFor('qwzxvbnmkj');
    expect(await page.locator('.results-empty').innerText()).toContain('未找到相关结果');
  });

  it('shows the server error message and a retry button when the search fails', async () => {
    await page.route('**/api/v1/search', (route) =>
      route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'UNAVAILABLE', message: '搜索服务正在维护' } }) }),
    );
    await searchFor('社保卡');
    const alert = await page.locator('.ant-alert-error').innerText();
    expect(alert).toContain('搜索失败');
    expect(alert).toContain('搜索服务正在维护');
    await page.unroute('**/api/v1/search');
    await page.getByRole('button', { name: '重试' }).click();
    await page.locator('.results-stats, .results-empty').first().waitFor();
    expect(await page.locator('.ant-alert-error').count()).toBe(0);
  });

  it('renders highlights as text: markup inside a passage is shown, not executed', async () => {
    const hit = {
      docId: 'x',
      kind: 'faq',
      title: '测试',
      version: 1,
      score: 1,
      passage: { id: 'x@1#0', label: 'answer', start: 0, end: 10, text: '', highlight: '答：&lt;img src=x onerror=alert(1)&gt; <mark>公积金</mark> &amp; 社保' },
    };
    await page.route('**/api/v1/search', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ hits: [hit], total: 1, tookMs: 3, terms: ['公积金'] }) }),
    );
    await searchFor('公积金');
    const passage = page.locator('.hit-passage');
    expect(await passage.innerText()).toBe('答：<img src=x onerror=alert(1)> 公积金 & 社保');
    expect(await passage.locator('mark').innerText()).toBe('公积金');
    expect(await passage.locator('img').count()).toBe(0);
  });
});
