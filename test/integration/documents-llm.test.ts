/**
 * Drafting with an LLM against a local server that speaks the chat-completions protocol: the
 * model writes 正文 inside the template's frame, the checker runs on its output before the
 * user sees it, the conventional closing is kept, the AI draft is recorded in the audit trail
 * with its model, and an error or a timeout falls back to the template (SQLite and PostgreSQL).
 */
import http from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { draftResponseSchema } from '../../src/documents/documents.schema.js';
import { SAMPLE_FIELDS } from '../fixtures/documents/sample-fields.js';
import { bearerFor } from '../helpers/auth.js';
import { localServer } from '../helpers/local-server.js';
import { DIALECTS, openTestContext, type TestContext } from '../helpers/test-context.js';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: { model: string; stream: boolean; messages: { role: string; content: string }[] };
}

function startFakeLlm() {
  const received: Received[] = [];
  let behaviour: { reply: string; fail?: 'error' | 'hang' } = { reply: '' };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const body = JSON.parse(raw) as Received['body'];
      received.push({ headers: req.headers, body });
      if (req.url !== '/v1/chat/completions') return void res.writeHead(404).end();
      if (behaviour.fail === 'error') return void res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"message":"boom"}}');
      if (behaviour.fail === 'hang') return;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'c1', object: 'chat.completion', model: body.model, choices: [{ index: 0, message: { role: 'assistant', content: behaviour.reply }, finish_reason: 'stop' }] }));
    });
  });
  return {
    received,
    set(b: { reply: string; fail?: 'error' | 'hang' }) {
      behaviour = b;
    },
    ...localServer(server),
  };
}

describe.each(DIALECTS)('drafting with an LLM (%s)', (dialect) => {
  const llm = startFakeLlm();
  let t: TestContext;
  let drafter: Record<string, string>;

  beforeAll(async () => {
    const url = await llm.listen();
    t = await openTestContext(dialect, { searchIndex: false, env: { XZ_LLM_BASE_URL: url, XZ_LLM_MODEL: 'test-model', XZ_LLM_API_KEY: 'sk-test', XZ_LLM_TIMEOUT_MS: '400', XZ_RATE_LIMIT_PER_MIN: '100000' } });
    drafter = (await bearerFor(t, 'drafter')).headers;
  });
  afterAll(async () => {
    await t?.close();
    await llm.close();
  });
  beforeEach(() => {
    llm.received.length = 0;
  });

  const draft = async (type: keyof typeof SAMPLE_FIELDS) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/documents/draft', headers: drafter, payload: { type, fields: SAMPLE_FIELDS[type] } });
    expect(res.statusCode, res.body).toBe(200);
    return draftResponseSchema.parse(res.json());
  };

  it('the model writes 正文 from the key points inside the template; the draft is checked and audited', async () => {
    llm.set({ reply: '云州市青禾区人民政府关于做好2026年防汛工作的通知\n为切实做好今年防汛工作，确保安全度汛，现就有关事项通知如下：\n一、加强组织领导\n各单位主要负责同志要亲自部署。\n二、落实防汛责任\n各单位于6月1日前报送责任人名单。\n特此通知。' });
    const r = await draft('通知');
    expect(r.producer).toBe('llm');
    expect(r.model).toBe('test-model');
    expect(r.findings).toEqual([]);
    // the repeated title is dropped; the frame (title, 主送机关, 署名, date) stays the template's
    expect(r.document.body.split('\n')[0]).toBe('为切实做好今年防汛工作，确保安全度汛，现就有关事项通知如下：');
    expect(r.document).toMatchObject({ title: '云州市青禾区人民政府关于做好2026年防汛工作的通知', recipients: '各镇人民政府、街道办事处，区政府各部门：', signature: '云州市青禾区人民政府' });
    const sent = llm.received[0]!;
    expect(sent.headers.authorization).toBe('Bearer sk-test');
    expect(sent.body.model).toBe('test-model');
    expect(sent.body.messages[0]!.content).toContain('GB/T 9704');
    expect(sent.body.messages[1]!.content).toContain('做好2026年防汛工作');
    expect(sent.body.messages[1]!.content).toContain('特此通知。');

    const audit = await t.ctx.audit.list({ action: 'ai.document.draft' }, { limit: 5, pii: true });
    expect(audit.items[0]!.ai).toMatchObject({ producer: 'llm:test-model', producerVersion: 'test-model', answer: r.text });
    expect(audit.items[0]!.ai!.question).toContain('做好2026年防汛工作');
  });

  it('the checker reports what the model got wrong before the user sees it', async () => {
    llm.set({ reply: '现将有关情况报告如下：\n一、工作开展情况\n完成堤防巡查120公里。\n三、下一步工作打算\n汛后启动山塘除险加固，所需资金妥否，请批示。\n特此报告。' });
    const r = await draft('报告');
    expect(r.producer).toBe('llm');
    expect(r.findings.map((f) => f.rule).sort()).toEqual(['heading-order', 'report-request']);
    const offending = r.findings.find((f) => f.rule === 'report-request')!;
    expect(r.text.slice(offending.start, offending.end)).toBe('妥否，请批示');
  });

  it('keeps the conventional closing the model left out', async () => {
    llm.set({ reply: '今年汛期降雨偏多，现有防汛物资不足。\n恳请区政府拨付防汛专项资金50万元，用于购置防汛物资。' });
    const r = await draft('请示');
    expect(r.document.body.split('\n').at(-1)).toBe('妥否，请批示。');
    expect(r.findings).toEqual([]);
  });

  it('falls back to the template when the model fails or does not answer in time', async () => {
    llm.set({ reply: '', fail: 'error' });
    const failed = await draft('函');
    expect(failed).toMatchObject({ producer: 'template', notice: expect.stringContaining('模板'), findings: [] });
    expect(failed.document.body.split('\n').at(-1)).toBe('请予函复。');
    llm.set({ reply: '', fail: 'hang' });
    const hung = await draft('函');
    expect(hung.producer).toBe('template');
    expect(llm.received).toHaveLength(2);
    const audit = await t.ctx.audit.list({ action: 'ai.document.draft' }, { limit: 1, pii: true });
    expect(audit.items[0]!.ai!.producer).toBe('template:gbt9704-v1');
  });
});
