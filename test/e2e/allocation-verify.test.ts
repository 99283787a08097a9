/**
 * The standalone verifier page (web/public/allocation-verify.html and .js) opened from file://
 * in Chromium, with no server: it accepts
 * the export of a real round (run through the services on a throwaway database) and rejects
 * a copy whose results were swapped, naming the applicants, and a file that no longer
 * matches the commitment published before the draw.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulateRound } from '../../src/allocation/simulate.js';
import type { AllocationExport } from '../../src/allocation/verify.js';
import { createAppContext } from '../../src/app-context.js';
import { loadEnv, packageRoot } from '../../src/config/env.js';
import { launchBrowser } from './support/browser.js';

const PAGE = pathToFileURL(path.join(packageRoot(), 'web/public/allocation-verify.html')).href;

describe('standalone allocation verifier page (file://)', () => {
  let browser: Browser;
  let data: AllocationExport;

  beforeAll(async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xz-e2e-alloc-'));
    const ctx = await createAppContext(loadEnv({ XZ_DATA_DIR: dataDir, XZ_DEMO_DATA: 'false', XZ_LOG_LEVEL: 'silent' }), { searchIndex: false });
    try {
      data = await simulateRound(ctx.allocation, ctx.auth.clock, { applicants: 60, slots: 10, seed: 'e2e-verifier', publicValue: '公证处现场摇号 739215' });
    } finally {
      await ctx.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function verify(page: Page, file: unknown, commitment = ''): Promise<{ ok: string | null; text: string; details: string }> {
    await page.goto(PAGE);
    await page.getByLabel('抽签前公布的承诺值').fill(commitment);
    await page.getByLabel('校验文件').setInputFiles({ name: 'round.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    const verdict = page.locator('#verdict[data-ok]');
    await verdict.waitFor();
    return { ok: await verdict.getAttribute('data-ok'), text: await verdict.innerText(), details: await page.locator('#details').innerText() };
  }

  it('accepts a real export and rejects tampered ones, offline', async () => {
    const context = await browser.newContext({ offline: true, locale: 'zh-CN' });
    const requests: string[] = [];
    context.on('request', (r) => requests.push(r.url()));
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);

    const good = await verify(page, data, data.commitment);
    expect(good.ok).toBe('true');
    expect(good.text).toContain(`${data.qualified.length} 名合格申请人，10 个名额，10 人入选`);
    expect(good.details).toContain(`名单哈希一致：${data.listHash}`);

    const swapped = structuredClone(data);
    const [a, b] = [swapped.results[0]!, swapped.results[5]!];
    [a.applicationNo, b.applicationNo] = [b.applicationNo, a.applicationNo];
    const bad = await verify(page, swapped);
    expect(bad.ok).toBe('false');
    expect(bad.text).toContain('校验未通过');
    expect(bad.details).toContain(`申请编号 ${a.applicationNo} 的排位为 1，重算应为 6`);

    const otherValue = await verify(page, { ...data, publicValue: '公证处现场摇号 739216' });
    expect(otherValue.ok).toBe('false');
    expect(otherValue.details).toContain('种子不符');

    const regenerated = await verify(page, data, '0'.repeat(64));
    expect(regenerated.ok).toBe('false');
    expect(regenerated.details).toContain('抽签前公布的承诺值');

    // the page and its script beside it, nothing else
    expect(new Set(requests)).toEqual(new Set([PAGE, PAGE.replace(/\.html$/, '.js')]));
    await context.close();
  });
});
