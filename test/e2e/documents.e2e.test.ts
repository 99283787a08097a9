/**
 * 公文写作 in the browser: a drafter drafts a 请示 from its key points, sees the checker flag a
 * 发文字号 written with square brackets the moment it is typed, applies the suggested fix,
 * previews the printed pages, downloads the .docx, saves the draft and submits it for 核稿;
 * a colleague 核稿 it and the director 签发 it, each step in the flow; a 批复 drafted from the
 * stored 请示 cites its title and 字号.
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth/actor.js';
import { createAccount, signIn } from './support/accounts.js';
import { DESKTOP, useWebApp } from './support/harness.js';
import { eventually } from './support/page.js';

const DRAFTER = { name: 'nigao-chen', displayName: '陈拟稿', password: 'Drafter-Pass-2026', role: 'drafter' as Role, department: '青禾区民政局' };
const CHECKER = { name: 'hegao-zhou', displayName: '周核稿', password: 'Checker-Pass-2026', role: 'drafter' as Role, department: '青禾区民政局' };
const LEADER = { name: 'juzhang-li', displayName: '李局长', password: 'Leader-Pass-2026', role: 'leader' as Role, department: '青禾区民政局' };

const app = useWebApp({
  async seed(server) {
    for (const who of [DRAFTER, CHECKER, LEADER]) await createAccount(server, who);
  },
});

async function staffPage(who: { name: string; password: string }): Promise<Page> {
  const page = await app.newPage(DESKTOP);
  await signIn(page, app.url, who.name, who.password);
  await page.waitForURL(/\/admin\//);
  return page;
}

const findingRules = (page: Page) => page.getByTestId('finding').evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')));
const text = (page: Page) => page.getByTestId('document-text').inputValue();

describe('公文写作', () => {
  it('drafts a 请示, fixes a wrong 发文字号 from its finding, exports the .docx; 核稿 and 签发 follow; a 批复 cites it', async () => {
    const page = await staffPage(DRAFTER);
    await page.getByRole('link', { name: '公文', exact: true }).click();
    await page.waitForURL(/\/documents$/);
    await page.getByRole('button', { name: '起草公文' }).click();
    await page.waitForURL(/\/documents\/new$/);

    await page.getByLabel('文种').fill('请示');
    await page.locator('.ant-select-item-option', { hasText: '请示（上行文）' }).click();
    const form = page.getByTestId('draft-form');
    await form.getByLabel('发文机关').fill('青禾区民政局');
    await form.getByLabel('发文字号').fill('青民〔2026〕5号');
    await form.getByLabel('签发人').fill('李明');
    await form.getByLabel('事由').fill('申请困难群众临时救助资金');
    await form.getByLabel('主送机关').fill('青禾区人民政府');
    await form.getByLabel('请示缘由').fill('今年以来我区因病因灾陷入临时困难的群众明显增多，现有临时救助资金已不足以保障发放');
    await form.getByLabel('请示事项').fill('追加临时救助资金30万元');
    await form.getByRole('button', { name: '生成草稿' }).click();

    // the template's draft, in the conventional form of a 请示, passes the checker
    await eventually(() => text(page)).toContain('妥否，请批示。');
    expect(await text(page)).toContain('青民〔2026〕5号');
    await page.getByTestId('findings').getByText('未发现问题').waitFor();
    // the printed pages: the red 发文机关标志 on the first
    const preview = page.getByTestId('paged-preview');
    await preview.getByText('青禾区民政局', { exact: true }).first().waitFor();
    expect(await page.getByTestId('preview-page').count()).toBeGreaterThanOrEqual(1);

    // square brackets in the 字号 are flagged as soon as the user stops typing
    await page.getByTestId('document-text').fill((await text(page)).replace('〔2026〕', '[2026]'));
    await eventually(() => findingRules(page)).toContain('doc-number');
    const finding = page.locator('[data-testid="finding"][data-rule="doc-number"]').first();
    await expect(finding.innerText()).resolves.toContain('发文字号');
    // clicking the finding selects the wrong 字号 in the text
    await finding.click();
    const selection = await page.getByTestId('document-text').evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd));
    expect(selection).toContain('[2026]');
    await finding.getByRole('button', { name: '改正' }).click();
    await eventually(() => text(page)).toContain('青民〔2026〕5号');
    await eventually(() => findingRules(page)).not.toContain('doc-number');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Word（.docx）' }).click()]);
    expect(download.suggestedFilename()).toBe('青禾区民政局关于申请困难群众临时救助资金的请示.docx');
    const file = await download.path();
    expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe('PK');

    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.waitForURL(/\/documents\/GW/);
    await expect(page.getByTestId('document-status').innerText()).resolves.toBe('拟稿');
    await page.getByRole('button', { name: '提交核稿' }).click();
    await eventually(() => page.getByTestId('document-status').innerText()).toBe('待核稿');
    const url = page.url();

    // 核稿 by a colleague, 签发 by the director, both in the flow
    const checker = await staffPage(CHECKER);
    await checker.goto(url);
    await checker.getByRole('button', { name: '核稿通过' }).click();
    await eventually(() => checker.getByTestId('document-status').innerText()).toBe('已核稿（待签发）');
    const leader = await staffPage(LEADER);
    await leader.goto(`${app.url}/documents`);
    await leader.getByRole('link', { name: '青禾区民政局关于申请困难群众临时救助资金的请示' }).click();
    await leader.getByRole('button', { name: '签发' }).click();
    await eventually(() => leader.getByTestId('document-status').innerText()).toBe('已签发');
    for (const step of ['拟稿', '提交核稿', '核稿通过', '签发']) await leader.locator('.ant-timeline-item', { hasText: step }).first().waitFor();

    // a 批复 started from the stored 请示 cites it
    await page.reload();
    await page.getByRole('button', { name: '起草批复' }).click();
    await page.waitForURL(/\/documents\/new\?reply=/);
    const reply = page.getByTestId('draft-form');
    await reply.getByLabel('发文机关').fill('云州市青禾区人民政府');
    await reply.getByLabel('批复意见').fill('同意追加临时救助资金30万元');
    await reply.getByRole('button', { name: '生成草稿' }).click();
    await eventually(() => text(page)).toContain('青民〔2026〕5号');
    expect(await text(page)).toContain('《关于申请困难群众临时救助资金的请示》（青民〔2026〕5号）收悉');
  });
});
