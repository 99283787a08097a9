/**
 * A public allocation round in the browser: the administrator creates it with rules and a
 * priority group and opens registration; a citizen registers on the public page; after the
 * window a reviewer sees the rules' suggestion and decides; the administrator publishes the
 * list and the commitment; the supervisor enters the public value and draws; the public page
 * shows the revealed secret matching the commitment and the results, its export verifies; the
 * citizen looks up the result, files an objection, and reads the staff's reply.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/auth/actor.js';
import { idCardCheckChar } from '../../src/prereview/validators/idcard.js';
import { verifyExport } from '../../src/allocation/verify.js';
import { ADMIN, createAccount, signIn } from './support/accounts.js';
import { DESKTOP, useWebApp } from './support/harness.js';
import { eventually } from './support/page.js';

const REVIEWER = { name: 'zige-li', password: 'Reviewer-Pass-2026', role: 'reviewer' as const };
const LEADER = { name: 'jiandu-wang', password: 'Leader-Pass-2026!', role: 'leader' as const };
const id18 = (first17: string) => first17 + idCardCheckChar(first17);
const CITIZEN = { name: '张小明', idNumber: id18('11010119880308451'), phone: '13812345678', household: '110101' };
const PUBLIC_VALUE = '福彩3D 第2026330期 开奖号码 3 0 8';
/** A datetime-local value in this machine's time zone, which the browser on it shares. */
const localMinutes = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
const reviewerActor = (id: number): Actor => ({ kind: 'user', userId: String(id), name: REVIEWER.name, role: 'reviewer', departmentId: null, via: 'session' });

let reviewerId = 0;
const app = useWebApp({
  async seed(server) {
    reviewerId = (await createAccount(server, REVIEWER)).id;
    await createAccount(server, LEADER);
  },
});

async function staffPage(name: string, password: string) {
  const page = await app.newPage(DESKTOP);
  await signIn(page, app.url, name, password);
  await page.getByTestId('user-area').waitFor();
  return page;
}

