/**
 * Guided service in the browser against the real server and the demo knowledge base: a
 * citizen opens 居民身份证换领, starts 办事引导, answers the 情形 questions (one by keyboard),
 * watches the personal checklist change with an answer, prints it, and continues from the
 * resume link in a fresh browser; 开办餐饮店一件事 asks shared questions once and lists a
 * document several departments need once; the flow fits a 375 px phone in 大字版; a knowledge
 * editor adds a question in the staff area, sees the check's error, saves a new version the guide asks.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createAccount, signIn } from './support/accounts.js';
import { PHONE, useWebApp } from './support/harness.js';
import { eventually, fontSizePx, hasHorizontalScroll } from './support/page.js';

const app = useWebApp();

const checklistMaterials = (page: Page) => page.locator('.guide-checklist .guide-material strong').allInnerTexts();
const currentQuestion = (page: Page) => page.locator('.guide-question-title').innerText();

/** Chooses an option of the current question and goes on, waiting for the next question or the finished list. */
async function choose(page: Page, question: string, option: string): Promise<void> {
  await eventually(() => currentQuestion(page)).toContain(question);
  await page.locator('.guide-question').getByRole('radio', { name: option, exact: true }).check();
  await page.getByRole('button', { name: '下一步' }).click();
  await eventually(async () => (await page.locator('.guide-question-title').count()) === 0 || !(await currentQuestion(page)).includes(question)).toBe(true);
}

