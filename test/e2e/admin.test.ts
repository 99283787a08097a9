/**
 * Staff sign-in and administration in the browser: the administrator creates an account that
 * then signs in (and must replace its one-time password), wrong passwords and locked accounts
 * get Chinese errors, an auditor cannot reach user management, the public search needs no
 * login, and the staff pages fit a phone in the large-font mode.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { systemActor } from '../../src/auth/actor.js';
import { ADMIN, createAccount, signIn } from './support/accounts.js';
import { PHONE, useWebApp } from './support/harness.js';
import { eventually, hasHorizontalScroll } from './support/page.js';

const AUDITOR = { name: 'shenji-zhou', password: 'Auditor-Pass-2026', displayName: '周审计' };
const VICTIM = { name: 'liu-handler', password: 'Handler-Pass-2026' };

const app = useWebApp({
  async seed(server) {
    await createAccount(server, { ...AUDITOR, role: 'auditor' });
    await createAccount(server, { ...VICTIM, role: 'handler', department: '青禾区民政局' });
  },
});

/** Picks an option of an antd Select/TreeSelect, typing to narrow it down where the field searches. */
async function choose(page: Page, label: string, option: string): Promise<void> {
  const box = page.getByLabel(label, { exact: true });
  await box.click();
  if (await box.isEditable()) await box.fill(option);
  await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click();
}

/** Clicks 登录 and waits for the server's answer, so the next attempt is not swallowed by the busy button. */
async function submitLogin(page: Page): Promise<void> {
  await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login')), page.getByRole('button', { name: '登录' }).click()]);
}

