/**
 * Official documents through HTTP on SQLite and PostgreSQL: the GB/T 9704 checker on text and
 * on an uploaded .docx, templates and drafting of every type (each draft passes its own
 * checker), a 批复 started from a stored 请示, stored documents with versions, and the flow
 * 拟稿 → 核稿 → 签发 with its permissions, department scope and audit trail.
 */
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENT_TYPES } from '../../src/documents/document.model.js';
import {
  documentRecordSchema,
  draftResponseSchema,
  importResponseSchema,
  lintResponseSchema,
  listResponseSchema,
  parseResponseSchema,
  templatesResponseSchema,
  versionDetailSchema,
  versionsResponseSchema,
} from '../../src/documents/documents.schema.js';
import { SAMPLE_FIELDS } from '../fixtures/documents/sample-fields.js';
import { multipart } from '../fixtures/prereview/multipart.js';
import { bearerFor, createDepartment } from '../helpers/auth.js';
import { HAN, errorResponseSchema } from '../helpers/http.js';
import { DIALECTS, openTestContext, type TestContext } from '../helpers/test-context.js';

type H = Record<string, string>;

/** A .docx as Word writes one: one paragraph per element, the title centred. */
async function docxOf(lines: string[]): Promise<Buffer> {
  const doc = new Document({
    sections: [
      {
        children: lines.map((text, i) => new Paragraph({ alignment: i === 2 ? AlignmentType.CENTER : AlignmentType.LEFT, children: [new TextRun({ text, font: '仿宋_GB2312', size: 32 })] })),
      },
    ],
  });
  return Packer.toBuffer(doc);
}

const BAD_TEXT = '云州市青禾区人民政府关于做好防汛工作的通知\n各镇人民政府:\n　　一、加强领导\n　　三、落实责任\n　　特此通知。\n\n云州市青禾区人民政府\n2026年07月01日\n';

