/**
 * The audit viewer: the chain's verification status on top (完整 with the head hash, or the
 * first bad record in red), sign-ins in the filterable list, and each record's detail — who,
 * in which role and department, what changed and why, and for AI outputs the question, answer,
 * cited entries and producer — with personal data masked for an auditor exactly as the API
 * gives it.
 */
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { systemActor } from '../../src/auth/actor.js';
import { ADMIN, createAccount, signIn } from './support/accounts.js';
import { useWebApp } from './support/harness.js';
import { eventually } from './support/page.js';

const AUDITOR = { name: 'audit-li', password: 'Auditor-Pass-2026', displayName: '李审计' };
const PHONE_NUMBER = '13812345678';
const CITED = { docId: 'qh-faq-004', version: 1 };

const app = useWebApp({
  async seed(server) {
    await createAccount(server, { ...AUDITOR, role: 'auditor', department: '青禾区政务服务中心' });
  },
});

async function signInTo(page: Page, who: { name: string; password: string }, path: string): Promise<void> {
  await signIn(page, app.url, who.name, who.password);
  await page.waitForURL(/\/admin\//);
  await page.goto(app.url + path);
}

describe('audit viewer', () => {
  it('shows the chain as intact with its head, and the sign-ins in the filtered list with their detail', async () => {
    const page = await app.newPage();
    await signInTo(page, ADMIN, '/admin/audit');
    const status = page.getByTestId('chain-status');
    await eventually(() => status.getAttribute('data-ok')).toBe('true');
    const head = (await app.server.ctx.audit.verify()).head!;
    const text = await status.innerText();
    expect(text).toContain('审计链完整');
    expect(text).toContain(`最新为第 ${head.seq} 条`);
    expect(text).toContain(head.hash);

    await page.getByLabel('操作', { exact: true }).fill('auth.login');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForURL(/action=auth\.login/);
    const rows = page.locator('.audit-table tbody tr.ant-table-row');
    // the filtered list replaces the full one: every row is a sign-in
    await eventually(async () => (await rows.allInnerTexts()).map((t) => t.split('\t')[1]?.trim())).toEqual(['登录']);
    expect(await rows.first().innerText()).toContain(ADMIN.name);

    await rows.first().getByRole('link').click();
    const detail = page.getByTestId('audit-record');
    await detail.waitFor();
    const shown = await detail.innerText();
    expect(shown).toMatch(/操作人\s+admin/);
    expect(shown).toMatch(/角色\s+系统管理员/);
    expect(shown).toMatch(/操作\s+登录 auth\.login/);
    await page.getByRole('button', { name: '返回列表' }).click();
    await page.waitForURL(/\/admin\/audit\?action=auth\.login$/);
  });

  it('shows a failed sign-in to the auditor under its Chinese name', async () => {
    const failed = await app.newPage();
    await signIn(failed, app.url, AUDITOR.name, 'wrong-password-1');
    await failed.getByTestId('login-error').waitFor();

    const page = await app.newPage();
    await signInTo(page, AUDITOR, '/admin/audit?action=auth.login_failed');
    const row = page.locator('.audit-table tbody tr.ant-table-row').first();
    await eventually(() => row.innerText()).toContain('登录失败');
    expect(await row.innerText()).toContain('anonymous');
  });

  it('shows what changed and why, and an AI answer with its cited entries and producer, masked for the auditor', async () => {
    const ctx = app.server.ctx;
    const change = await ctx.audit.record({
      actor: systemActor('e2e'),
      action: 'user.update',
      entityType: 'user',
      entityId: '42',
      before: { role: 'handler', displayName: '张三' },
      after: { role: 'reviewer', displayName: '张三' },
      reason: `岗位调整，联系电话 ${PHONE_NUMBER}`,
    });
    const answer = await ctx.audit.record({
      actor: systemActor('e2e'),
      action: 'ai.answer',
      entityType: 'chat_session',
      entityId: 'e2e-session',
      ai: {
        question: `公积金每年能提几次？我的电话是 ${PHONE_NUMBER}`,
        answer: '租房提取可以按月、按季或按年申请，次数不限。',
        citations: [CITED],
        producer: 'rules:faq',
        producerVersion: '2026.1',
        outcome: 'answered',
      },
    });

    const page = await app.newPage();
    await signInTo(page, AUDITOR, `/admin/audit/${change.seq}`);
    const detail = page.getByTestId('audit-record');
    await detail.waitFor();
    const roleRow = detail.locator('.audit-diff tr.diff-changed', { hasText: '角色' });
    expect(await roleRow.innerText()).toMatch(/角色\s*已变更\s+handler\s+reviewer/);
    expect(await detail.locator('.audit-diff tr:not(.diff-changed)', { hasText: '姓名' }).count()).toBe(1);
    const viaApi = (await (await page.request.get(`${app.url}/api/v1/audit/${change.seq}`)).json()) as { reason: string };
    expect(viaApi.reason).not.toContain(PHONE_NUMBER);
    const shown = await detail.innerText();
    expect(shown).toContain(viaApi.reason);
    expect(shown).not.toContain(PHONE_NUMBER);

    await page.goto(`${app.url}/admin/audit/${answer.seq}`);
    await detail.waitFor();
    const ai = await detail.innerText();
    expect(ai).toContain('AI 输出');
    expect(ai).toContain('租房提取可以按月、按季或按年申请');
    expect(ai).toMatch(/生成方\s+rules:faq 版本 2026\.1/);
    expect(ai).not.toContain(PHONE_NUMBER);
    const source = detail.getByRole('link', { name: `${CITED.docId}（第 ${CITED.version} 版）` });
    expect(await source.getAttribute('href')).toBe(`/entries/${CITED.docId}?version=${CITED.version}`);
    await source.click();
    await page.locator('.entry-main').waitFor();
    expect(await page.locator('.entry-title').innerText()).toContain('公积金每年能提几次');
  });

  it('pages through older records by sequence number and back', async () => {
    const actor = systemActor('e2e-paging');
    for (let i = 1; i <= 60; i++) await app.server.ctx.audit.record({ actor, action: 'department.update', entityType: 'department', entityId: String(i), reason: `第 ${i} 次调整` });

    const page = await app.newPage();
    await signInTo(page, AUDITOR, `/admin/audit?actor=${encodeURIComponent(actor.name)}`);
    const rows = page.locator('.audit-table tbody tr.ant-table-row');
    const seqs = async () => (await rows.locator('a').allInnerTexts()).map((t) => Number(t.replace('#', '')));
    await eventually(() => rows.count()).toBe(50);
    const first = await seqs();
    expect(first).toEqual([...first].sort((a, b) => b - a));

    await page.getByRole('button', { name: '下一页' }).click();
    await eventually(() => rows.count()).toBe(10);
    const second = await seqs();
    expect(Math.max(...second)).toBeLessThan(Math.min(...first));
    expect(await page.getByText('已到最早的记录').count()).toBe(1);
    expect(await page.getByRole('button', { name: '下一页' }).count()).toBe(0);

    await page.getByRole('button', { name: '上一页' }).click();
    await eventually(() => rows.count()).toBe(50);
    expect(await seqs()).toEqual(first);
  });

  // last in the file: it breaks the chain for good
  it('names the first bad record in red after someone with database access alters one', async () => {
    const ctx = app.server.ctx;
    const target = (await ctx.audit.verify()).head!.seq - 1;
    const db = ctx.database.db;
    await sql`drop trigger if exists audit_log_no_update`.execute(db);
    await sql`update audit_log set reason = ${'悄悄改过'} where seq = ${target}`.execute(db);

    const page = await app.newPage();
    await signInTo(page, AUDITOR, '/admin/audit');
    const status = page.getByTestId('chain-status');
    await eventually(() => status.getAttribute('data-ok')).toBe('false');
    const text = await status.innerText();
    expect(text).toContain(`第 ${target} 条记录异常`);
    expect(text).toContain('内容与哈希不符');
  });
});
