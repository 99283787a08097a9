/**
 * The entry page: a law opened from a search hit shows that article highlighted and scrolled
 * into view; the version history opens older versions, marked as no longer in force.
 */
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildLaw, buildLawFirstVersion, buildPolicy } from './support/fixtures.js';
import { useWebApp } from './support/harness.js';
import { isInViewport } from './support/page.js';

const LAW = buildLaw() as { id: string; title: string };

const app = useWebApp({
  async seed(server) {
    await server.ctx.knowledge.upsert([buildLawFirstVersion()], { note: '首次发布' });
    await server.ctx.knowledge.upsert([buildLaw()], { note: '2021年修订' });
    await server.ctx.knowledge.upsert([buildPolicy()]);
  },
});
let page: Page;

beforeEach(async () => {
  page = await app.newPage({ width: 1280, height: 720 });
});

async function openLawFromSearch(): Promise<string> {
  await page.goto(`${app.url}/?${new URLSearchParams({ q: '缴存基数 最低工资标准', kind: 'law' })}`);
  const hit = page.locator('.hit', { has: page.getByRole('link', { name: LAW.title }) }).first();
  const label = await hit.locator('.hit-label').innerText();
  await hit.getByRole('link', { name: LAW.title }).click();
  await page.waitForURL(/passage=\d+/);
  await page.locator('[data-hit="true"]').waitFor();
  return label;
}

describe('entry page', () => {
  it('highlights the article a law hit points at and scrolls it into view', async () => {
    const label = await openLawFromSearch();
    expect(label).toContain('第十二条');
    const hit = page.locator('.passage[data-hit="true"]');
    expect(await hit.count()).toBe(1);
    expect(await hit.getAttribute('data-label')).toBe(label);
    expect(await hit.innerText()).toContain('月缴存基数不低于本市上年度最低工资标准');
    expect(await isInViewport(page, '.passage[data-hit="true"]')).toBe(true);
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    // the law's metadata heads the page
    const meta = await page.locator('.policy-meta').innerText();
    expect(meta).toContain('云政规〔2021〕3号');
    expect(meta).toContain('云州市人民政府');
    expect(meta).toContain('现行有效');
  });

  it('lists the versions and opens an older one marked 历史版本，非现行有效', async () => {
    await page.goto(`${app.url}/entries/${LAW.id}`);
    const history = page.locator('.history-card');
    await history.locator('.version').first().waitFor();
    expect(await history.locator('.version').count()).toBe(2);
    expect(await page.locator('.not-in-force').count()).toBe(0);

    await history.getByRole('link', { name: '查看第 1 版' }).click();
    await page.waitForURL(/version=1/);
    await page.locator('.not-in-force').waitFor();
    expect(await page.locator('.not-in-force').innerText()).toContain('历史版本，非现行有效');
    expect(await page.locator('.policy-text').innerText()).toContain('不低于本市上年度职工月平均工资的60%');

    await page.getByRole('button', { name: '查看现行版本' }).click();
    await page.waitForURL((u) => !u.search.includes('version=1'));
    await page.locator('.policy-text').waitFor();
    expect(await page.locator('.not-in-force').count()).toBe(0);
    expect(await page.locator('.policy-text').innerText()).toContain('不低于本市上年度最低工资标准');
  });

  it('lays a policy out once even though its passages overlap, highlighting a whole window hit', async () => {
    const entry = (await (await fetch(`${app.url}/api/v1/entries/e2e-policy-sections`)).json()) as { passages: { seq: number; start: number; end: number }[] };
    // a search window spans two neighbouring sections (src/knowledge/passages.ts)
    const window = entry.passages.find((w) => entry.passages.filter((p) => p !== w && p.start >= w.start && p.end <= w.end).length === 2);
    expect(window).toBeDefined();
    await page.goto(`${app.url}/entries/e2e-policy-sections?passage=${window!.seq}`);
    await page.locator('.passage[data-hit="true"]').waitFor();
    const text = await page.locator('.policy-text').innerText();
    for (const section of ['一、简化开户', '二、按月缴存', '三、便捷提取']) expect(text.split(section).length - 1, section).toBe(1);
    expect(await page.locator('.passage.is-hit').count()).toBe(2);
  });

  it('says in Chinese when an entry does not exist', async () => {
    await page.goto(`${app.url}/entries/no-such-entry`);
    expect(await page.locator('.ant-result').innerText()).toContain('未找到该内容');
  });
});
