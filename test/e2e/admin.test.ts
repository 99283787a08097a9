/**
 * Staff sign-in and administration in the browser: the administrator creates an account that
 * then signs in (and must replace its one-time password), wrong passwords and locked accounts
 * get Chinese errors, an auditor cannot reach user management, the public search needs no
 * login, and the staff pages fit a phone in the large-font mode.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN, createAccount, signIn } from './support/accounts.js';
import { PHONE, useWebApp } from './support/harness.js';
import { hasHorizontalScroll } from './support/page.js';

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
    await expect.poll(() => who.innerText()).toContain('系统管理员');

    await page.getByRole('button', { name: '新建用户' }).click();
    const dialog = page.getByRole('dialog', { name: '新建用户' });
    await dialog.getByLabel('用户名').fill('wang-fang');
    await dialog.getByLabel('姓名').fill('王芳');
    await choose(page, '角色', '承办人（部门）');
    await choose(page, '所属部门', '青禾区民政局社会救助科');
    await dialog.getByLabel('初始密码').fill('Chushi-Mima-0601');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.getByTestId('issued-password').innerText()).toBe('Chushi-Mima-0601');
    await page.getByRole('button', { name: '知道了' }).click();
    const row = page.getByRole('row', { name: /wang-fang/ });
    await expect.poll(() => row.innerText()).toMatch(/王芳[\s\S]*承办人（部门）[\s\S]*青禾区民政局社会救助科[\s\S]*待改密码/);

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
    await expect.poll(() => error.innerText()).toBe('用户名或密码错误');
    expect(page.url()).toMatch(/\/login$/);
    // an unknown name gets the same answer, so the page does not reveal which names exist
    await page.getByLabel('用户名').fill('no-such-person');
    await submitLogin(page);
    await expect.poll(() => error.innerText()).toBe('用户名或密码错误');
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
      await expect.poll(() => error.innerText()).toMatch(i < 5 ? /用户名或密码错误/ : /账号已锁定/);
    }
    // even the right password is refused while the lock lasts
    await page.getByLabel('密码', { exact: true }).fill(VICTIM.password);
    await submitLogin(page);
    await expect.poll(() => error.innerText()).toMatch(/^账号已锁定，请 1[45] 分钟后再试$/);

    // the administrator sees the lock and lifts it; then the user gets in
    const admin = await app.newPage();
    await signIn(admin, app.url, ADMIN.name, ADMIN.password);
    await admin.waitForURL(/\/admin\/users$/);
    const row = admin.getByRole('row', { name: new RegExp(VICTIM.name) });
    await expect.poll(() => row.innerText()).toContain('锁定至');
    await row.getByRole('button', { name: `解锁 ${VICTIM.name}` }).click();
    await expect.poll(() => row.innerText()).not.toContain('锁定至');
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
