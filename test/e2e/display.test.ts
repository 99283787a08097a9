/** 适老化大字版 and phone-sized screens. */
import { describe, expect, it } from 'vitest';
import { PHONE, useWebApp } from './support/harness.js';
import { fontSizePx, hasHorizontalScroll } from './support/page.js';

const app = useWebApp();
const QUERY = `/?${new URLSearchParams({ q: '公积金提取' })}`;

describe('large-font mode (大字版)', () => {
  it('scales the text up and survives a reload', async () => {
    const page = await app.newPage();
    await page.goto(app.url + QUERY);
    await page.locator('.hit-passage').first().waitFor();
    const before = { body: await fontSizePx(page, 'body'), passage: await fontSizePx(page, '.hit-passage') };

    await page.getByRole('switch', { name: '适老化大字版' }).click();
    const after = { body: await fontSizePx(page, 'body'), passage: await fontSizePx(page, '.hit-passage') };
    expect(after.body).toBeGreaterThanOrEqual(20);
    expect(after.body).toBeGreaterThanOrEqual(before.body * 1.2);
    expect(after.passage).toBeGreaterThanOrEqual(before.passage * 1.2);

    await page.reload();
    await page.locator('.hit-passage').first().waitFor();
    expect(await fontSizePx(page, '.hit-passage')).toBe(after.passage);
    expect(await page.getByRole('switch', { name: '适老化大字版' }).getAttribute('aria-checked')).toBe('true');

    await page.getByRole('switch', { name: '适老化大字版' }).click();
    await page.reload();
    await page.locator('.hit-passage').first().waitFor();
    expect(await fontSizePx(page, '.hit-passage')).toBe(before.passage);
  });
});

describe('phone screen (375 px)', () => {
  it('has no horizontal scroll on search results or the 办事指南, in both font sizes', async () => {
    const page = await app.newPage(PHONE);
    for (const large of [false, true]) {
      await page.goto(app.url + QUERY);
      await page.evaluate((on) => localStorage.setItem('xz.largeFont', on ? '1' : '0'), large);
      await page.reload();
      await page.locator('.hit-passage').first().waitFor();
      expect(await hasHorizontalScroll(page), `search page, large=${large}`).toBe(false);

      await page.locator('.hit[data-kind="item"] .hit-title').first().click();
      await page.locator('#sec-materials').waitFor();
      expect(await hasHorizontalScroll(page), `办事指南, large=${large}`).toBe(false);
      // on a phone the materials are cards, not a table that would need sideways scrolling
      expect(await page.locator('#sec-materials .material-card').count()).toBeGreaterThan(0);
    }
  });

  it('shows no entry of the knowledge base wider than the screen in large-font mode', { timeout: 180_000 }, async () => {
    const { items } = (await (await fetch(`${app.url}/api/v1/entries?limit=200`)).json()) as { items: { id: string }[] };
    expect(items.length).toBeGreaterThan(0);
    const page = await app.newPage(PHONE);
    await page.goto(app.url);
    await page.evaluate(() => localStorage.setItem('xz.largeFont', '1'));
    const tooWide: string[] = [];
    for (const { id } of items) {
      await page.goto(`${app.url}/entries/${encodeURIComponent(id)}`);
      await page.locator('.entry-main').waitFor();
      if (await hasHorizontalScroll(page)) tooWide.push(id);
    }
    expect(tooWide).toEqual([]);
  });
});
