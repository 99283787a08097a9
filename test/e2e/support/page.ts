/** Small page helpers shared by the browser tests. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * `expect.poll` with the patience of the page's own waits (15 s, harness.ts) instead of its 1 s
 * default: on a loaded machine a page can take longer than that to show a server's answer.
 */
export function eventually<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: 15_000 });
}

/** Whether the page scrolls sideways (content wider than the viewport). */
export function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

/** Whether an element is at least partly inside the visible viewport. */
export function isInViewport(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight && r.height > 0;
  }, selector);
}

export function fontSizePx(page: Page, selector: string): Promise<number> {
  return page.evaluate((sel) => parseFloat(getComputedStyle(document.querySelector(sel)!).fontSize), selector);
}
