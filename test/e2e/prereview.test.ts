/**
 * Material pre-review in the browser: a citizen applies for 居民身份证换领 with a generated
 * ID-card photo (read by the local OCR) and a DOCX form, sees the name on the form fail
 * against the card with the reason, corrects it and resubmits (a second revision that
 * passes); a reviewer of the item's department finds it in the queue, reads the report beside
 * the files and asks for 补正 with a reason; the citizen's status page shows that decision.
 * The ID-number field flags a wrong check digit as it is typed.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth/actor.js';
import { brokenIdNumber, formDocx, idCardPng, idNumber, validity, type Person } from '../fixtures/prereview/generate.js';
import { createAccount, signIn } from './support/accounts.js';
import { DESKTOP, PHONE, useWebApp } from './support/harness.js';
import { eventually, hasHorizontalScroll } from './support/page.js';

const ITEM = 'qh-item-001';
const REVIEWER = { name: 'yushen-zhao', password: 'Reviewer-Pass-2026', role: 'reviewer' as Role, department: '云州市青禾区公安分局' };
const PERSON: Person = { name: '张小明', sex: '男', birth: '19900307', address: '云州市青禾区人民路18号', idNumber: idNumber('110101', '19900307', '451'), validity: validity(2016, 20) };
const SUPPLEMENT_REASON = '请补充上传本人近期免冠正面彩色数码相片';
// the first run of the OCR loads its models
const REPORT_TIMEOUT = 60_000;

const app = useWebApp({
  async seed(server) {
    await createAccount(server, REVIEWER);
  },
});

const rule = (page: Page, id: string) => page.locator(`.rule-result[data-rule="${id}"]`);

async function upload(page: Page, slotMaterial: string, name: string, mimeType: string, buffer: Buffer): Promise<void> {
  const slot = page.locator(`.material-slot[data-material="${slotMaterial}"]`);
  await slot.locator('input[type=file]').setInputFiles({ name, mimeType, buffer });
  await slot.locator('.ant-upload-list-item', { hasText: name }).waitFor();
}

describe('material pre-review', () => {
  it('a citizen fixes a failing rule and resubmits, a reviewer asks for 补正, the status page shows it', async () => {
    const citizen = await app.newPage(DESKTOP);
    await citizen.goto(`${app.url}/entries/${ITEM}`);
    await citizen.getByRole('button', { name: '材料预审' }).click();
    await citizen.waitForURL(/\/prereview\/qh-item-001$/);
    await citizen.getByRole('heading', { name: /材料预审：居民身份证换领/ }).waitFor();

    await citizen.getByLabel('姓名').fill('张晓明');
    await citizen.getByLabel('公民身份号码').fill(PERSON.idNumber);
    await eventually(() => citizen.getByTestId('pr-idnumber-check').innerText()).toContain('出生日期 1990-03-07，男');
    await citizen.getByLabel('手机号码').fill('13812345678');
    await eventually(() => citizen.getByTestId('pr-phone-check').innerText()).toContain('手机号码');

    // a file that is not a document is refused in its slot, before anything is uploaded
    const idSlot = citizen.locator('.material-slot[data-material="原居民身份证"]');
    await idSlot.locator('input[type=file]').setInputFiles({ name: '身份证.png', mimeType: 'image/png', buffer: Buffer.from('MZ this is a program, not a picture') });
    expect(await idSlot.getByRole('alert').innerText()).toContain('“身份证.png”不是 PDF、Word（DOCX）、JPG 或 PNG 文件');
    expect(await idSlot.locator('.ant-upload-list-item').count()).toBe(0);

    await upload(citizen, '原居民身份证', 'idcard.png', 'image/png', await idCardPng(PERSON));
    const form = await formDocx({ title: '居民身份证申领登记表', rows: [['申请人姓名', PERSON.name], ['公民身份号码', PERSON.idNumber], ['联系电话', '13812345678']] });
    await upload(citizen, '《居民身份证申领登记表》', '登记表.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', form);
    await citizen.getByRole('button', { name: '提交预审' }).click();

    const nameRule = rule(citizen, 'form-name-idcard');
    await nameRule.waitFor({ timeout: REPORT_TIMEOUT });
    expect(await nameRule.getAttribute('data-status')).toBe('fail');
    const failed = await nameRule.innerText();
    expect(failed).toContain('不通过');
    expect(failed).toContain('张晓明');
    expect(failed).toContain('申请表单');
    // the evidence names the file the card was read from, under the material it was uploaded for
    expect(failed).toContain('原居民身份证-idcard.png');
    expect(await rule(citizen, 'idcard-number').getAttribute('data-status')).toBe('pass');
    const id = (await citizen.getByTestId('receipt-id').innerText()).trim();
    const token = (await citizen.getByTestId('receipt-token').innerText()).trim();
    expect(id).toMatch(/^YS\d{8}[0-9A-F]{10}$/);
    expect(token.length).toBeGreaterThan(20);

    // 补正 keeps what was entered and uploaded; only the name changes
    await citizen.getByRole('button', { name: '修改后重新提交' }).click();
    expect(await citizen.locator('.material-slot[data-material="原居民身份证"] .ant-upload-list-item').innerText()).toContain('idcard.png');
    await citizen.getByLabel('姓名').fill(PERSON.name);
    await citizen.getByRole('button', { name: '重新提交预审' }).click();
    await eventually(() => rule(citizen, 'form-name-idcard').getAttribute('data-status')).toBe('pass');
    expect(await citizen.locator('.status-view').innerText()).toContain('第 2 次');
    expect(await citizen.getByTestId('receipt-id').innerText()).toBe(id);

    const reviewer = await app.newPage(DESKTOP);
    await signIn(reviewer, app.url, REVIEWER.name, REVIEWER.password);
    // a reviewer's staff area opens on the pre-review queue
    await reviewer.waitForURL(/\/admin\/prereview$/);
    const row = reviewer.locator('.prereview-queue tr', { hasText: id });
    expect(await row.innerText()).toContain('张**');
    expect(await row.innerText()).not.toContain(PERSON.name);
    await row.getByRole('link', { name: id }).click();
    await reviewer.waitForURL(new RegExp(`/admin/prereview/${id}$`));
    await reviewer.locator('.rule-result[data-rule="form-name-idcard"][data-status="pass"]').waitFor();
    // the card's photo beside the report, and what was read from it on demand
    await eventually(() => reviewer.getByRole('img', { name: '材料原件：原居民身份证-idcard.png' }).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await reviewer.getByRole('switch', { name: '显示识别文字' }).click();
    expect(await reviewer.getByTestId('file-text').innerText()).toContain(PERSON.idNumber);
    expect(await reviewer.locator('.prereview-history').innerText()).toMatch(/第 1 次提交[\s\S]*第 2 次提交/);

    // no decision without a reason
    await reviewer.getByRole('button', { name: '补正' }).click();
    expect(await reviewer.locator('.decision-form').innerText()).toContain('请填写理由');
    await reviewer.getByLabel('审核理由').fill(SUPPLEMENT_REASON);
    await reviewer.getByRole('button', { name: '补正' }).click();
    await reviewer.getByRole('button', { name: '确定' }).click();
    await eventually(() => reviewer.getByTestId('application-status').innerText()).toBe('需补正材料');
    expect(await reviewer.locator('.prereview-history').innerText()).toContain(`补正（第 2 次提交，${REVIEWER.name}）：${SUPPLEMENT_REASON}`);

    // anyone with the number and the token (here a fresh browser) reads the decision
    const later = await app.newPage(PHONE);
    await later.goto(`${app.url}/prereview/status`);
    await later.getByLabel('申请编号').fill(id);
    await later.getByLabel('查询码').fill(token);
    await later.getByRole('button', { name: '查询' }).click();
    const notice = later.getByTestId('decision-notice');
    await notice.waitFor();
    expect(await notice.innerText()).toContain('审核结果：补正');
    expect(await notice.innerText()).toContain(SUPPLEMENT_REASON);
    expect(await later.getByTestId('application-status').innerText()).toBe('需补正材料');
    expect(await later.getByRole('button', { name: '补正材料，重新提交' }).isVisible()).toBe(true);
    expect(await hasHorizontalScroll(later)).toBe(false);

    // a wrong token opens nothing
    await later.getByLabel('查询码').fill(`${token}x`);
    await later.getByRole('button', { name: '查询' }).click();
    await eventually(() => later.getByRole('alert').first().innerText()).toContain('请核对申请编号和查询码');
  });

  it('the ID-number field names a wrong check digit and the form is not sent with it (phone, 大字版)', async () => {
    const page = await app.newPage(PHONE);
    await page.goto(`${app.url}/prereview/${ITEM}`);
    await page.getByTestId('large-font-toggle').click();
    const field = page.getByLabel('公民身份号码');
    await field.fill(brokenIdNumber(PERSON.idNumber));
    const check = page.getByTestId('pr-idnumber-check');
    await eventually(() => check.innerText()).toContain('身份证号码校验位不正确');
    expect(await check.getAttribute('role')).toBe('alert');
    expect(await field.getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('姓名').fill(PERSON.name);
    await page.getByLabel('手机号码').fill('13812345678');
    await page.getByRole('button', { name: '提交预审' }).click();
    expect(await page.locator('.form-problems').innerText()).toContain('公民身份号码有误');
    expect(page.url()).toMatch(/\/prereview\/qh-item-001$/);
    expect(await page.locator('.rule-result').count()).toBe(0);
    expect(await hasHorizontalScroll(page)).toBe(false);

    // corrected, the same field shows what the number says
    await field.fill(PERSON.idNumber);
    await eventually(() => check.innerText()).toContain('出生日期 1990-03-07，男');
  });
});
