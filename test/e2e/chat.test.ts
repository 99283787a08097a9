/**
 * 问小政 in the browser against the real server, answer engine and demo knowledge base: a
 * citizen asks about 居民身份证换领, reads the answer with its numbered sources, follows up
 * ("那要多久？"), rates the answer, keeps the conversation across a reload; the widget script
 * on another page opens the same chat in a frame.
 */
import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseOfficeHours } from '../../src/assistant/handoff.hours.js';
import { PHONE, useWebApp } from './support/harness.js';
import { eventually, fontSizePx, hasHorizontalScroll } from './support/page.js';

// live agents around the clock, so a handoff never depends on when the tests run
const app = useWebApp({ env: { XZ_OFFICE_HOURS: 'always' } });

type Surface = Page | Frame;

/** Types a question, sends it with Enter and waits for the assistant's complete answer. */
async function ask(surface: Surface, question: string): Promise<string> {
  // stored answers: the rating appears once the answer is complete and has its id
  const answers = surface.locator('.chat-msg[data-role="assistant"]:has(.chat-feedback)');
  const before = await answers.count();
  const box = surface.getByRole('textbox', { name: '输入您的问题' });
  await box.fill(question);
  await box.press('Enter');
  await surface.locator('.chat-msg[data-role="citizen"]', { hasText: question }).last().waitFor();
  await answers.nth(before).waitFor();
  return answers.nth(before).locator('.chat-text').innerText();
}

describe('citizen chat', () => {
  it('answers about 居民身份证换领 with cited sources, resolves the follow-up, and keeps the conversation across a reload', async () => {
    const page = await app.newPage(PHONE);
    const streamed: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/v1/chat') && r.method() === 'POST') streamed.push(r.headers()['accept'] ?? '');
    });
    await page.goto(app.url);
    await page.getByRole('link', { name: '问小政' }).click();
    await page.waitForURL(/\/chat$/);
    // the chat page renders after the URL changes (a lazily loaded route): wait for it
    await eventually(() => page.locator('h1').innerText()).toBe('问小政');
    // the question box has the focus: a keyboard user can type at once
    await eventually(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('输入您的问题');

    const first = await ask(page, '身份证换领需要什么材料？');
    expect(first).toContain('原居民身份证');
    expect(first).toContain('居民户口簿');
    const answer = page.locator('.chat-msg[data-role="assistant"]').last();
    const chips = answer.getByTestId('citation-chip');
    expect(await chips.count()).toBeGreaterThan(0);
    expect(await chips.first().innerText()).toMatch(/^1\s*居民身份证换领 · 申请材料/);

    // a source opens to its quoted text and a link to the cited passage of that version
    await chips.first().click();
    expect(await chips.first().getAttribute('aria-expanded')).toBe('true');
    const detail = answer.getByTestId('citation-detail');
    expect(await detail.locator('.citation-quote').innerText()).toContain('原居民身份证（原件1份');
    const link = detail.getByRole('link', { name: '查看原文' });
    await expect.poll(() => link.getAttribute('href')).toMatch(/^\/entries\/qh-item-001\?version=1&passage=\d+$/);

    // the follow-up is understood in the conversation: the same item's time limit
    const second = await ask(page, '那要多久？');
    expect(second).toContain('15个工作日');
    expect(await page.locator('.chat-msg[data-role="assistant"]').last().getByTestId('citation-chip').first().innerText()).toContain('居民身份证换领');
    // every question went as a stream
    expect(streamed).toEqual(['text/event-stream', 'text/event-stream']);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('输入您的问题');
    expect(await page.locator('.chat-log').getAttribute('aria-live')).toBe('polite');

    // follow-up suggestions are quick replies that ask at once
    const quick = page.locator('.chat-quick').getByRole('button', { name: '在哪里办？' });
    await quick.click();
    await page.locator('.chat-msg[data-role="citizen"]', { hasText: '在哪里办？' }).waitFor();
    await page.locator('.chat-msg[data-role="assistant"]').nth(2).locator('.chat-feedback').waitFor();
    expect(await page.locator('.chat-msg[data-role="assistant"]').nth(2).innerText()).toMatch(/青禾区|政务服务中心|派出所/);

    // 没用 asks why, then thanks
    const rated = page.locator('.chat-msg[data-role="assistant"]').nth(1);
    await rated.getByRole('button', { name: '没用' }).click();
    await rated.getByRole('radio', { name: '信息不完整' }).check();
    await rated.getByRole('textbox', { name: '补充说明' }).fill('没说能不能邮寄');
    const feedback = page.waitForResponse((r) => r.url().includes('/feedback') && r.request().method() === 'POST');
    await rated.getByRole('button', { name: '提交' }).click();
    const sent = await feedback;
    expect(sent.status()).toBe(200);
    expect(sent.request().postDataJSON()).toEqual({ useful: false, reason: '信息不完整：没说能不能邮寄' });
    await rated.getByText('感谢反馈').waitFor();
    expect(await hasHorizontalScroll(page)).toBe(false);

    // a reload continues the same conversation
    await page.reload();
    await page.locator('.chat-msg[data-role="citizen"]', { hasText: '那要多久？' }).waitFor();
    expect(await page.locator('.chat-msg[data-role="citizen"]').allInnerTexts()).toEqual(['身份证换领需要什么材料？', '那要多久？', '在哪里办？']);
    await rated.getByText('感谢反馈').waitFor();

    // 新对话 starts afresh: the next question is not read as a follow-up
    await page.getByRole('button', { name: '新对话' }).click();
    expect(await page.locator('.chat-msg[data-role="citizen"]').count()).toBe(0);
    expect(await page.locator('.chat-msg[data-role="assistant"]').innerText()).toContain('您好，我是小政');
    expect(await page.evaluate(() => sessionStorage.getItem('xz.chat'))).toBeNull();
  });

  it('offers the candidates as quick replies when a question is ambiguous, and is readable in 大字版', async () => {
    const page = await app.newPage(PHONE);
    await page.goto(`${app.url}/chat`);
    await page.getByTestId('large-font-toggle').click();
    const text = await ask(page, '公积金怎么提取');
    expect(text).toContain('您问的是下面哪一项');
    const options = page.locator('.chat-quick button');
    expect(await options.count()).toBeGreaterThanOrEqual(2);
    expect(await options.allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('住房公积金提取')]));
    expect(await fontSizePx(page, '.chat-msg[data-role="assistant"] .chat-text')).toBeGreaterThanOrEqual(20);
    expect(await hasHorizontalScroll(page)).toBe(false);

    const choice = (await options.first().innerText()).trim();
    await options.first().click();
    await page.locator('.chat-msg[data-role="citizen"]', { hasText: choice }).waitFor();
    const answer = page.locator('.chat-msg[data-role="assistant"]').last();
    await answer.locator('.chat-feedback').waitFor();
    expect(await answer.getByTestId('citation-chip').first().innerText()).toContain('住房公积金提取');
  });

  it('shows the handoff as it happens: queued for a person, with the notice in the conversation', async () => {
    const page = await app.newPage(PHONE);
    await page.goto(`${app.url}/chat`);
    const box = page.getByRole('textbox', { name: '输入您的问题' });
    await box.fill('我要转人工');
    await box.press('Enter');
    expect(await page.getByTestId('chat-status').innerText()).toContain('正在为您转接人工坐席');
    await page.locator('.chat-msg[data-role="system"]', { hasText: '正在为您转接人工客服' }).waitFor();
    // with a person on the way the 转人工 button has nothing more to do
    expect(await page.getByRole('button', { name: '转人工' }).isDisabled()).toBe(true);
  });
  it('puts the emergency number first, as a link a phone dials', async () => {
    const page = await app.newPage(PHONE);
    await page.goto(`${app.url}/chat`);
    await ask(page, '我家厨房着火了，怎么办');
    const call = page.locator('.chat-msg[data-role="assistant"]').last().getByRole('link', { name: /119/ });
    expect(await call.getAttribute('href')).toBe('tel:119');
    // the first thing in the answer, above its text
    expect(await page.locator('.chat-msg[data-role="assistant"]').last().locator('.chat-bubble > :first-child').getAttribute('class')).toBe('chat-emergency-calls');
  });

  it('outside office hours offers a callback request instead of the queue, checking the number first', async () => {
    const { settings } = app.server.ctx.assistant;
    const hours = settings.officeHours;
    // the services share one settings object: no live agents for the length of this test
    settings.officeHours = parseOfficeHours('never');
    try {
      const page = await app.newPage(PHONE);
      await page.goto(`${app.url}/chat`);
      const box = page.getByRole('textbox', { name: '输入您的问题' });
      await box.fill('我要转人工');
      await box.press('Enter');
      const form = page.getByTestId('callback-form');
      await form.waitFor();
      await page.locator('.chat-msg[data-role="system"]', { hasText: '现在是非工作时间' }).waitFor();
      expect(await page.getByTestId('chat-status').count()).toBe(0);

      await form.getByLabel('姓名').fill('张小明');
      await form.getByLabel('联系电话').fill('12345');
      await form.getByRole('button', { name: '提交回电请求' }).click();
      await form.getByText('请填写正确的手机号码或带区号的固定电话').waitFor();

      await form.getByLabel('联系电话').fill('138 0013 8000');
      await form.getByLabel('想咨询的问题（选填）').fill('身份证邮寄到外地');
      await form.getByRole('button', { name: '提交回电请求' }).click();
      const notice = page.locator('.chat-msg[data-role="system"]', { hasText: '已收到您的回电请求' });
      await notice.waitFor();
      // the number is shown back masked, never in full
      expect(await notice.innerText()).toContain('138****8000');
      await form.waitFor({ state: 'detached' });
      // and the offer does not come back after a reload
      await page.reload();
      await notice.waitFor();
      expect(await page.getByTestId('callback-form').count()).toBe(0);
    } finally {
      settings.officeHours = hours;
    }
  });
});