describe('guided service', () => {
  it('answers the 情形 of 居民身份证换领, the checklist following each answer, then prints it and resumes from the link', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/entries/qh-item-001`);
    await page.getByRole('button', { name: '办事引导' }).click();
    await page.waitForURL(/\/guide\/[\w-]{20,}$/);
    await eventually(() => currentQuestion(page)).toContain('换领原因是什么？');
    expect(await page.locator('.guide-partial').innerText()).toContain('还有 4 个问题未回答');

    // keyboard: the option group is reached with Tab, chosen with the arrow keys, sent with Enter
    await page.locator('.guide-question').getByRole('radio', { name: '有效期满或国家决定换发' }).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    expect(await page.locator('.guide-question').getByRole('radio', { name: '有效期满或国家决定换发' }).isChecked()).toBe(true);
    await page.keyboard.press('Enter');
    await eventually(() => currentQuestion(page)).toContain('户籍是否在云州市？');

    await choose(page, '户籍是否在云州市？', '外省市户籍（跨省异地换领）');
    const promised = page.locator('.guide-checklist .guide-section', { hasText: '办理时限' });
    expect(await promised.innerText()).toContain('承诺办结时限：20个工作日');
    expect(await promised.innerText()).toContain('因：外省市户籍（跨省异地换领）');

    expect(await checklistMaterials(page)).not.toContain('监护人居民身份证');
    await choose(page, '申请人是否未满十六周岁？', '未满十六周岁');
    await eventually(() => checklistMaterials(page)).toContain('监护人居民身份证');
    const guardian = page.locator('.guide-material[data-material="监护人居民身份证"]');
    expect(await guardian.innerText()).toContain('因：未满十六周岁');

    await choose(page, '城市最低生活保障对象', '否');
    await page.locator('.guide-done').waitFor();
    expect(await page.locator('.guide-done').innerText()).toContain('您的个人办事清单已生成');
    expect(await page.locator('.guide-checklist').innerText()).toContain('居民身份证工本费（换领）：每证20元');
    expect(await page.locator('.guide-checklist').innerText()).not.toContain('每证40元');
    expect(await page.locator('.guide-source').innerText()).toContain('《居民身份证换领》办事指南 第1版');

    // print view: the checklist alone
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.guide-side').isVisible()).toBe(false);
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: '打印清单' }).isVisible()).toBe(false);
    expect(await page.locator('.guide-checklist').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });

    // the resume link, opened in a fresh browser (no cookies, no storage): the same answers and list
    const link = await page.getByTestId('resume-link').innerText();
    expect(link).toBe(page.url());
    const other = await app.newPage();
    await other.goto(link);
    await other.locator('.guide-done').waitFor();
    expect(await checklistMaterials(other)).toContain('监护人居民身份证');
    expect(await other.locator('.guide-steps').innerText()).toContain('外省市户籍（跨省异地换领）');
    // and a reload continues too
    await page.reload();
    await page.locator('.guide-done').waitFor();
    expect(await checklistMaterials(page)).toEqual(await checklistMaterials(other));
  });

  it('runs 开办餐饮店一件事: shared questions once, then the merged checklist with each document once', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/life-events`);
    const card = page.locator('.life-event-card[data-event="restaurant"]');
    expect(await card.innerText()).toContain('食品经营许可');
    await card.getByRole('button', { name: '开始办理' }).click();
    await page.waitForURL(/\/guide\//);
    await choose(page, '以什么主体开办？', '个体工商户');
    await choose(page, '是否同时零售卷烟？', '否');
    await choose(page, '是否委托他人代办？', '委托他人代办');
    await choose(page, '是个人经营还是家庭经营？', '个人经营');
    await choose(page, '是否选择告知承诺方式？', '是');
    await page.locator('.guide-done').waitFor();

    const proxy = page.locator('.guide-material[data-material="授权委托书"]');
    expect(await proxy.count()).toBe(1);
    const usedBy = await proxy.locator('.guide-needed-by').innerText();
    expect(usedBy).toContain('个体工商户设立登记');
    expect(usedBy).toContain('食品经营许可（新办）');
    const steps = await page.locator('.guide-event-step h4').allInnerTexts();
    expect(steps.map((s) => s.replace(/（.*$/, ''))).toEqual(['第1步：个体工商户设立登记', '第2步：新办纳税人登记信息确认', '第3步：食品经营许可', '第4步：排水许可']);
    // the answer to 委托他人代办 was asked once though three items need it
    expect(await page.locator('.guide-steps').innerText()).not.toMatch(/是否委托他人代办？[\s\S]*是否委托他人代办？/);
  });

  it('fits a 375 px phone in 大字版', async () => {
    const page = await app.newPage(PHONE);
    await page.goto(`${app.url}/entries/qh-item-036/guide`);
    await page.waitForURL(/\/guide\//);
    await page.getByTestId('large-font-toggle').click();
    await eventually(() => fontSizePx(page, '.guide-question .ant-radio-wrapper')).toBeGreaterThanOrEqual(20);
    await choose(page, '双方是否有过婚史？', '有离婚或丧偶经历');
    await eventually(() => currentQuestion(page)).toContain('能否联网查询到');
    expect(await hasHorizontalScroll(page)).toBe(false);
  });

  it('lets a knowledge editor add a 情形 question: an indistinguishable option is refused, the saved version is asked in the guide', async () => {
    await createAccount(app.server, { name: 'civil-editor', password: 'Editor-Passw0rd!', role: 'knowledge-editor', department: '青禾区民政局' });
    const page = await app.newPage();
    await signIn(page, app.url, 'civil-editor', 'Editor-Passw0rd!');
    await page.waitForURL(/\/admin\/\w+/);
    await page.goto(`${app.url}/admin/items`);
    await page.getByRole('link', { name: '编辑情形' }).first().waitFor();
    await page.goto(`${app.url}/admin/items/qh-item-036/situations`);
    await page.locator('.sit-question').first().waitFor();
    const before = await page.locator('.sit-question').count();

    await page.getByRole('button', { name: '增加问题' }).click();
    const card = page.locator('.sit-question').nth(before);
    await card.getByLabel(`问题${before + 1}内容`).fill('是否需要颁证仪式服务？');
    await page.getByRole('button', { name: '保存为新版本' }).click();
    const errors = page.locator('.sit-errors');
    await errors.waitFor();
    expect(await errors.innerText()).toContain(`问题${before + 1} / 选项1`);
    expect(await errors.innerText()).toContain('没有任何效果');

    await card.locator('.sit-option[data-option="1"]').getByLabel('选项说明').fill('可在线预约颁证仪式，免费提供');
    await page.getByLabel('修改说明').fill('增加颁证服务情形');
    await page.getByRole('button', { name: '保存为新版本' }).click();
    await page.locator('.sit-saved').waitFor();
    expect(await page.locator('.sit-saved').innerText()).toContain('现为第 2 版');

    await page.goto(`${app.url}/entries/qh-item-036/guide`);
    await choose(page, '双方是否有过婚史？', '均为初婚');
    await choose(page, '是否需要颁证仪式服务？', '是');
    await page.locator('.guide-done').waitFor();
    expect(await page.locator('.guide-checklist').innerText()).toContain('可在线预约颁证仪式，免费提供');
    expect(await page.locator('.guide-source').innerText()).toContain('第2版');
  });
});
