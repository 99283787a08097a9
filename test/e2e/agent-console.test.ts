/**
 * The people behind 问小政, in two browsers at once: a citizen asks for a person, an agent
 * signed in to the console takes the conversation (seeing what the assistant already
 * answered, sources included), replies, and the citizen reads the reply live in the same chat;
 * a session another agent took first says so; the knowledge manager turns an unanswered
 * question into an FAQ draft.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseOfficeHours } from '../../src/assistant/handoff.hours.js';
import type { Actor, Role } from '../../src/auth/actor.js';
import { createAccount, signIn as signInAt } from './support/accounts.js';
import { DESKTOP, PHONE, useWebApp } from './support/harness.js';

const AGENT = { name: 'zuoxi-wang', password: 'Agent-Pass-2026', role: 'agent' as Role, department: '青禾区12345政务服务便民热线中心' };
const OTHER_AGENT = { name: 'zuoxi-li', password: 'Agent-Pass-2027', role: 'agent' as Role, department: '青禾区12345政务服务便民热线中心' };
// an FAQ draft belongs to no department yet: an editor of the district government may open it
const EDITOR = { name: 'bianji-chen', password: 'Editor-Pass-2026', role: 'knowledge-editor' as Role, department: '云州市青禾区人民政府' };
let otherAgent: Actor;

// live agents around the clock, so a handoff goes to the queue whenever the tests run
const app = useWebApp({
  env: { XZ_OFFICE_HOURS: 'always' },
  async seed(server) {
    await createAccount(server, AGENT);
    await createAccount(server, EDITOR);
    const other = await createAccount(server, OTHER_AGENT);
    otherAgent = { kind: 'user', userId: String(other.id), name: other.name, role: 'agent', departmentId: other.departmentId === null ? null : String(other.departmentId), via: 'session' };
  },
});

async function signIn(page: Page, u: { name: string; password: string }): Promise<void> {
  await signInAt(page, app.url, u.name, u.password);
  await page.waitForURL(/\/admin\//);
}

async function citizenSays(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: '输入您的问题' });
  await box.fill(text);
  await box.press('Enter');
  await page.locator('.chat-msg[data-role="citizen"]', { hasText: text }).waitFor();
}

const sessionOf = (page: Page) => page.evaluate(() => (JSON.parse(sessionStorage.getItem('xz.chat') ?? '{}') as { sessionId?: string }).sessionId);

describe('agent console', () => {
  it('an agent takes a handed-off conversation with its history and the citizen reads the reply live', async () => {
    const citizen = await app.newPage(PHONE);
    await citizen.goto(`${app.url}/chat`);
    await citizenSays(citizen, '身份证换领需要什么材料？');
    await citizen.locator('.chat-msg[data-role="assistant"] .chat-feedback').first().waitFor();
    await citizenSays(citizen, '我要转人工');
    expect(await citizen.getByTestId('chat-status').innerText()).toContain('正在为您转接人工坐席');

    const agent = await app.newPage(DESKTOP);
    await signIn(agent, AGENT);
    // an agent's staff area opens on the console
    await agent.waitForURL(/\/admin\/agent$/);
    const waiting = agent.getByTestId('agent-queue').getByTestId('queue-item').filter({ hasText: '我要转人工' });
    expect(await waiting.innerText()).toMatch(/已等待 \d+ (秒|分)/);
    // the citizen's first question leads, the latest message under it; the tab counts who waits
    await waiting.locator('.agent-queue-first', { hasText: '身份证换领需要什么材料？' }).waitFor();
    expect(await agent.title()).toContain('（1人排队）');
    await waiting.getByRole('button', { name: '接入' }).click();

    // the whole conversation so far, the assistant's answer with its source
    const transcript = agent.getByTestId('agent-transcript');
    await transcript.locator('.chat-msg[data-role="system"]', { hasText: '人工客服已接入' }).waitFor();
    expect(await transcript.locator('.chat-msg[data-role="citizen"]').allInnerTexts()).toEqual([
      expect.stringContaining('身份证换领需要什么材料？'),
      expect.stringContaining('我要转人工'),
    ]);
    const botAnswer = transcript.locator('.chat-msg[data-role="assistant"]').first();
    expect(await botAnswer.innerText()).toContain('原居民身份证');
    expect(await botAnswer.getByTestId('citation-chip').first().innerText()).toContain('居民身份证换领');
    expect(new URL(agent.url()).searchParams.get('session')).toBe(await sessionOf(citizen));
    await agent.getByTestId('agent-mine').getByTestId('queue-item').filter({ hasText: '我要转人工' }).waitFor();

    // the citizen sees the agent arrive, then the reply, without reloading
    await citizen.getByTestId('chat-status').filter({ hasText: '人工客服已接入' }).waitFor();
    const reply = '您好，我是人工客服。换领身份证可以选择邮寄送达，不用再跑一趟。';
    const box = transcript.getByRole('textbox', { name: '回复内容' });
    await box.fill(reply);
    await box.press('Enter');
    await transcript.locator('.chat-msg[data-role="agent"]', { hasText: reply }).waitFor();
    const agentMessage = citizen.locator('.chat-msg[data-role="agent"]');
    await agentMessage.filter({ hasText: reply }).waitFor();
    expect(await agentMessage.locator('.chat-speaker').innerText()).toBe('人工客服');

    // the citizen's answer goes to the agent, shown once on each side
    await citizenSays(citizen, '好的，谢谢！邮寄要多久？');
    await transcript.locator('.chat-msg[data-role="citizen"]', { hasText: '邮寄要多久' }).waitFor();
    await citizen.waitForTimeout(1500);
    expect(await citizen.locator('.chat-msg[data-role="citizen"]', { hasText: '邮寄要多久' }).count()).toBe(1);
    expect(await transcript.locator('.chat-msg[data-role="citizen"]', { hasText: '邮寄要多久' }).count()).toBe(1);

    // closing ends the service on both sides
    await transcript.getByRole('button', { name: '结束服务' }).click();
    await agent.locator('.ant-popconfirm').getByRole('button', { name: '结束' }).click();
    await citizen.locator('.chat-msg[data-role="system"]', { hasText: '本次人工服务已结束' }).waitFor();
    await citizen.getByTestId('chat-status').filter({ hasText: '人工服务已结束' }).waitFor();
    await transcript.getByText('会话已结束，仅可查看。').waitFor();
  });

  it('says so when another agent took the conversation first', async () => {
    const citizen = await app.newPage(PHONE);
    await citizen.goto(`${app.url}/chat`);
    await citizenSays(citizen, '转人工');
    await citizen.getByTestId('chat-status').filter({ hasText: '正在为您转接人工坐席' }).waitFor();
    const sessionId = (await sessionOf(citizen))!;

    const agent = await app.newPage(DESKTOP);
    await signIn(agent, AGENT);
    await agent.goto(`${app.url}/admin/agent`);
    const waiting = agent.getByTestId('queue-item').filter({ has: agent.locator('.agent-queue-preview', { hasText: /^转人工$/ }) });
    await waiting.waitFor();

    // meanwhile a colleague takes it
    await app.server.ctx.assistant.handoff.take(otherAgent, sessionId);
    await waiting.getByRole('button', { name: '接入' }).click();
    await agent.locator('.ant-message').getByText('该会话已由其他坐席接入').waitFor();
    await waiting.waitFor({ state: 'detached' });

    // opened anyway, the conversation is read-only for this agent
    await agent.goto(`${app.url}/admin/agent?session=${encodeURIComponent(sessionId)}`);
    await agent.getByTestId('agent-transcript').getByText('该会话由其他坐席服务中，仅可查看。').waitFor();
    expect(await agent.getByRole('textbox', { name: '回复内容' }).count()).toBe(0);
  });
  it('still brings the agent\'s reply where the event stream is blocked, by polling', async () => {
    const citizen = await app.newPage(PHONE);
    // a proxy that will not hold a stream open
    await citizen.route(/\/events(\?|$)/, (route) => route.fulfill({ status: 502, contentType: 'text/plain', body: 'Bad Gateway' }));
    await citizen.goto(`${app.url}/chat`);
    await citizenSays(citizen, '我要人工服务');
    await citizen.getByTestId('chat-status').filter({ hasText: '正在为您转接人工坐席' }).waitFor();
    const sessionId = (await sessionOf(citizen))!;

    const { handoff } = app.server.ctx.assistant;
    await handoff.take(otherAgent, sessionId);
    await handoff.reply(otherAgent, sessionId, '您好，这里是人工客服小李。');
    await citizen.locator('.chat-msg[data-role="agent"]', { hasText: '您好，这里是人工客服小李。' }).waitFor();
    await citizen.getByTestId('chat-status').filter({ hasText: '人工客服已接入' }).waitFor();
    await handoff.close(otherAgent, sessionId, undefined);
    await citizen.getByTestId('chat-status').filter({ hasText: '人工服务已结束' }).waitFor();
  });

  it('lists callback requests masked, shows a number in full on request, and marks one called back', async () => {
    const { settings } = app.server.ctx.assistant;
    const hours = settings.officeHours;
    // the services share one settings object: no live agents while the citizen asks
    settings.officeHours = parseOfficeHours('never');
    try {
      const post = (url: string, body: unknown) => fetch(`${app.url}/api/v1${url}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const reply = (await (await post('/chat', { message: '我要转人工' })).json()) as { sessionId: string; handoff?: { available: boolean } };
      expect(reply.handoff?.available).toBe(false);
      expect((await post(`/chat/${reply.sessionId}/callback`, { name: '赵丽华', phone: '13912345678', note: '社保卡补办进度' })).status).toBe(201);
    } finally {
      settings.officeHours = hours;
    }

    const page = await app.newPage(DESKTOP);
    await signIn(page, AGENT);
    await page.goto(`${app.url}/admin/agent`);
    await page.getByRole('tab', { name: /回电请求/ }).click();
    const row = page.locator('tr.ant-table-row', { hasText: '社保卡补办进度' });
    const masked = await row.innerText();
    expect(masked).toContain('赵**');
    expect(masked).toContain('139****5678');
    expect(masked).not.toContain('13912345678');

    await row.getByRole('button', { name: '查看完整号码' }).click();
    await row.getByText('13912345678').waitFor();
    expect(await row.innerText()).toContain('赵丽华');

    await row.getByRole('button', { name: '已回电' }).click();
    await row.waitFor({ state: 'detached' });
    await page.getByText('已回电', { exact: true }).first().click();
    const done = page.locator('tr.ant-table-row', { hasText: '社保卡补办进度' });
    expect(await done.locator('.ant-tag').innerText()).toBe('已回电');
  });
});

describe('knowledge manager review', () => {
  it('lists an unanswered question with its count and creates an FAQ draft from it in one click', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${app.url}/api/v1/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: '公积金怎么提取' }) });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { outcome: string }).outcome).toBe('clarify');
    }
    const page = await app.newPage(DESKTOP);
    await signIn(page, EDITOR);
    expect(await page.getByRole('menuitem', { name: '人工坐席' }).count()).toBe(0);
    await page.waitForURL(/\/admin\/review$/);
    const row = page.locator('tr.ant-table-row', { hasText: '公积金怎么提取' });
    expect(await row.locator('td').nth(2).innerText()).toBe('2');
    expect(await row.innerText()).toContain('追问澄清 × 2');

    await row.getByRole('button', { name: '生成 FAQ 草稿' }).click();
    const draft = row.getByTestId('faq-draft');
    const id = (await draft.locator('code').innerText()).trim();
    expect(id).toMatch(/^faq-draft-[0-9a-f]+$/);
    // stored as an unpublished FAQ with the citizen's question, waiting for an editor's answer
    const [version] = await app.server.ctx.knowledge.history(id);
    expect(version).toMatchObject({ version: 1, status: 'draft', title: '公积金怎么提取' });
    await draft.getByRole('link').click();
    await page.waitForURL(new RegExp(`/entries/${id}\\?version=1$`));
    expect(await page.locator('h1.entry-title').innerText()).toContain('公积金怎么提取');
  });
});
