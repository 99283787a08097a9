/**
 * Drafting: a type and a guided form of key points in, a draft out — the template's 正文, or,
 * with an LLM configured, the model's 正文 written from the key points inside the template's
 * frame (title, 主送机关, 署名, 日期 stay the template's). The checker runs on every draft before
 * the user sees it, and every draft is recorded in the audit trail with its producer.
 */
import type { AuditRecorder } from '../../audit/audit.types.js';
import type { Actor } from '../../auth/actor.js';
import type { LlmClient } from '../../assistant/llm-client.js';
import type { DocumentType, OfficialDocument } from '../document.model.js';
import { TYPE_INFO, typeOfClosing } from '../document-types.js';
import { lintDocument, type Finding } from '../lint/index.js';
import { closingFor, fillTemplate, subjectOfTitle } from './templates.js';

export const TEMPLATE_PRODUCER = 'template:gbt9704-v1';

export interface DraftInput {
  type: DocumentType;
  fields: Record<string, string>;
}

export interface DraftResult {
  document: OfficialDocument;
  text: string;
  findings: Finding[];
  producer: 'template' | 'llm';
  model?: string;
  /** why the LLM was not used, when one is configured but failed */
  notice?: string;
}

/** What a received 请示 gives a 批复: its title, 字号 and the body that sent it. */
export function requestFields(request: OfficialDocument): Record<string, string> {
  const title = request.title.trim();
  const about = title.indexOf('关于');
  const requester = request.signature?.split('\n')[0]?.trim() || request.header.issuerMark.replace(/文件$/, '').trim() || (about > 0 ? title.slice(0, about) : '');
  const out: Record<string, string> = { requestTitle: about >= 0 ? title.slice(about) : title, subject: `${subjectOfTitle(title).replace(/^(?:申请|请求)/, '')}` };
  if (requester) out.requester = requester;
  if (request.header.docNumber) out.requestNumber = request.header.docNumber;
  return out;
}

const SYSTEM_PROMPT = [
  '你是党政机关公文写作助手，按《党政机关公文处理工作条例》和GB/T 9704—2012起草公文正文。',
  '只写正文：不写标题、主送机关、署名、成文日期、附件说明。',
  '每段一行；层次序数依次用“一、”“（一）”“1.”“（1）”，不得越级；序号后直接写内容。',
  '只使用用户提供的要点与事实，不编造数字、文号、日期、人名和机构。',
  '语言庄重、准确、简明。',
].join('\n');

function userPrompt(type: DocumentType, fields: Record<string, string>, templateBody: string, closing: string): string {
  const points = Object.entries(fields)
    .filter(([k]) => !['docNumber', 'date', 'signers', 'cc', 'contact', 'attachments'].includes(k))
    .map(([k, v]) => `${k}：${v}`)
    .join('\n');
  const rules: Record<string, string> = {
    请示: '请示一文一事，只提出一项请求事项。',
    报告: '报告不得夹带请示事项，不写“请批示”“请审批”等。',
    批复: '第一段保持模板的开头（引用请示标题和字号）不变。',
    函: '语气平和，用于不相隶属机关之间。',
  };
  return [
    `文种：${type}`,
    `要点：\n${points}`,
    `模板正文（结构参考，可扩写为正式行文）：\n${templateBody}`,
    closing ? `最后一段必须是“${closing}”。` : '',
    rules[type] ?? '',
  ]
    .filter(Boolean)
    .join('\n\n');
}

/** The model's reply as 正文 lines: code fences, a repeated title or 主送机关, 署名 and date dropped. */
export function cleanLlmBody(reply: string, frame: OfficialDocument): string {
  const drop = new Set([frame.title, frame.recipients, frame.signature, frame.date].filter((x): x is string => !!x).map((x) => x.trim()));
  const lines = reply
    .replace(/```[a-z]*\n?/g, '')
    .split(/\r?\n/)
    .map((l) => l.trim().replace(/^#+\s*/, '').replace(/\*\*/g, ''))
    .filter((l) => l && !drop.has(l) && !/^(?:标题|正文)[：:]/.test(l));
  return lines.join('\n');
}

export class DraftingService {
  constructor(
    private readonly deps: {
      audit: AuditRecorder;
      llm: LlmClient | undefined;
      now?: () => Date;
    },
  ) {}

  async draft(actor: Actor, input: DraftInput, meta: { ip?: string } = {}): Promise<DraftResult> {
    const now = this.deps.now?.() ?? new Date();
    const frame = fillTemplate(input.type, input.fields, { now });
    let result: DraftResult = { document: frame, ...lintDocument(frame), producer: 'template' };
    const llm = this.deps.llm;
    if (llm) {
      try {
        const closing = closingFor(input.type, input.fields);
        const reply = await llm.chat([
          { role: 'system', content: SYSTEM_PROMPT },
          { role: 'user', content: userPrompt(input.type, input.fields, frame.body, closing) },
        ]);
        let body = cleanLlmBody(reply, frame);
        if (!body) throw new Error('empty draft');
        // the conventional closing is the template's promise: restored when the model left it out
        const last = body.split('\n').at(-1)!;
        if (closing && typeOfClosing(last)?.type !== input.type && TYPE_INFO[input.type].closings.length) body = `${body}\n${closing}`;
        const document = { ...frame, body };
        result = { document, ...lintDocument(document), producer: 'llm', model: llm.model };
      } catch (err) {
        result.notice = '大模型暂不可用，已按模板生成草稿';
        console.warn(`documents: LLM draft failed, template used: ${(err as Error).message}`);
      }
    }
    await this.deps.audit.record({
      actor,
      action: 'ai.document.draft',
      entityType: 'document_draft',
      entityId: input.type,
      after: { type: input.type, title: result.document.title, findings: result.findings.map((f) => f.rule) },
      ai: {
        question: JSON.stringify({ type: input.type, fields: input.fields }),
        answer: result.text,
        citations: [],
        producer: result.producer === 'llm' ? `llm:${result.model}` : TEMPLATE_PRODUCER,
        producerVersion: result.producer === 'llm' ? result.model! : '1',
        outcome: `${result.findings.filter((f) => f.severity === 'error').length} errors, ${result.findings.filter((f) => f.severity === 'warning').length} warnings`,
      },
      ip: meta.ip,
    });
    return result;
  }
}
