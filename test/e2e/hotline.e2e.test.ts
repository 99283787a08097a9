/**
 * 12345 hotline in the browser: an agent takes a call in the console, the suggestions beside
 * the form (from a classifier trained on a small history and the demo 派单目录) fill the
 * category and the department, and the order is dispatched; the department's handler finds it
 * in the queue, signs it, starts and replies from an editable draft, and sees the caller's
 * phone masked; the agent calls back, records the satisfaction and closes the order, whose
 * timeline names each step and who took it. A citizen reaches the web form from the public
 * site, submits a 诉求, gets the order number and tracks it with the phone's last four digits.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth/actor.js';
import { train } from '../../src/hotline/classifier/model.js';
import { saveModel } from '../../src/hotline/classifier/store.js';
import { loadHotlineDemoIfEmpty } from '../../src/hotline/intake/demo-config.js';
import { createAccount, signIn } from './support/accounts.js';
import { DESKTOP, PHONE, useWebApp } from './support/harness.js';
import { eventually, hasHorizontalScroll } from './support/page.js';

const AGENT = { name: 'zuoxi-li', displayName: '李坐席', password: 'Agent-Pass-2026', role: 'agent' as Role, department: '青禾区12345政务服务便民热线中心' };
const HANDLER = { name: 'chengban-wang', displayName: '王承办', password: 'Handler-Pass-2026', role: 'handler' as Role, department: '青禾区住房和城乡建设局' };
const CALLER = { name: '赵先生', phone: '13812345678' };
const REPLY_EDIT = '经现场核查，物业公司未按规定公示即上调停车费，已责令其暂停执行并重新公示。';

/** A small history in the training format: property fees, bus service and school admission. */
const HISTORY = [
  { title: '物业费上涨', text: '小区物业公司没有召开业主大会就把物业费从每平方1元涨到2元。', category: '城乡建设/物业管理/物业收费' },
  { title: '停车费涨价', text: '小区物业擅自上调地下车库停车费，也没有公示收费标准。', category: '城乡建设/物业管理/物业收费' },
  { title: '物业乱收费', text: '物业公司向业主收取装修押金和垃圾清运费，收费没有依据。', category: '城乡建设/物业管理/物业收费' },
  { title: '物业收费不合理', text: '物业收费标准不透明，业主要求物业公开收费明细。', category: '城乡建设/物业管理/物业收费' },
  { title: '公交车不停站', text: '12路公交车经常不按站停靠，司机不让乘客上车。', category: '交通运输/公共交通/公交服务' },
  { title: '公交司机态度差', text: '公交车司机态度恶劣，急刹车导致乘客摔倒。', category: '交通运输/公共交通/公交服务' },
  { title: '公交车太挤', text: '早高峰公交车太挤，希望增加班次，公交车到站间隔太长。', category: '交通运输/公共交通/公交服务' },
  { title: '入学报名', text: '孩子小学入学报名被学校拒绝，说学位不够。', category: '教育文体/义务教育/入学招生' },
  { title: '学区划分', text: '新小区的孩子划不进对口小学，入学招生政策不清楚。', category: '教育文体/义务教育/入学招生' },
  { title: '招生咨询', text: '今年小学一年级招生什么时候报名，需要哪些材料入学。', category: '教育文体/义务教育/入学招生' },
];

const app = useWebApp({
  async seed(server) {
    await createAccount(server, AGENT);
    await createAccount(server, HANDLER);
    await loadHotlineDemoIfEmpty(server.ctx.hotline.intake, server.ctx.env.demoDir);
    saveModel(server.ctx.env.dataDir, train(HISTORY));
  },
});

