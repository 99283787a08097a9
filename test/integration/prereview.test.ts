/**
 * Material pre-review through HTTP on SQLite and PostgreSQL: a citizen submits a form and
 * generated files (an ID-card photo read by the local OCR, DOCX and PDF forms), gets a report
 * whose rules pass or fail for the right reason with evidence, follows it with the number and
 * token, and resubmits after 补正; reviewers see only their departments' queue and decide
 * with a reason; knowledge editors version the rules; the audit trail holds the AI check and
 * the human decision.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { systemActor } from '../../src/auth/actor.js';
import { citizenStatusSchema, reviewerDetailSchema, ruleSetSchema, submitResponseSchema, queueResponseSchema, type Rule } from '../../src/prereview/prereview.schema.js';
import { blankPng, brokenIdNumber, formDocx, idCardLines, idCardPng, idNumber, linesPdf, noisePng, validity, type Person } from '../fixtures/prereview/generate.js';
import { multipart } from '../fixtures/prereview/multipart.js';
import { bearerFor, createDepartment } from '../helpers/auth.js';
import { buildServiceItem } from '../helpers/factories.js';
import { HAN, errorResponseSchema } from '../helpers/http.js';
import { DIALECTS, openTestContext, type TestContext } from '../helpers/test-context.js';

const ADMIN = systemActor('test');
type H = Record<string, string>;
type Report = z.infer<typeof submitResponseSchema>['report'];
const statusOf = (report: Report, ruleId: string) => report.results.find((r) => r.ruleId === ruleId)?.status;

const PERSON: Person = { name: '张小明', sex: '男', birth: '19900307', address: '云州市青禾区人民路18号', idNumber: idNumber('110101', '19900307', '451'), validity: validity(2016, 20) };
const applicationForm = (p: Pick<Person, 'name' | 'idNumber'>) => formDocx({ title: '居民身份证换领申请表', rows: [['申请人姓名', p.name], ['公民身份号码', p.idNumber], ['联系电话', '13812345678']] });

describe.each(DIALECTS)('material pre-review (%s)', (dialect) => {
  let t: TestContext;
  let itemId: string;
  let reviewer: H, otherReviewer: H, editor: H, otherEditor: H;
  let otherReviewerId: number;
  let police: number;

  beforeAll(async () => {
    t = await openTestContext(dialect, { searchIndex: false, env: { XZ_RATE_LIMIT_PER_MIN: '100000' } });
    const gov = await createDepartment(t, '云州市青禾区人民政府', 'government');
    police = await createDepartment(t, '青禾区公安分局', 'bureau', gov);
    const civil = await createDepartment(t, '青禾区民政局', 'bureau', gov);
    reviewer = (await bearerFor(t, 'reviewer', { departmentId: police })).headers;
    const other = await bearerFor(t, 'reviewer', { departmentId: civil });
    otherReviewer = other.headers;
    otherReviewerId = other.user.id;
    editor = (await bearerFor(t, 'knowledge-editor', { departmentId: police })).headers;
    otherEditor = (await bearerFor(t, 'knowledge-editor', { departmentId: civil })).headers;
    const item = buildServiceItem({
      department: '青禾区公安分局',
      materials: [
        { name: '居民身份证', type: '1', originals: 1 },
        { name: '居民身份证换领申请表', type: '2' },
        { name: '近期证件照片', type: '3', necessity: '3' },
      ],
    });
    itemId = item.id;
    await t.ctx.knowledge.upsert([item]);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function submit(form: Record<string, string>, files: Array<{ name: string; data: Buffer }>, item = itemId) {
    const body = multipart({ itemId: item, form: JSON.stringify(form) }, files);
    return t.app.inject({ method: 'POST', url: '/api/v1/prereview/applications', ...body });
  }
  async function submitOk(form: Record<string, string>, files: Array<{ name: string; data: Buffer }>) {
    const res = await submit(form, files);
    expect(res.statusCode, res.body).toBe(201);
    return submitResponseSchema.parse(res.json());
  }
  const idCardPdf = (p: Person) => linesPdf(idCardLines(p));
  const decide = (id: string, body: Record<string, unknown>, headers: H) => t.app.inject({ method: 'POST', url: `/api/v1/prereview/applications/${id}/decision`, headers, payload: body });

  it('passes a complete application: ID-card photo read by OCR, DOCX form, matching form fields', async () => {
    const r = await submitOk({ name: PERSON.name, idNumber: PERSON.idNumber, phone: '13812345678' }, [
      { name: '身份证.png', data: await idCardPng(PERSON) },
      { name: '申请表.docx', data: await applicationForm(PERSON) },
    ]);
    expect(r.report.results.filter((x) => x.status !== 'pass'), JSON.stringify(r.report.results)).toEqual([]);
    expect(r.report.suggestion).toBe('pass');
    expect(r.report.results.map((x) => x.ruleId)).toEqual(expect.arrayContaining(['material-1', 'material-2', 'idcard-number', 'idcard-valid', 'form-name-idcard', 'form-id-idcard', 'application-name-idcard', 'form-phone']));
    expect(r.files).toEqual([
      { name: '身份证.png', docType: '居民身份证', extraction: 'ocr' },
      { name: '申请表.docx', docType: '申请表', extraction: 'docx' },
    ]);
    expect(r).toMatchObject({ status: 'pending', statusLabel: '待人工审核', revision: 1, canResubmit: true });
    // the citizen's view masks the ID number in the evidence
    const idEvidence = r.report.results.find((x) => x.ruleId === 'idcard-number')!.evidence[0]!.text;
    expect(idEvidence).not.toContain(PERSON.idNumber);
    expect(idEvidence).toMatch(/^110\*+/);

    const status = await t.app.inject({ method: 'GET', url: `/api/v1/prereview/applications/${r.id}/status`, headers: { 'x-application-token': r.token! } });
    expect(citizenStatusSchema.parse(status.json()).report.suggestion).toBe('pass');
    const wrong = await t.app.inject({ method: 'GET', url: `/api/v1/prereview/applications/${r.id}/status`, headers: { 'x-application-token': 'guess' } });
    expect(wrong.statusCode).toBe(404);

    const audit = await t.ctx.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'ai.prereview').where('entity_id', '=', r.id).execute();
    expect(audit).toHaveLength(1);
    const ai = JSON.parse(audit[0]!.ai!);
    expect(ai).toMatchObject({ producer: `rules:prereview@${itemId}/v0`, outcome: 'pass', citations: [{ docId: itemId, version: 1 }] });
    expect(ai.producerVersion).toMatch(/^paddleocr-ppocrv4@/);
  });

  it('fails an ID number with a wrong check digit, an expired card and a name that differs from the form', async () => {
    const bad = await submitOk({ name: PERSON.name }, [{ name: 'id.pdf', data: await idCardPdf({ ...PERSON, idNumber: brokenIdNumber(PERSON.idNumber) }) }, { name: 'form.docx', data: await applicationForm(PERSON) }]);
    const idRule = bad.report.results.find((x) => x.ruleId === 'idcard-number')!;
    expect(idRule.status).toBe('fail');
    expect(idRule.explanation).toContain('校验位');
    expect(idRule.evidence[0]!.source).toBe('id.pdf');

    const expired = await submitOk({}, [{ name: 'id.pdf', data: await idCardPdf({ ...PERSON, validity: validity(2005, 20, '03.01') }) }, { name: 'form.docx', data: await applicationForm(PERSON) }]);
    const exp = expired.report.results.find((x) => x.ruleId === 'idcard-valid')!;
    expect(exp).toMatchObject({ status: 'fail' });
    expect(exp.explanation).toContain('2025-03-01 过期');

    const mismatch = await submitOk({ name: '张晓明' }, [{ name: 'id.pdf', data: await idCardPdf(PERSON) }, { name: 'form.docx', data: await applicationForm(PERSON) }]);
    const m = mismatch.report.results.find((x) => x.ruleId === 'form-name-idcard')!;
    expect(m.status).toBe('fail');
    expect(m.explanation).toContain('张晓明');
    expect(m.evidence.map((e) => e.source)).toEqual(['申请表单', 'id.pdf']);
    // rules on form fields are named in Chinese, not by their JSON keys
    expect(m.label).toContain('申请表单的姓名');
    expect(bad.report.results.map((x) => x.label).join('')).not.toMatch(/[a-z]{3,}/);
    expect(mismatch.report.suggestion).toBe('fail');
    expect(mismatch.report.summary).toMatch(HAN);
  });

  it('fails a missing material and is uncertain about a blank or noisy photo, never guessing', async () => {
    const missing = await submitOk({}, [{ name: 'id.pdf', data: await idCardPdf(PERSON) }]);
    const m2 = missing.report.results.find((x) => x.ruleId === 'material-2')!;
    expect(m2.status).toBe('fail');
    expect(m2.explanation).toContain('缺少“居民身份证换领申请表”');

    const unreadable = await submitOk({}, [
      { name: '身份证正面.png', data: await blankPng() },
      { name: '身份证反面.png', data: await noisePng() },
      { name: 'form.docx', data: await applicationForm(PERSON) },
    ]);
    const m1 = unreadable.report.results.find((x) => x.ruleId === 'material-1')!;
    expect(m1.status).toBe('uncertain');
    expect(m1.explanation).toContain('身份证正面.png');
    expect(unreadable.files.slice(0, 2).map((f) => f.extraction)).toEqual(['none', 'none']);
    expect(unreadable.report.suggestion).not.toBe('pass');
  });

  it('refuses files by content, naming the file, and writes nothing', async () => {
    const before = await t.ctx.database.db.selectFrom('prereview_applications').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    const res = await submit({}, [{ name: 'id.pdf', data: await idCardPdf(PERSON) }, { name: '扫描件.pdf', data: Buffer.from('MZ\x90\x00 this is not a pdf') }]);
    expect(res.statusCode).toBe(400);
    expect(errorResponseSchema.parse(res.json()).error.message).toContain('扫描件.pdf');
    const none = await submit({}, []);
    expect(errorResponseSchema.parse(none.json()).error.message).toContain('请至少上传');
    const unknownItem = await submit({}, [{ name: 'id.pdf', data: await idCardPdf(PERSON) }], 'no-such-item');
    expect(unknownItem.statusCode).toBe(404);
    // over the per-file limit: named; the limits are the service's settings
    const settings = t.ctx.prereview.settings;
    const saved = settings.maxFileBytes;
    settings.maxFileBytes = 2048;
    try {
      const big = await submit({}, [{ name: '大文件.png', data: await idCardPng(PERSON) }]);
      expect(big.statusCode).toBe(400);
      expect(errorResponseSchema.parse(big.json()).error.message).toMatch(/“大文件\.png”超过 .* MB/);
    } finally {
      settings.maxFileBytes = saved;
    }
    const after = await t.ctx.database.db.selectFrom('prereview_applications').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    expect(Number(after?.n)).toBe(Number(before?.n));
  });

  it('reviewers: queue and detail within their department, decision with a reason, 补正 and resubmission, audit', async () => {
    const app = await submitOk({ name: '张晓明' }, [{ name: 'id.pdf', data: await idCardPdf(PERSON) }, { name: 'form.docx', data: await applicationForm(PERSON) }]);
    const queue = queueResponseSchema.parse((await t.app.inject({ method: 'GET', url: '/api/v1/prereview/queue?limit=200', headers: reviewer })).json());
    expect(queue.items.map((i) => i.id)).toContain(app.id);
    expect(queue.items.find((i) => i.id === app.id)).toMatchObject({ suggestion: 'fail', applicantName: '张**' });
    const otherQueue = queueResponseSchema.parse((await t.app.inject({ method: 'GET', url: '/api/v1/prereview/queue?limit=200', headers: otherReviewer })).json());
    expect(otherQueue.items.map((i) => i.id)).not.toContain(app.id);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/prereview/applications/${app.id}`, headers: otherReviewer })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/prereview/queue' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/prereview/queue', headers: editor })).statusCode).toBe(403);

    const detailRes = await t.app.inject({ method: 'GET', url: `/api/v1/prereview/applications/${app.id}`, headers: reviewer });
    const detail = reviewerDetailSchema.parse(detailRes.json());
    expect(detail).toMatchObject({ form: { name: '张晓明' }, canDecide: true, suggestion: 'fail' });
    expect(detail.files[0]!.text).toContain(PERSON.idNumber);
    expect(detail.files[0]!.fields).toMatchObject({ 姓名: PERSON.name, 公民身份号码: PERSON.idNumber });
    const download = await t.app.inject({ method: 'GET', url: detail.files[0]!.downloadUrl, headers: reviewer });
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(String(download.headers['content-disposition'])).toMatch(/^attachment;/);
    // the workbench shows a PDF or image beside the report instead of downloading it
    const inline = await t.app.inject({ method: 'GET', url: `${detail.files[0]!.downloadUrl}?disposition=inline`, headers: reviewer });
    expect(String(inline.headers['content-disposition'])).toMatch(/^inline;/);

    // a sharing grant opens the application to another department for reading, not for deciding
    await t.ctx.auth.grants.create(ADMIN, { ownerDepartmentId: police, granteeUserId: otherReviewerId, resource: 'prereview.application', purpose: '跨部门协查', expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/prereview/applications/${app.id}`, headers: otherReviewer })).statusCode).toBe(200);
    expect((await decide(app.id, { decision: 'accept', reason: '越权受理' }, otherReviewer)).statusCode).toBe(403);

    const noReason = await decide(app.id, { decision: 'supplement', reason: '' }, reviewer);
    expect(noReason.statusCode).toBe(400);
    expect(errorResponseSchema.parse(noReason.json()).error.message).toContain('reason');
    const supplement = await decide(app.id, { decision: 'supplement', reason: '申请表姓名与身份证不一致，请更正后重新提交' }, reviewer);
    expect(supplement.statusCode, supplement.body).toBe(200);

    const seen = citizenStatusSchema.parse((await t.app.inject({ method: 'GET', url: `/api/v1/prereview/applications/${app.id}/status`, headers: { 'x-application-token': app.token! } })).json());
    expect(seen).toMatchObject({ status: 'supplement', statusLabel: '需补正材料', canResubmit: true, decision: { decision: 'supplement', reason: '申请表姓名与身份证不一致，请更正后重新提交' } });

    const fixed = multipart({ form: JSON.stringify({ name: PERSON.name }) }, [{ name: 'id.pdf', data: await idCardPdf(PERSON) }, { name: 'form.docx', data: await applicationForm(PERSON) }]);
    const re = await t.app.inject({ method: 'POST', url: `/api/v1/prereview/applications/${app.id}/revisions`, payload: fixed.payload, headers: { ...fixed.headers, 'x-application-token': app.token! } });
    expect(re.statusCode, re.body).toBe(200);
    expect(citizenStatusSchema.parse(re.json())).toMatchObject({ revision: 2, status: 'pending', report: { suggestion: 'pass' } });

    const accepted = reviewerDetailSchema.parse((await decide(app.id, { decision: 'accept', reason: '材料齐全，予以受理' }, reviewer)).json());
    expect(accepted).toMatchObject({ status: 'accepted', canDecide: false, revisions: [{ revision: 2 }, { revision: 1 }] });
    expect(accepted.decisions.map((d) => d.decision)).toEqual(['accept', 'supplement']);
    expect((await decide(app.id, { decision: 'reject', reason: '重复决定' }, reviewer)).statusCode).toBe(409);
    const late = await t.app.inject({ method: 'POST', url: `/api/v1/prereview/applications/${app.id}/revisions`, payload: fixed.payload, headers: { ...fixed.headers, 'x-application-token': app.token! } });
    expect(late.statusCode).toBe(409);

    const records = await t.ctx.database.db.selectFrom('audit_log').selectAll().where('entity_id', '=', app.id).orderBy('seq').execute();
    expect(records.map((r) => r.action)).toEqual(['ai.prereview', 'prereview.decision', 'ai.prereview', 'prereview.decision']);
    const last = records[3]!;
    expect(last).toMatchObject({ reason: '材料齐全，予以受理', actor_role: 'reviewer', actor_department_id: String(police) });
    expect(JSON.parse(last.before!)).toMatchObject({ status: 'pending', revision: 2, suggestion: 'pass' });
    expect(JSON.parse(last.after!)).toMatchObject({ status: 'accepted', decision: 'accept' });
    expect(JSON.parse(last.ai!)).toMatchObject({ outcome: 'pass', producer: `rules:prereview@${itemId}/v0` });
  });

  it('versions an item’s rules: defaults from materials, edits by its department’s editors (audited), applied to the next submission', async () => {
    const def = ruleSetSchema.parse((await t.app.inject({ method: 'GET', url: `/api/v1/prereview/rules/${itemId}`, headers: reviewer })).json());
    expect(def).toMatchObject({ version: 0, source: 'default' });
    expect(def.rules.filter((r) => r.kind === 'required_material').map((r) => (r as { material: string }).material)).toEqual(['居民身份证', '居民身份证换领申请表']);

    const rules: Rule[] = [
      ...def.rules,
      { id: 'age-60', kind: 'age', field: 'file[居民身份证].公民身份号码', min: 60, optional: false },
      { id: 'same-phone', kind: 'condition', expr: 'file.申请表.联系电话 == form.phone', message: '申请表上的联系电话与表单不一致', optional: false },
    ];
    const put = (body: Record<string, unknown>, headers: H) => t.app.inject({ method: 'PUT', url: `/api/v1/prereview/rules/${itemId}`, headers, payload: body });
    expect((await put({ rules }, reviewer)).statusCode).toBe(403);
    expect((await put({ rules }, otherEditor)).statusCode).toBe(403);
    const bad = await put({ rules: [{ id: 'x', kind: 'condition', expr: 'constructor.constructor("return 1")()', message: '不可能' }] }, editor);
    expect(bad.statusCode).toBe(400);
    expect(errorResponseSchema.parse(bad.json()).error.message).toContain('x');
    const saved = await put({ rules, note: '老年人优待：60 周岁以上' }, editor);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ changed: true, ruleSet: { version: 1, source: 'custom' } });
    expect((await put({ rules }, editor)).json()).toMatchObject({ changed: false, ruleSet: { version: 1 } });

    const r = await submitOk({ name: PERSON.name, phone: '13900000000' }, [{ name: 'id.pdf', data: await idCardPdf(PERSON) }, { name: 'form.docx', data: await applicationForm(PERSON) }]);
    expect(r.report.ruleSetVersion).toBe(1);
    expect(statusOf(r.report, 'age-60')).toBe('fail');
    expect(r.report.results.find((x) => x.ruleId === 'age-60')!.explanation).toContain('现年 36 周岁');
    expect(statusOf(r.report, 'same-phone')).toBe('fail');
    const audit = await t.ctx.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'prereview.rules.update').where('entity_id', '=', itemId).execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ version: 1 });
  });
});