describe('staff sign-in and user management', () => {
  it('lets the administrator create an account that then signs in and replaces its one-time password', async () => {
    const page = await app.newPage();
    await signIn(page, app.url, ADMIN.name, ADMIN.password);
    await page.waitForURL(/\/admin\/users$/);
    const who = page.getByTestId('user-area');
    await eventually(() => who.innerText()).toContain('系统管理员');

    await page.getByRole('button', { name: '新建用户' }).click();
    const dialog = page.getByRole('dialog', { name: '新建用户' });
    await dialog.getByLabel('用户名').fill('wang-fang');
    await dialog.getByLabel('姓名').fill('王芳');
    await choose(page, '角色', '承办人（部门）');
    await choose(page, '所属部门', '青禾区民政局社会救助科');
    await dialog.getByLabel('初始密码').fill('Chushi-Mima-0601');
    await dialog.getByRole('button', { name: '保存' }).click();
    await eventually(() => page.getByTestId('issued-password').innerText()).toBe('Chushi-Mima-0601');
    // the password dialog opens as the 新建用户 one closes: click 知道了 until no dialog is left
    // (once, a click landed while it was still opening and the dialog stayed over the page)
    const done = page.getByRole('button', { name: '知道了' });
    await eventually(async () => {
      if (await done.isVisible()) await done.click({ timeout: 1000 }).catch(() => undefined);
      return page.locator('.ant-modal-wrap:visible').count();
    }).toBe(0);
    const row = page.getByRole('row', { name: /wang-fang/ });
    await eventually(() => row.innerText()).toMatch(/王芳[\s\S]*承办人（部门）[\s\S]*青禾区民政局社会救助科[\s\S]*待改密码/);

    await who.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(/\/login$/);
    await signIn(page, app.url, 'wang-fang', 'Chushi-Mima-0601');
    // a password someone else chose must be replaced before anything else
    await page.getByText('您正在使用一次性密码登录').waitFor();
    expect(page.url()).toMatch(/\/login$/);
    await page.getByLabel('一次性密码').fill('Chushi-Mima-0601');
    await page.getByLabel('新密码', { exact: true }).fill('Wangfang-Own-Pass');
    await page.getByLabel('确认新密码').fill('Wangfang-Own-Pass');
    await page.getByRole('button', { name: '设置新密码并继续' }).click();
    await page.waitForURL(/\/admin\/grants$/);
    const header = await who.innerText();
    expect(header).toContain('王芳');
    expect(header).toContain('承办人（部门）');
    expect(header).toContain('青禾区民政局社会救助科');
    // a handler's menu has no administration
    const nav = page.getByRole('navigation', { name: '工作台导航' });
    expect(await nav.getByRole('link', { name: '用户管理' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: '我的令牌' }).count()).toBe(1);

    // the new password is the one that works now
    await who.getByRole('button', { name: '退出登录' }).click();
    await signIn(page, app.url, 'wang-fang', 'Wangfang-Own-Pass');
    await page.waitForURL(/\/admin\/grants$/);
  });

  it('shows a Chinese error for a wrong password and stays on the login page', async () => {
    const page = await app.newPage();
    await signIn(page, app.url, ADMIN.name, 'not-the-password');
    const error = page.getByTestId('login-error');
    await eventually(() => error.innerText()).toBe('用户名或密码错误');
    expect(page.url()).toMatch(/\/login$/);
    // an unknown name gets the same answer, so the page does not reveal which names exist
    await page.getByLabel('用户名').fill('no-such-person');
    await submitLogin(page);
    await eventually(() => error.innerText()).toBe('用户名或密码错误');
    expect(await page.getByTestId('user-area').count()).toBe(0);
  });

  it('tells a locked-out user how many minutes to wait', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/login`);
    await page.getByLabel('用户名').fill(VICTIM.name);
    const error = page.getByTestId('login-error');
    for (let i = 1; i <= 5; i++) {
      await page.getByLabel('密码', { exact: true }).fill(`wrong-password-${i}`);
      await submitLogin(page);
      await eventually(() => error.innerText()).toMatch(i < 5 ? /用户名或密码错误/ : /账号已锁定/);
    }
    // even the right password is refused while the lock lasts
    await page.getByLabel('密码', { exact: true }).fill(VICTIM.password);
    await submitLogin(page);
    await eventually(() => error.innerText()).toMatch(/^账号已锁定，请 1[45] 分钟后再试$/);

    // the administrator sees the lock and lifts it; then the user gets in
    const admin = await app.newPage();
    await signIn(admin, app.url, ADMIN.name, ADMIN.password);
    await admin.waitForURL(/\/admin\/users$/);
    const row = admin.getByRole('row', { name: new RegExp(VICTIM.name) });
    await eventually(() => row.innerText()).toContain('锁定至');
    await row.getByRole('button', { name: `解锁 ${VICTIM.name}` }).click();
    await eventually(() => row.innerText()).not.toContain('锁定至');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/admin/);
  });

  it('keeps an auditor out of user management, in the menu, the page and the API', async () => {
    const page = await app.newPage();
    await signIn(page, app.url, AUDITOR.name, AUDITOR.password);
    await page.waitForURL(/\/admin\/audit$/);
    const nav = page.getByRole('navigation', { name: '工作台导航' });
    expect(await nav.getByRole('link', { name: '审计日志' }).count()).toBe(1);
    expect(await nav.getByRole('link', { name: '用户管理' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: '部门管理' }).count()).toBe(0);

    await page.goto(`${app.url}/admin/users`);
    await page.getByText('无权访问').waitFor();
    expect(await page.getByRole('button', { name: '新建用户' }).count()).toBe(0);
    const api = await page.request.get(`${app.url}/api/v1/users`);
    expect(api.status()).toBe(403);
  });

  it('keeps the public search open without signing in, and sends /admin to the login page and back', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/?${new URLSearchParams({ q: '公积金提取' })}`);
    await page.locator('.hit').first().waitFor();
    expect(await page.getByRole('link', { name: '工作人员登录' }).count()).toBe(1);

    await page.goto(`${app.url}/admin/audit?action=auth.login`);
    await page.waitForURL(/\/login$/);
    await page.getByLabel('用户名').fill(AUDITOR.name);
    await page.getByLabel('密码', { exact: true }).fill(AUDITOR.password);
    // keyboard only: Enter in the password field signs in
    await page.getByLabel('密码', { exact: true }).press('Enter');
    await page.waitForURL(/\/admin\/audit\?action=auth\.login$/);
  });

  it('fits the login page and every staff page on a 375 px phone in the large-font mode', async () => {
    const page = await app.newPage(PHONE);
    await page.goto(`${app.url}/login`);
    await page.evaluate(() => localStorage.setItem('xz.largeFont', '1'));
    await page.reload();
    await page.getByLabel('用户名').waitFor();
    expect(await hasHorizontalScroll(page), 'login page').toBe(false);

    await signIn(page, app.url, ADMIN.name, ADMIN.password);
    await page.waitForURL(/\/admin\/users$/);
    await page.getByRole('row', { name: /wang-fang|shenji-zhou/ }).first().waitFor();
    expect(await hasHorizontalScroll(page), 'user management').toBe(false);
    await page.getByRole('button', { name: '新建用户' }).click();
    await page.getByRole('dialog', { name: '新建用户' }).getByLabel('用户名').waitFor();
    expect(await hasHorizontalScroll(page), 'new user dialog').toBe(false);

    for (const [path, ready] of [
      ['/admin/departments', '.ant-table-row'],
      ['/admin/grants', '.ant-table'],
      ['/admin/tokens', '.ant-table'],
      ['/admin/audit', '.audit-table .ant-table-row'],
      ['/admin/audit/1', '[data-testid="audit-record"]'],
      ['/admin/password', 'form'],
    ] as const) {
      await page.goto(app.url + path);
      await page.locator(ready).first().waitFor();
      expect(await hasHorizontalScroll(page), path).toBe(false);
    }
  });
});