describe('embeddable widget', () => {
  it('puts a 小政 button on another page that opens the chat in a frame, where questions get cited answers', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/widget-demo.html`);
    expect(await page.locator('pre code').innerText()).toContain('/widget.js');
    const button = page.getByRole('button', { name: '打开小政智能咨询' });
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    await button.click();
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    const panel = page.getByRole('dialog', { name: '小政 政务咨询' });
    await panel.waitFor();
    const frameEl = panel.locator('iframe');
    expect(await frameEl.getAttribute('src')).toBe(`${app.url}/chat?embed=1`);
    const frame = (await (await frameEl.elementHandle())!.contentFrame())!;
    await frame.waitForLoadState();
    // the compact layout: the chat alone, no site header
    await frame.getByRole('textbox', { name: '输入您的问题' }).waitFor();
    expect(await frame.locator('.site-header').count()).toBe(0);

    const text = await ask(frame, '身份证换领需要什么材料？');
    expect(text).toContain('原居民身份证');
    const chip = frame.getByTestId('citation-chip').first();
    await chip.click();
    // in the small frame the source opens in a new window
    expect(await frame.getByRole('link', { name: '查看原文（新窗口）' }).getAttribute('target')).toBe('_blank');

    // the widget's close button hides the panel and gives the focus back to the 小政 button
    await panel.getByRole('button', { name: '关闭咨询窗口' }).click();
    expect(await panel.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('xiaozheng-widget-button');
  });
});