describe('public resource allocation', () => {
  // five browser sessions and a dozen steps: longer than the default on a busy machine
  it('runs a round from creation to a verified draw, with lookup and an objection', { timeout: 180_000 }, async () => {
    // the administrator creates the round through the header's staff link
    const admin = await staffPage(ADMIN.name, ADMIN.password);
    await admin.getByRole('link', { name: '分配管理' }).click();
    await admin.getByRole('link', { name: '新建轮次' }).click();
    await admin.getByLabel('轮次名称').fill('青禾区 2026 年第四批公租房配租');
    await admin.getByLabel('资源名称').fill('青禾家园公共租赁住房');
    await admin.getByLabel('资源类别').fill('公租房');
    await admin.getByLabel('名额数').fill('2');
    await admin.getByLabel('最低年龄').fill('18');
    await admin.getByLabel('家庭人均年收入上限（元）').fill('50000');
    await admin.getByLabel(/户籍地区代码前缀/).fill('1101');
    // registration closes in a few minutes (the field has minutes); the test later moves the
    // server's clock past it, a small step that leaves the staff sessions valid
    await admin.getByLabel('报名截止').fill(localMinutes(new Date(Date.now() + 3 * 60_000)));
    await admin.getByRole('button', { name: '添加优先组' }).click();
    await admin.getByLabel('优先组 1 名称').fill('优抚对象');
    await admin.getByRole('button', { name: '保存为草稿' }).click();
    await admin.waitForURL(/\/allocation\/admin\/rounds\/AL\d{8}[0-9A-F]{6}$/);
    const roundId = admin.url().split('/').pop()!;
    await admin.getByRole('button', { name: '开始报名' }).click();
    await eventually(() => admin.getByTestId('round-status').innerText()).toBe('报名中');

    // a citizen finds the round from the public header link and registers
    const citizen = await app.newPage(DESKTOP);
    await citizen.goto(app.url);
    await citizen.getByRole('link', { name: '资源分配' }).click();
    await citizen.getByRole('link', { name: '青禾区 2026 年第四批公租房配租' }).click();
    expect(await citizen.locator('.ant-descriptions').first().innerText()).toContain('年满 18 周岁；户籍在北京市；家庭人均年收入不超过 50000 元');
    await citizen.getByRole('button', { name: '我要报名' }).click();
    await citizen.getByLabel('姓名').fill(CITIZEN.name);
    await citizen.getByLabel('居民身份证号码').fill(CITIZEN.idNumber.slice(0, 17) + (CITIZEN.idNumber[17] === '0' ? '1' : '0'));
    await citizen.getByLabel('联系电话').fill(CITIZEN.phone);
    await citizen.getByLabel(/户籍所在地行政区划代码/).fill(CITIZEN.household);
    await citizen.getByLabel('家庭人均年收入（元）').fill('32000');
    await citizen.getByRole('button', { name: '提交报名' }).click();
    // a mistyped ID number is refused with the reason, and nothing is registered
    await eventually(() => citizen.getByRole('alert').innerText()).toContain('校验位不正确');
    await citizen.getByLabel('居民身份证号码').fill(CITIZEN.idNumber);
    await citizen.getByRole('button', { name: '提交报名' }).click();
    const applicationNo = (await citizen.getByTestId('application-no').innerText()).trim();
    expect(applicationNo).toBe(`${roundId}-00001`);

    // three more applicants register through the same service; one lives outside the area
    const services = app.server.ctx.allocation;
    const others = [
      { name: '李娜', idNumber: id18('11010519900202234'), householdDivision: '110105', group: '优抚对象' },
      { name: '王强', idNumber: id18('11010819850303345'), householdDivision: '110108', group: null },
      { name: '赵敏', idNumber: id18('31010419880505567'), householdDivision: '310104', group: null },
    ];
    const numbers = [];
    for (const o of others) numbers.push((await services.applications.register({ kind: 'anonymous', userId: null, name: 'anonymous', role: null, departmentId: null, via: 'none' }, roundId, { ...o, phone: '13900001111', income: 20000, holding: false })).applicationNo);

    // the window closes at its announced time
    const round = await services.rounds.round(roundId);
    app.server.ctx.auth.clock.now = () => new Date(new Date(round.registration_closes_at).getTime() + 1000);
    try {
      await admin.reload();
      await admin.getByRole('button', { name: '截止报名，进入资格审核' }).click();
      await eventually(() => admin.getByTestId('round-status').innerText()).toBe('资格审核');

      // the reviewer sees the rules' suggestion and decides, with a reason
      const reviewer = await staffPage(REVIEWER.name, REVIEWER.password);
      await reviewer.goto(`${app.url}/allocation/admin/rounds/${roundId}`);
      const queue = reviewer.getByTestId('review-queue');
      expect(await queue.innerText()).toContain('不符合条件');
      await queue.getByRole('row', { name: new RegExp(applicationNo) }).getByRole('button', { name: '审核' }).click();
      const drawer = reviewer.getByTestId('review-drawer');
      expect(await drawer.getByTestId('ai-suggestion').innerText()).toBe('符合条件');
      expect(await drawer.innerText()).toContain('按身份证号码计算');
      expect(await drawer.innerText()).not.toContain(CITIZEN.idNumber);
      await drawer.getByLabel('理由').fill('户籍、收入证明核验无误');
      await drawer.getByRole('button', { name: '保存决定' }).click();
      await eventually(() => drawer.innerText()).toContain(`${REVIEWER.name}：合格`);
      for (const [i, no] of numbers.entries()) {
        const qualified = i < 2;
        await services.applications.decide(reviewerActor(reviewerId), no, { decision: qualified ? 'qualified' : 'unqualified', group: qualified ? others[i]!.group : null, reason: qualified ? '核验无误' : '户籍不在本区' });
      }

      // the administrator publishes the list and its hash, then the commitment
      await admin.reload();
      await admin.getByRole('button', { name: '公示合格名单' }).click();
      await eventually(() => admin.getByTestId('round-status').innerText()).toBe('合格名单已公示');
      await admin.getByRole('button', { name: '生成秘密并公布承诺值' }).click();
      await eventually(() => admin.getByTestId('round-status').innerText()).toBe('承诺值已公布');
      const commitment = (await admin.getByTestId('staff-commitment').innerText()).trim();
      expect(commitment).toMatch(/^[0-9a-f]{64}$/);
      // the administrator cannot draw: that is the supervisor's step
      expect(await admin.getByRole('button', { name: '抽签' }).count()).toBe(0);

      const before = await app.newPage(DESKTOP);
      await before.goto(`${app.url}/allocation/rounds/${roundId}`);
      expect((await before.getByTestId('commitment').innerText()).trim()).toBe(commitment);
      expect(await before.getByTestId('secret').count()).toBe(0);
      expect(await before.getByTestId('qualified-list').innerText()).toContain('张*');

      // the supervisor enters the public value and draws
      const leader = await staffPage(LEADER.name, LEADER.password);
      await leader.getByRole('link', { name: '分配管理' }).click();
      await leader.getByRole('link', { name: '青禾区 2026 年第四批公租房配租' }).click();
      await leader.getByLabel('公开随机值').fill(PUBLIC_VALUE);
      await leader.getByRole('button', { name: '抽签' }).click();
      await eventually(() => leader.getByTestId('round-status').innerText()).toBe('已抽签');

      // the public page reveals the secret that matches the commitment, and the results
      const pub = await app.newPage(DESKTOP);
      await pub.goto(`${app.url}/allocation/rounds/${roundId}`);
      const secret = (await pub.getByTestId('secret').innerText()).trim();
      expect(createHash('sha256').update(Buffer.from(secret, 'hex')).digest('hex')).toBe(commitment);
      expect(await pub.getByText(PUBLIC_VALUE).count()).toBe(1);
      const results = await pub.getByTestId('allocation-results').innerText();
      expect(results.match(/入选/g)).toHaveLength(2);
      // the priority group's only member takes its quota first
      expect(results).toMatch(new RegExp(`1\\s+${numbers[0]}\\s+李\\*\\s+优抚对象\\s+入选`));
      const download = pub.waitForEvent('download');
      await pub.getByRole('button', { name: '下载校验文件（JSON）' }).click();
      const file = await (await download).path();
      const { readFile } = await import('node:fs/promises');
      const report = await verifyExport(JSON.parse(await readFile(file, 'utf8')), { commitment });
      expect(report.problems).toEqual([]);
      expect(report.ok).toBe(true);
      // the verifier page the round page links to runs when served too (under the server's CSP)
      const [verifier] = await Promise.all([pub.waitForEvent('popup'), pub.getByRole('button', { name: '打开离线校验页面' }).click()]);
      await verifier.getByLabel('抽签前公布的承诺值').fill(commitment);
      await verifier.getByLabel('校验文件').setInputFiles(file);
      await eventually(() => verifier.locator('#verdict').getAttribute('data-ok')).toBe('true');
      await verifier.close();

      // the citizen looks up the result and objects; staff reply; the citizen reads the reply
      await pub.getByLabel('申请编号').fill(applicationNo);
      await pub.getByLabel('身份证号码后 4 位').fill(CITIZEN.idNumber.slice(-4));
      await pub.getByRole('button', { name: '查询' }).click();
      const mine = pub.getByTestId('lookup-result');
      await eventually(() => mine.innerText()).toMatch(/排位第 [234] 名/);
      expect(await mine.innerText()).toContain('资格审核通过：户籍、收入证明核验无误');
      await pub.getByLabel('申诉事项').click();
      await pub.getByTitle('抽签结果').click();
      await pub.getByLabel('申诉内容').fill('请说明普通组的抽签顺序如何确定');
      await pub.getByRole('button', { name: '提交申诉' }).click();
      await eventually(() => mine.innerText()).toContain('待处理');

      await reviewer.reload();
      const objection = reviewer.getByTestId('objection');
      await objection.getByLabel('处理意见').fill('普通组按申请编号排序后用公开种子洗牌，可用校验文件复核');
      await objection.getByRole('button', { name: '申诉不成立' }).click();
      await eventually(() => objection.innerText()).toContain(`不成立：普通组按申请编号排序后用公开种子洗牌`);

      await pub.getByRole('button', { name: '查询' }).click();
      await eventually(() => pub.getByTestId('objection-status').innerText()).toContain('不成立：普通组按申请编号排序后用公开种子洗牌');
    } finally {
      app.server.ctx.auth.clock.now = () => new Date();
    }
  });
});