describe('departments, sharing grants and API tokens', () => {
  it('adds a section under a bureau and renames it', async () => {
    const page = await app.newPage();
    await signIn(page, app.url, ADMIN.name, ADMIN.password);
    await page.waitForURL(/\/admin\/users$/);
    await page.getByRole('navigation', { name: '工作台导航' }).getByRole('link', { name: '部门管理' }).click();
    await page.getByRole('button', { name: '在 青禾区民政局 下新建部门' }).click();
    const dialog = page.getByRole('dialog', { name: '新建部门' });
    await dialog.getByLabel('部门名称').fill('青禾区民政局养老服务科');
    await dialog.getByLabel('部门编码').fill('qh-mz-yl');
    await dialog.getByRole('button', { name: '保存' }).click();
    const row = page.getByRole('row', { name: /青禾区民政局养老服务科/ });
    await eventually(() => row.innerText()).toMatch(/科室\s+qh-mz-yl/);
    const created = (await app.server.ctx.auth.departments.list(systemActor('e2e'))).find((d) => d.code === 'qh-mz-yl')!;
    const parent = (await app.server.ctx.auth.departments.list(systemActor('e2e'))).find((d) => d.id === created.parentId)!;
    expect(parent.name).toBe('青禾区民政局');

    await row.getByRole('button', { name: '编辑 青禾区民政局养老服务科' }).click();
    const edit = page.getByRole('dialog', { name: /编辑部门/ });
    await edit.getByLabel('部门名称').fill('青禾区民政局养老服务与福利科');
    await edit.getByRole('button', { name: '保存' }).click();
    await page.getByRole('row', { name: /青禾区民政局养老服务与福利科/ }).waitFor();
  });

  it('grants one department access to another one\'s data for a purpose, lists it, and revokes it with a reason', async () => {
    const page = await app.newPage();
    await signIn(page, app.url, ADMIN.name, ADMIN.password);
    await page.waitForURL(/\/admin\/users$/);
    await page.goto(`${app.url}/admin/grants`);
    await page.getByRole('button', { name: '新建授权' }).click();
    const dialog = page.getByRole('dialog', { name: '新建共享授权' });
    await choose(page, '数据所属部门', '青禾区民政局');
    await choose(page, '被授权部门', '青禾区人力资源和社会保障局');
    await dialog.getByLabel('用途').fill('联合核查低保对象的就业登记情况');
    await dialog.getByRole('button', { name: '授权' }).click();
    const row = page.getByRole('row', { name: /联合核查低保对象/ });
    await eventually(() => row.innerText()).toMatch(/青禾区民政局\s+部门：青禾区人力资源和社会保障局\s+知识库条目[\s\S]*有效/);

    await row.getByRole('button', { name: '撤销' }).click();
    const revoke = page.getByRole('dialog', { name: '撤销共享授权' });
    // the reason is required: an empty one is refused in the form
    await revoke.getByRole('button', { name: '撤销' }).click();
    await revoke.getByText('请填写撤销原因').waitFor();
    await revoke.getByLabel('撤销原因').fill('核查工作已完成');
    await revoke.getByRole('button', { name: '撤销' }).click();
    await eventually(() => page.getByRole('row', { name: /联合核查低保对象/ }).count()).toBe(0);
    await page.getByText(/^已撤销（1）$/).click();
    await eventually(() => page.getByRole('row', { name: /联合核查低保对象/ }).innerText()).toMatch(/已撤销[\s\S]*核查工作已完成/);
  });

  it('shows a new API token once, which then works as a bearer token until it is revoked', async () => {
    const page = await app.newPage();
    await signIn(page, app.url, AUDITOR.name, AUDITOR.password);
    await page.waitForURL(/\/admin\/audit$/);
    await page.getByRole('navigation', { name: '工作台导航' }).getByRole('link', { name: '我的令牌' }).click();
    await page.getByRole('button', { name: '创建令牌' }).click();
    await page.getByRole('dialog', { name: '创建 API 令牌' }).getByLabel('用途说明').fill('审计导出脚本');
    await page.getByRole('dialog', { name: '创建 API 令牌' }).getByRole('button', { name: '创建' }).click();
    const token = (await page.getByTestId('token-secret').locator('code').innerText()).trim();
    expect(token).toMatch(/^xz_/);
    const asToken = () => fetch(`${app.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    const me = (await (await asToken()).json()) as { user: { name: string } };
    expect(me.user.name).toBe(AUDITOR.name);

    await page.getByRole('button', { name: '我已保存' }).click();
    const row = page.getByRole('row', { name: /审计导出脚本/ });
    await eventually(() => row.innerText()).toContain('有效');
    // gone from the page once the dialog has closed (its leave animation keeps it a moment)
    await eventually(() => page.content()).not.toContain(token);

    await row.getByRole('button', { name: '撤销令牌 审计导出脚本' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '撤销' }).click();
    await eventually(() => row.innerText()).toContain('已撤销');
    expect((await asToken()).status).toBe(401);
  });
});