async function staffPage(who: { name: string; password: string }): Promise<Page> {
  const page = await app.newPage(DESKTOP);
  await signIn(page, app.url, who.name, who.password);
  await page.waitForURL(/\/admin\//);
  return page;
}

const orderRow = (page: Page, id: string) => page.locator('.hotline-orders tr', { hasText: id });
const status = (page: Page) => page.getByTestId('order-status').innerText();

/** Fills the open action dialog's visible form and confirms with the action's button. */
async function confirmDialog(page: Page, action: string): Promise<void> {
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: action, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** Chooses the 主办 department in the open dialog's tree. */
async function pickDepartment(page: Page, name: string): Promise<void> {
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('承办单位（主办）').fill(name);
  await page.locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper', { hasText: new RegExp(`^${name}$`) }).click();
}

describe('12345 hotline', () => {
  it('an agent takes in and dispatches an order, the department replies, the agent calls back and closes it', async () => {
    const agent = await staffPage(AGENT);
    // the header leads staff with hotline permissions to the console
    await agent.getByRole('link', { name: '热线', exact: true }).click();
    await agent.waitForURL(/\/hotline$/);
    await agent.getByRole('heading', { name: '12345 热线受理台' }).waitFor();

    await agent.getByLabel('来电人').fill(CALLER.name);
    await agent.getByLabel('联系电话').fill(CALLER.phone);
    await agent.getByLabel('标题').fill('小区停车费涨价没有公示');
    await agent.getByLabel('诉求内容').fill('青禾区幸福小区物业公司这个月把停车费从每月150元涨到300元，没有公示也没有业主大会表决，请有关部门查处物业乱收费。');

    // the suggestions arrive as the agent types and fill the fields not yet chosen
    const suggestions = agent.getByTestId('suggestions');
    await eventually(() => suggestions.getByTestId('suggest-category').innerText()).toContain('城乡建设/物业管理/物业收费');
    await eventually(() => suggestions.getByTestId('suggest-department').innerText()).toContain('青禾区住房和城乡建设局');
    expect(await suggestions.getByTestId('suggest-type').innerText()).toBe('投诉');
    expect(await agent.getByLabel('诉求分类').inputValue()).toBe('城乡建设/物业管理/物业收费');
    expect(await agent.locator('.hotline-intake-form .ant-select', { hasText: '青禾区住房和城乡建设局' }).count()).toBe(1);

    await agent.getByRole('button', { name: '受理并派单' }).click();
    const done = agent.getByTestId('intake-done');
    await eventually(() => done.innerText()).toContain('已受理并派单');
    const id = (await done.getByRole('link').innerText()).trim();
    expect(id.length).toBeGreaterThan(6);
    // the form is cleared for the next call
    expect(await agent.getByLabel('标题').inputValue()).toBe('');

    // the department's handler: the queue, 签收, 开始办理, 答复 from a draft
    const handler = await staffPage(HANDLER);
    await handler.getByRole('link', { name: '热线', exact: true }).click();
    await handler.waitForURL(/\/hotline\/queue$/);
    const row = orderRow(handler, id);
    await row.waitFor();
    expect(await row.innerText()).toMatch(/签收截止 \d\d\/\d\d \d\d:\d\d（剩 /);
    await row.getByRole('button', { name: '签收' }).click();
    await row.waitFor({ state: 'detached' });

    await handler.goto(`${app.url}/hotline/orders/${id}`);
    await eventually(() => status(handler)).toBe('已签收');
    // a department sees the caller's phone masked
    const masked = await handler.getByTestId('caller-phone').innerText();
    expect(masked).not.toContain(CALLER.phone);
    expect(masked).toContain('5678');
    await handler.getByTestId('order-actions').getByRole('button', { name: '开始办理' }).click();
    await handler.getByRole('button', { name: '确定' }).click();
    await eventually(() => status(handler)).toBe('办理中');

    await handler.getByTestId('order-actions').getByRole('button', { name: '答复', exact: true }).click();
    const dialog = handler.getByRole('dialog');
    await dialog.getByRole('button', { name: '起草答复' }).click();
    const replyBox = dialog.getByLabel('答复内容');
    await eventually(async () => (await replyBox.inputValue()).trim().length).toBeGreaterThan(10);
    await replyBox.fill(REPLY_EDIT);
    await confirmDialog(handler, '答复');
    await eventually(() => status(handler)).toBe('已答复');
    expect(await handler.getByTestId('order-reply').innerText()).toBe(REPLY_EDIT);

    // back at the center: 回访 with the citizen's satisfaction, then 办结
    await agent.goto(`${app.url}/hotline/orders/${id}`);
    await eventually(() => status(agent)).toBe('已答复');
    expect(await agent.getByTestId('caller-phone').innerText()).toBe(CALLER.phone);
    await agent.getByTestId('order-actions').getByRole('button', { name: '回访' }).click();
    await agent.getByRole('dialog').getByRole('radio').nth(4).click();
    await agent.getByRole('dialog').getByLabel('回访记录').fill('群众对处理结果满意');
    await confirmDialog(agent, '回访');
    await eventually(() => status(agent)).toBe('已回访');
    await agent.getByTestId('order-actions').getByRole('button', { name: '办结' }).click();
    await agent.getByRole('button', { name: '确定' }).click();
    await eventually(() => status(agent)).toBe('已办结');

    const timeline = await agent.locator('.hotline-timeline').innerText();
    for (const step of ['派单', '签收', '开始办理', '答复', '回访', '办结']) expect(timeline).toContain(step);
    expect(timeline).toContain(HANDLER.name);
    expect(timeline).toContain('群众对处理结果满意');
    expect(await agent.locator('.hotline-fields-view').innerText()).toContain('非常满意');

    // the closed order is listed as such in the console
    await agent.goto(`${app.url}/hotline?tab=orders`);
    await eventually(() => orderRow(agent, id).innerText()).toContain('已办结');

    // the dashboard counts it: its class in the trend, its department's timeliness, the score
    await agent.getByRole('link', { name: '数据看板' }).click();
    await eventually(() => agent.getByTestId('figures').innerText()).toContain('受理总量');
    // the charts fill in after the figures (their data arrives separately): wait for them too
    await eventually(() => agent.getByTestId('chart-categories').innerText()).toContain('城乡建设');
    await eventually(() => agent.getByTestId('chart-satisfaction').innerText()).toMatch(/1 次回访[\s\S]*5\.00/);
  });

  it('a department returns a mis-dispatched order with a reason, the center re-dispatches it; an extension is asked and approved', async () => {
    const agent = await staffPage(AGENT);
    await agent.goto(`${app.url}/hotline`);
    await agent.getByLabel('标题').fill('幸福小区物业收费不公示');
    await agent.getByLabel('诉求内容').fill('幸福小区物业公司收取的各项费用从不公示收费标准，业主多次要求公开收费明细，物业一直推脱。');
    await eventually(() => agent.getByTestId('suggest-department').innerText()).toContain('青禾区住房和城乡建设局');
    await agent.getByRole('button', { name: '仅受理' }).click();
    const done = agent.getByTestId('intake-done');
    await eventually(() => done.innerText()).toContain('已受理');
    const id = (await done.getByRole('link').innerText()).trim();

    // 派单 from the list, to the department the agent picks
    await agent.getByRole('tab', { name: '工单' }).click();
    await orderRow(agent, id).getByRole('button', { name: '派单' }).click();
    await pickDepartment(agent, '青禾区住房和城乡建设局');
    await confirmDialog(agent, '派单');
    await eventually(() => orderRow(agent, id).innerText()).toContain('已派单');

    // the department gives it back: not without a reason
    const handler = await staffPage(HANDLER);
    await handler.goto(`${app.url}/hotline/queue`);
    await orderRow(handler, id).getByRole('button', { name: '退单' }).click();
    await handler.getByRole('dialog').getByRole('button', { name: '退单', exact: true }).click();
    await eventually(() => handler.getByRole('dialog').innerText()).toContain('请填写退单理由');
    await handler.getByRole('dialog').getByLabel('退单理由').fill('物业收费公示属市场监管部门职责');
    await confirmDialog(handler, '退单');
    await orderRow(handler, id).waitFor({ state: 'detached' });

    // the center sees it under 退单待改派 and sends it on with a reason
    await agent.goto(`${app.url}/hotline?tab=supervise`);
    const returned = agent.locator('.hotline-supervise').locator('.hotline-orders tr', { hasText: id });
    await eventually(() => returned.innerText()).toContain('已退单');
    await returned.getByRole('button', { name: '改派' }).click();
    await pickDepartment(agent, '青禾区住房和城乡建设局');
    await agent.getByRole('dialog').getByLabel('改派理由').fill('收费公示由住建部门牵头督促物业整改');
    await confirmDialog(agent, '改派');
    await agent.goto(`${app.url}/hotline/orders/${id}`);
    await eventually(() => status(agent)).toBe('已派单');
    const timeline = await agent.locator('.hotline-timeline').innerText();
    expect(timeline).toContain('物业收费公示属市场监管部门职责');
    expect(timeline).toContain('收费公示由住建部门牵头督促物业整改');

    // signed again, the department asks for 5 more working days; the center approves
    await handler.goto(`${app.url}/hotline/queue`);
    await orderRow(handler, id).getByRole('button', { name: '签收' }).click();
    await orderRow(handler, id).waitFor({ state: 'detached' });
    await handler.goto(`${app.url}/hotline/orders/${id}`);
    await eventually(() => status(handler)).toBe('已签收');
    await handler.getByTestId('order-actions').getByRole('button', { name: '申请延期' }).click();
    await handler.getByRole('dialog').getByLabel('延期天数（工作日）').fill('5');
    await handler.getByRole('dialog').getByLabel('延期理由').fill('需召开业主协调会');
    await confirmDialog(handler, '申请延期');
    await eventually(() => handler.getByTestId('pending-extension').innerText()).toContain('5 个工作日');

    await agent.reload();
    await eventually(() => agent.getByTestId('pending-extension').innerText()).toContain('需召开业主协调会');
    const dueAt = async () => /答复截止 (\d\d\/\d\d \d\d:\d\d)/.exec(await agent.locator('.hotline-deadline').innerText())?.[1];
    const dueBefore = await dueAt();
    expect(dueBefore).toBeTruthy();

    // the center decides in its supervision view, where undecided requests are listed
    await agent.goto(`${app.url}/hotline?tab=supervise`);
    const asked = agent.locator('.hotline-supervise').locator('.hotline-orders tr', { hasText: id }).first();
    await eventually(() => asked.innerText()).toContain('5 个工作日：需召开业主协调会');
    await asked.getByRole('button', { name: '批准延期' }).click();
    expect(await agent.getByRole('dialog').getByLabel('延期天数（工作日）').inputValue()).toBe('5');
    await confirmDialog(agent, '批准延期');
    await eventually(() => agent.getByText('暂无待审批的延期申请').count()).toBe(1);

    await agent.goto(`${app.url}/hotline/orders/${id}`);
    await eventually(() => status(agent)).toBe('已签收');
    expect(await agent.getByTestId('pending-extension').count()).toBe(0);
    expect(await agent.locator('.hotline-fields-view').innerText()).toContain('已延期 5 个工作日');
    expect(await dueAt()).not.toBe(dueBefore);
  });

  it('a 咨询 the knowledge base answers is closed at once with its source; a repeat call about an open order is merged into it', async () => {
    const agent = await staffPage(AGENT);
    await agent.goto(`${app.url}/hotline`);
    await agent.getByLabel('标题').fill('身份证到期换领');
    await agent.getByLabel('诉求内容').fill('请问居民身份证到期了换领需要带什么材料，在哪里办理？');
    const direct = agent.getByTestId('direct-answer');
    await eventually(() => direct.count()).toBe(1);
    expect(await direct.getByRole('link').first().innerText()).toContain('居民身份证换领');
    await direct.getByRole('button', { name: '直接答复并办结' }).click();
    const done = agent.getByTestId('intake-done');
    await eventually(() => done.innerText()).toContain('已直接答复办结');
    const answered = (await done.getByRole('link').innerText()).trim();
    await agent.goto(`${app.url}/hotline/orders/${answered}`);
    await eventually(() => status(agent)).toBe('已办结');
    expect(await agent.getByTestId('order-reply').innerText()).toContain('原居民身份证');

    // an open order about a broken street light, then a second call about the same light
    const call = async (title: string, content: string) => {
      await agent.getByLabel('标题').fill(title);
      await agent.getByLabel('诉求内容').fill(content);
    };
    await agent.goto(`${app.url}/hotline`);
    await call('和平路路灯不亮', '青禾区和平路幸福小区门口的路灯坏了一个星期，晚上一片漆黑，老人出门很不安全。');
    await agent.getByRole('button', { name: '仅受理' }).click();
    await eventually(() => done.innerText()).toContain('已受理');
    const first = (await done.getByRole('link').innerText()).trim();

    await call('幸福小区门口路灯坏了', '和平路幸福小区门口的路灯一直不亮，已经一个星期了，晚上走路很危险，希望尽快修好。');
    const duplicate = agent.getByTestId('duplicates').locator('li', { hasText: first });
    await duplicate.waitFor();
    await duplicate.getByRole('button', { name: '并单' }).click();
    await eventually(() => done.innerText()).toContain(`已并入 ${first}`);
    const merged = (await done.getByRole('link').innerText()).trim();
    await agent.goto(`${app.url}/hotline/orders/${merged}`);
    await eventually(() => status(agent)).toBe('已并单');
    expect(await agent.getByRole('alert').first().innerText()).toContain(`此工单已并入 ${first}`);
  });

  it('a citizen submits the web form from the public site and tracks the order (phone)', async () => {
    const page = await app.newPage(PHONE);
    await page.goto(app.url);
    await page.getByRole('link', { name: '12345 网上诉求' }).click();
    await page.getByRole('heading', { name: '12345 网上诉求' }).waitFor();

    // nothing is sent without the required fields, each named
    await page.getByRole('button', { name: '提交诉求' }).click();
    await eventually(() => page.locator('.ant-form-item-explain-error').allInnerTexts()).toEqual(expect.arrayContaining(['请填写姓名', '请填写手机号码']));

    await page.getByLabel('姓名').fill('钱女士');
    await page.getByLabel('手机号码').fill('139 1234 4321');
    await page.getByLabel('标题').fill('人民路路灯不亮');
    await page.getByLabel('诉求内容').fill('青禾区人民路与建设路路口的路灯坏了一个多星期，晚上很黑，行人过马路很危险。');
    await page.getByLabel('事发地点').fill('青禾区人民路与建设路路口');
    await page.getByRole('button', { name: '提交诉求' }).click();
    const number = (await page.getByTestId('public-order-id').innerText()).trim();
    expect(number.length).toBeGreaterThan(6);
    expect(await hasHorizontalScroll(page)).toBe(false);

    await page.getByRole('button', { name: '查询办理进度' }).click();
    await eventually(() => page.getByTestId('track-status').innerText()).toBe('已受理');
    const card = await page.locator('.hotline-tracked').innerText();
    expect(card).toContain('人民路路灯不亮');
    expect(card).toContain('已受理');

    // a fresh browser with the wrong last four digits sees nothing of it
    const other = await app.newPage(PHONE);
    await other.goto(`${app.url}/hotline/track`);
    await other.getByLabel('工单编号').fill(number);
    await other.getByLabel('手机号码后四位').fill('0000');
    await other.getByRole('button', { name: '查询' }).click();
    await eventually(() => other.getByRole('alert').first().innerText()).toMatch(/[\u4e00-\u9fff]/);
    expect(await other.locator('.hotline-tracked').count()).toBe(0);

    await other.getByLabel('手机号码后四位').fill('4321');
    await other.getByRole('button', { name: '查询' }).click();
    await eventually(() => other.getByTestId('track-status').innerText()).toBe('已受理');
  });
});