describe.each(DIALECTS)('official documents (%s)', (dialect) => {
  let t: TestContext;
  let drafter: H, drafter2: H, leader: H, otherDrafter: H, reviewerRole: H, citizenless: H;
  let drafterId: number;

  beforeAll(async () => {
    t = await openTestContext(dialect, { searchIndex: false, env: { XZ_RATE_LIMIT_PER_MIN: '100000' } });
    const gov = await createDepartment(t, '云州市青禾区人民政府', 'government');
    const office = await createDepartment(t, '青禾区政府办公室', 'section', gov);
    const water = await createDepartment(t, '青禾区水利局', 'bureau', gov);
    const d = await bearerFor(t, 'drafter', { departmentId: office });
    drafter = d.headers;
    drafterId = d.user.id;
    drafter2 = (await bearerFor(t, 'drafter', { departmentId: office })).headers;
    leader = (await bearerFor(t, 'leader', { departmentId: office })).headers;
    otherDrafter = (await bearerFor(t, 'drafter', { departmentId: water })).headers;
    reviewerRole = (await bearerFor(t, 'reviewer', { departmentId: office })).headers;
    citizenless = {};
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = (url: string, payload: unknown, headers: H) => t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers, payload: payload as object });
  const get = (url: string, headers: H) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers });

  it('lint: findings with rule, Chinese message naming the element, offsets and fix; correct text passes', async () => {
    const res = await post('/documents/lint', { text: BAD_TEXT }, drafter);
    expect(res.statusCode, res.body).toBe(200);
    const { findings } = lintResponseSchema.parse(res.json());
    expect(findings.map((f) => f.rule)).toEqual(['recipients', 'heading-order', 'date']);
    for (const f of findings) expect(Object.keys(f).sort()).toEqual(['end', 'fix', 'message', 'rule', 'severity', 'start']);
    const date = findings.find((f) => f.rule === 'date')!;
    expect(date.message).toMatch(/^成文日期：/);
    expect(BAD_TEXT.slice(date.start, date.end)).toBe('2026年07月01日');
    expect(date.fix).toBe('2026年7月1日');

    const ok = await post('/documents/lint', { text: '关于转发《国办函〔2026〕71号》和工信部联规〔2026〕186号文件的通知\n各镇人民政府：\n　　特此通知。\n' }, drafter);
    expect(lintResponseSchema.parse(ok.json()).findings).toEqual([]);
    const bad = lintResponseSchema.parse((await post('/documents/lint', { text: '按照自然资发[2024]242号文件执行。' }, leader)).json());
    expect(bad.findings).toMatchObject([{ rule: 'doc-number', message: expect.stringContaining('发文字号') }]);
  });

  it('lint: rejects empty text naming the field, and needs a documents role', async () => {
    const empty = await post('/documents/lint', { text: '' }, drafter);
    expect(empty.statusCode).toBe(400);
    expect(errorResponseSchema.parse(empty.json()).error.message).toMatch(/text/);
    expect(errorResponseSchema.parse(empty.json()).error.message).toMatch(HAN);
    expect((await post('/documents/lint', { text: 'x' }, citizenless)).statusCode).toBe(401);
    expect((await post('/documents/lint', { text: 'x' }, reviewerRole)).statusCode).toBe(403);
  });

  it('lint and import a .docx: the same findings as the text, offsets into the extracted text', async () => {
    const data = await docxOf(['云州市青禾区人民政府文件', '青政发[2026]12号', '云州市青禾区人民政府关于做好防汛工作的通知', '各镇人民政府：', '　　一、加强领导', '　　特此通知。', '云州市青禾区人民政府', '2026年7月1日']);
    const body = multipart({}, [{ name: '防汛通知.docx', data, field: 'file', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }]);
    const linted = await t.app.inject({ method: 'POST', url: '/api/v1/documents/lint', headers: { ...drafter, ...body.headers }, payload: body.payload });
    expect(linted.statusCode, linted.body).toBe(200);
    const l = lintResponseSchema.parse(linted.json());
    expect(l.findings).toMatchObject([{ rule: 'doc-number', fix: '〔2026〕12号' }]);
    expect(l.text!.slice(l.findings[0]!.start, l.findings[0]!.end)).toBe('[2026]12号');

    const imported = await t.app.inject({ method: 'POST', url: '/api/v1/documents/import', headers: { ...drafter, ...body.headers }, payload: body.payload });
    expect(imported.statusCode, imported.body).toBe(200);
    const i = importResponseSchema.parse(imported.json());
    expect(i.document).toMatchObject({ type: '通知', title: '云州市青禾区人民政府关于做好防汛工作的通知', recipients: '各镇人民政府：', header: { issuerMark: '云州市青禾区人民政府文件', docNumber: '青政发[2026]12号' }, date: '2026年7月1日' });
    expect(i.findings.map((f) => f.rule)).toEqual(['doc-number']);

    const notDocx = multipart({}, [{ name: '通知.docx', data: Buffer.from('not a zip'), field: 'file' }]);
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/documents/import', headers: { ...drafter, ...notDocx.headers }, payload: notDocx.payload });
    expect(r.statusCode).toBe(400);
    expect(errorResponseSchema.parse(r.json()).error.message).toContain('.docx');
  });

  it('templates of the 15 types; a draft of each passes its own checker', async () => {
    const res = await get('/documents/templates', drafter);
    expect(res.statusCode).toBe(200);
    const { templates } = templatesResponseSchema.parse(res.json());
    expect(templates.map((x) => x.type)).toEqual([...DOCUMENT_TYPES]);
    for (const type of DOCUMENT_TYPES) {
      const d = await post('/documents/draft', { type, fields: SAMPLE_FIELDS[type] }, drafter);
      expect(d.statusCode, `${type}: ${d.body}`).toBe(200);
      const draft = draftResponseSchema.parse(d.json());
      expect(draft.producer).toBe('template');
      expect(draft.findings, `${type}\n${draft.text}`).toEqual([]);
      expect(draft.document.type).toBe(type);
    }
    const missing = await post('/documents/draft', { type: '请示', fields: { issuer: '青禾区水利局' } }, drafter);
    expect(missing.statusCode).toBe(400);
    expect(errorResponseSchema.parse(missing.json()).error.message).toContain('fields.matter');
    expect((await post('/documents/draft', { type: '通知', fields: SAMPLE_FIELDS.通知 }, leader)).statusCode).toBe(403);
  });

  it('parse and render: plain text and the model both ways', async () => {
    const p = parseResponseSchema.parse((await post('/documents/parse', { text: BAD_TEXT }, drafter)).json());
    expect(p.document).toMatchObject({ type: '通知', recipients: '各镇人民政府:', signature: '云州市青禾区人民政府', date: '2026年07月01日' });
    expect(p.findings).toHaveLength(3);
    const r = await post('/documents/render', { document: { ...p.document, recipients: '各镇人民政府：', date: '2026年7月1日', body: '一、加强领导\n二、落实责任\n特此通知。' } }, drafter);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ findings: [] });
  });

  it('a 批复 starts from a stored 请示: its 字号 and title filled in, and the draft passes the checker', async () => {
    const request = await post('/documents', { text: '云州市青禾区水利局文件\n青水〔2026〕3号　　签发人：王明\n\n云州市青禾区水利局关于申请防汛专项资金的请示\n\n青禾区人民政府：\n　　恳请区政府拨付防汛专项资金50万元。\n　　妥否，请批示。\n\n云州市青禾区水利局\n2026年5月10日\n' }, drafter);
    expect(request.statusCode, request.body).toBe(201);
    const requestId = documentRecordSchema.parse(request.json()).id;
    const d = await post('/documents/draft', { type: '批复', fields: { issuer: '云州市青禾区人民政府', decision: '同意拨付防汛专项资金50万元' }, fromRequest: { documentId: requestId } }, drafter);
    expect(d.statusCode, d.body).toBe(200);
    const draft = draftResponseSchema.parse(d.json());
    expect(draft.document.recipients).toBe('云州市青禾区水利局：');
    expect(draft.document.body.split('\n')[0]).toBe('你局《关于申请防汛专项资金的请示》（青水〔2026〕3号）收悉。经研究，现批复如下：');
    expect(draft.findings).toEqual([]);
    // another department's 请示 is not found for this drafter
    const other = await post('/documents/draft', { type: '批复', fields: { issuer: '青禾区人民政府', decision: '同意' }, fromRequest: { documentId: requestId } }, otherDrafter);
    expect(other.statusCode).toBe(404);
  });

  it('versions and the flow 拟稿 → 核稿 → 签发: no self-review, 签发 by documents.sign, 退回 with a reason, all audited', async () => {
    const draft = draftResponseSchema.parse((await post('/documents/draft', { type: '通知', fields: SAMPLE_FIELDS.通知 }, drafter)).json());
    const created = await post('/documents', { document: draft.document, source: 'template' }, drafter);
    expect(created.statusCode, created.body).toBe(201);
    const doc = documentRecordSchema.parse(created.json());
    expect(doc).toMatchObject({ status: 'drafting', statusLabel: '拟稿', version: 1, findings: [], docNumber: '青政发〔2026〕12号' });

    // each save is a new version; a stale base version is a conflict
    const edited = { ...draft.document, body: draft.document.body.replace('加强组织领导', '切实加强组织领导') };
    const v2 = await t.app.inject({ method: 'PUT', url: `/api/v1/documents/${doc.id}`, headers: drafter, payload: { document: edited, baseVersion: 1 } });
    expect(v2.statusCode, v2.body).toBe(200);
    expect(documentRecordSchema.parse(v2.json()).version).toBe(2);
    const stale = await t.app.inject({ method: 'PUT', url: `/api/v1/documents/${doc.id}`, headers: drafter, payload: { document: draft.document, baseVersion: 1 } });
    expect(stale.statusCode).toBe(409);
    const versions = versionsResponseSchema.parse((await get(`/documents/${doc.id}/versions`, drafter)).json()).versions;
    expect(versions.map((v) => [v.version, v.source])).toEqual([[2, 'manual'], [1, 'template']]);
    const first = versionDetailSchema.parse((await get(`/documents/${doc.id}/versions/1`, drafter)).json());
    expect(first.document.body).toBe(draft.document.body);

    const flow = (action: string, payload: object, headers: H) => post(`/documents/${doc.id}/${action}`, payload, headers);
    expect((await flow('review', { decision: 'approve' }, drafter2)).statusCode).toBe(409); // not submitted yet
    expect((await flow('submit', {}, drafter)).statusCode).toBe(200);
    const locked = await t.app.inject({ method: 'PUT', url: `/api/v1/documents/${doc.id}`, headers: drafter, payload: { document: edited } });
    expect(locked.statusCode).toBe(409);
    const self = await flow('review', { decision: 'approve' }, drafter);
    expect(self.statusCode).toBe(403);
    expect(errorResponseSchema.parse(self.json()).error.message).toContain('自己起草');
    expect((await flow('review', { decision: 'approve' }, otherDrafter)).statusCode).toBe(404); // another department
    const noReason = await flow('review', { decision: 'return' }, drafter2);
    expect(noReason.statusCode).toBe(400);
    const returned = await flow('review', { decision: 'return', reason: '请补充防汛物资储备要求' }, drafter2);
    expect(documentRecordSchema.parse(returned.json()).status).toBe('drafting');

    expect((await flow('submit', {}, drafter)).statusCode).toBe(200);
    expect((await flow('review', { decision: 'approve' }, leader)).statusCode).toBe(200);
    expect((await flow('sign', { decision: 'sign' }, drafter2)).statusCode).toBe(403); // a drafter cannot 签发
    const signed = documentRecordSchema.parse((await flow('sign', { decision: 'sign' }, leader)).json());
    expect(signed.status).toBe('signed');
    expect(signed.flow.map((s) => s.action)).toEqual(['create', 'save', 'submit', 'return', 'submit', 'approve', 'sign']);
    expect(signed.flow.find((s) => s.action === 'return')!.reason).toBe('请补充防汛物资储备要求');
    expect((await flow('sign', { decision: 'sign' }, leader)).statusCode).toBe(409);

    const list = listResponseSchema.parse((await get('/documents?status=signed', drafter)).json());
    expect(list.items.map((x) => x.id)).toContain(doc.id);
    expect(listResponseSchema.parse((await get('/documents', otherDrafter)).json()).items.map((x) => x.id)).not.toContain(doc.id);

    const audit = await t.ctx.audit.list({ entityId: doc.id }, { limit: 50, pii: true });
    expect(audit.items.map((a) => a.action).reverse()).toEqual(['document.create', 'document.save', 'document.submit', 'document.review.return', 'document.submit', 'document.review.approve', 'document.sign']);
    expect(audit.items.find((a) => a.action === 'document.review.return')!.reason).toBe('请补充防汛物资储备要求');
    const drafts = await t.ctx.audit.list({ action: 'ai.document.draft', actor: String(drafterId) }, { limit: 50, pii: true });
    expect(drafts.items.length).toBeGreaterThan(0);
    expect(drafts.items[0]!.ai).toMatchObject({ producer: 'template:gbt9704-v1' });
    expect((await t.ctx.audit.verify()).ok).toBe(true);
  });

  it('whoever wrote any version of a document cannot 核稿 it', async () => {
    const created = documentRecordSchema.parse((await post('/documents', { text: '云州市青禾区人民政府办公室关于做好节水工作的通知\n各镇人民政府：\n　　特此通知。\n' }, drafter)).json());
    const edited = await t.app.inject({ method: 'PUT', url: `/api/v1/documents/${created.id}`, headers: drafter2, payload: { text: '云州市青禾区人民政府办公室关于做好节约用水工作的通知\n各镇人民政府：\n　　特此通知。\n' } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(documentRecordSchema.parse(edited.json()).title).toBe('云州市青禾区人民政府办公室关于做好节约用水工作的通知');
    expect((await post(`/documents/${created.id}/submit`, {}, drafter)).statusCode).toBe(200);
    const byEditor = await post(`/documents/${created.id}/review`, { decision: 'approve' }, drafter2);
    expect(byEditor.statusCode).toBe(403);
    expect(errorResponseSchema.parse(byEditor.json()).error.message).toContain('修改过');
    expect((await post(`/documents/${created.id}/review`, { decision: 'approve' }, leader)).statusCode).toBe(200);
  });

  it('saving plain text parses it; text without a title is refused naming the field', async () => {
    const res = await post('/documents', { text: '　　只有正文，没有标题。' }, drafter);
    expect(res.statusCode).toBe(400);
    expect(errorResponseSchema.parse(res.json()).error.message).toContain('text');
    const both = await post('/documents', {}, drafter);
    expect(both.statusCode).toBe(400);
  });
});
