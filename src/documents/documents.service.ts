/**
 * Official documents: checking, drafting, import, and stored documents with versions and the
 * approval flow 拟稿 → 核稿 → 签发. Each save is a new version; each step is a row of the flow
 * and a record of the audit trail, written in one transaction with the change.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditRecorder } from '../audit/audit.types.js';
import type { Actor } from '../auth/actor.js';
import type { Clock } from '../auth/clock.js';
import type { DepartmentScope } from '../auth/department-scope.js';
import { assertCan, can } from '../auth/policy.js';
import type { DB } from '../db/database.types.js';
import { AppError, ErrorCode } from '../shared/app-error.js';
import { officialDocumentSchema, type DocumentType, type OfficialDocument } from './document.model.js';
import type { DocumentRow, DocumentsRepository } from './documents.repository.js';
import {
  STATUS_LABELS,
  type DocumentRecord,
  type DocumentStatus,
  type DocumentSummary,
  type SaveInput,
} from './documents.schema.js';
import { docxToText } from './docx-text.js';
import { requestFields, type DraftingService, type DraftResult } from './drafting/drafting.service.js';
import { listTemplates, type DocumentTemplate } from './drafting/templates.js';
import { lintDocument, lintText, type Finding } from './lint/index.js';
import { parsePlainText, renderPlainText } from './plain-text.js';

const RESOURCE = 'documents';
type Meta = { ip?: string };
type FlowAction = 'create' | 'save' | 'submit' | 'approve' | 'return' | 'sign';

export class DocumentsService {
  constructor(
    private readonly deps: {
      db: Kysely<DB>;
      repo: DocumentsRepository;
      scope: DepartmentScope;
      audit: AuditRecorder;
      clock: Clock;
      drafting: DraftingService;
    },
  ) {}

  /** Checking and reading drafts is for those who write or check documents. */
  private assertWorksOnDocuments(actor: Actor): void {
    if (can(actor, 'documents.draft') || can(actor, 'documents.review') || can(actor, 'documents.sign')) return;
    assertCan(actor, 'documents.draft');
  }

  templates(actor: Actor): DocumentTemplate[] {
    assertCan(actor, 'documents.draft');
    return listTemplates();
  }

  lint(actor: Actor, text: string, type?: DocumentType): Finding[] {
    this.assertWorksOnDocuments(actor);
    return lintText(text, { type });
  }

  parse(actor: Actor, text: string, type?: DocumentType): { document: OfficialDocument; findings: Finding[] } {
    this.assertWorksOnDocuments(actor);
    return { document: parsePlainText(text, { type }).document, findings: lintText(text, { type }) };
  }

  render(actor: Actor, doc: OfficialDocument): { text: string; findings: Finding[] } {
    this.assertWorksOnDocuments(actor);
    return lintDocument(doc);
  }

  /** A .docx read as plain text, parsed and checked; nothing is stored. */
  async importDocx(actor: Actor, data: Buffer, type?: DocumentType): Promise<{ document: OfficialDocument; text: string; findings: Finding[] }> {
    this.assertWorksOnDocuments(actor);
    const text = await docxToText(data);
    return { document: parsePlainText(text, { type }).document, text, findings: lintText(text, { type }) };
  }

  async draft(actor: Actor, input: { type: DocumentType; fields: Record<string, string>; fromRequest?: { documentId?: string; text?: string } }, meta: Meta = {}): Promise<DraftResult> {
    assertCan(actor, 'documents.draft');
    let fields = input.fields;
    if (input.fromRequest) {
      if (input.type !== '批复') throw new AppError(ErrorCode.ValidationFailed, '只有批复可以从请示开始起草（fromRequest）', { field: 'fromRequest' });
      const request = input.fromRequest.documentId ? (await this.get(actor, input.fromRequest.documentId)).document : parsePlainText(input.fromRequest.text!, { type: '请示' }).document;
      if (request.type !== '请示') throw new AppError(ErrorCode.ValidationFailed, `所选公文的文种是“${request.type}”，批复只能答复请示`, { field: 'fromRequest' });
      // what the user typed wins over what the 请示 gives
      fields = { ...requestFields(request), ...Object.fromEntries(Object.entries(input.fields).filter(([, v]) => v.trim())) };
    }
    return this.deps.drafting.draft(actor, { type: input.type, fields }, meta);
  }

  /** The model and its plain text: a document is rendered, a text is parsed (and kept as typed). */
  private content(input: SaveInput): { document: OfficialDocument; text: string } {
    if (input.document) return { document: input.document, text: renderPlainText(input.document) };
    const text = input.text!;
    const document = parsePlainText(text, { type: input.type }).document;
    if (!document.title && document.type !== '命令') throw new AppError(ErrorCode.ValidationFailed, '请求参数有误：text 中未找到公文标题', { field: 'text' });
    return { document, text };
  }

  async create(actor: Actor, input: SaveInput, meta: Meta = {}): Promise<DocumentRecord> {
    assertCan(actor, 'documents.draft');
    const { document, text } = this.content(input);
    const now = this.deps.clock.now().toISOString();
    const id = `GW${now.slice(0, 10).replace(/-/g, '')}${randomBytes(5).toString('hex').toUpperCase()}`;
    await this.deps.db.transaction().execute(async (trx) => {
      await this.deps.repo.insertDocument(trx, {
        id,
        type: document.type,
        title: document.title,
        doc_number: document.header.docNumber ?? null,
        status: 'drafting',
        version: 1,
        department_id: actor.departmentId === null ? null : Number(actor.departmentId),
        created_by: actorId(actor),
        created_by_name: actor.name,
        created_at: now,
        updated_at: now,
      });
      await this.insertVersion(trx, actor, id, 1, document, text, input, now);
      await this.step(trx, actor, id, 1, 'create', null, now);
      await this.deps.audit.record({ actor, action: 'document.create', entityType: 'document', entityId: id, after: { version: 1, type: document.type, title: document.title, source: input.source ?? (input.text ? 'text' : 'manual') }, reason: input.note, ip: meta.ip }, trx);
    });
    return this.get(actor, id);
  }

  async save(actor: Actor, id: string, input: SaveInput, meta: Meta = {}): Promise<DocumentRecord> {
    assertCan(actor, 'documents.draft');
    const row = await this.actable(actor, id);
    if (row.status !== 'drafting') throw conflict(row, '修改');
    if (input.baseVersion !== undefined && input.baseVersion !== row.version) {
      throw new AppError(ErrorCode.Conflict, `公文已有更新的版本（第 ${row.version} 版），请在最新版本上修改`, { field: 'baseVersion', version: row.version });
    }
    const { document, text } = this.content(input);
    const now = this.deps.clock.now().toISOString();
    const version = row.version + 1;
    await this.deps.db.transaction().execute(async (trx) => {
      const moved = await this.deps.repo.update(trx, id, row, { version, title: document.title, type: document.type, doc_number: document.header.docNumber ?? null, updated_at: now });
      if (!moved) throw new AppError(ErrorCode.Conflict, '公文刚被他人修改或流转，请刷新后重试');
      await this.insertVersion(trx, actor, id, version, document, text, input, now);
      await this.step(trx, actor, id, version, 'save', null, now);
      await this.deps.audit.record({ actor, action: 'document.save', entityType: 'document', entityId: id, before: { version: row.version, title: row.title }, after: { version, title: document.title, source: input.source ?? (input.text ? 'text' : 'manual') }, reason: input.note, ip: meta.ip }, trx);
    });
    return this.get(actor, id);
  }

  /** 提交核稿 */
  async submit(actor: Actor, id: string, meta: Meta = {}): Promise<DocumentRecord> {
    assertCan(actor, 'documents.draft');
    const row = await this.actable(actor, id);
    if (row.status !== 'drafting') throw conflict(row, '提交核稿');
    return this.move(actor, row, 'reviewing', 'submit', 'document.submit', undefined, meta);
  }

  /** 核稿: approve to 签发, or return to 拟稿 with a reason. Nobody checks their own draft. */
  async review(actor: Actor, id: string, input: { decision: 'approve' | 'return'; reason?: string }, meta: Meta = {}): Promise<DocumentRecord> {
    assertCan(actor, 'documents.review');
    const row = await this.actable(actor, id);
    if (row.status !== 'reviewing') throw conflict(row, '核稿');
    // 核稿 is a second pair of eyes: whoever wrote any version of the text is not one
    if ((await this.deps.repo.authors(id)).includes(actorId(actor))) throw new AppError(ErrorCode.Forbidden, '不能核稿自己起草或修改过的公文，请由其他人核稿');
    if (input.decision === 'approve') return this.move(actor, row, 'reviewed', 'approve', 'document.review.approve', input.reason, meta);
    return this.move(actor, row, 'drafting', 'return', 'document.review.return', input.reason, meta);
  }

  /** 签发: sign off, or return to 拟稿 with a reason. */
  async sign(actor: Actor, id: string, input: { decision: 'sign' | 'return'; reason?: string }, meta: Meta = {}): Promise<DocumentRecord> {
    assertCan(actor, 'documents.sign');
    const row = await this.actable(actor, id);
    if (row.status !== 'reviewed') throw conflict(row, '签发');
    if (input.decision === 'sign') return this.move(actor, row, 'signed', 'sign', 'document.sign', input.reason, meta);
    return this.move(actor, row, 'drafting', 'return', 'document.sign.return', input.reason, meta);
  }

  async list(actor: Actor, query: { status?: DocumentStatus; limit: number; offset: number }): Promise<{ items: DocumentSummary[]; total: number }> {
    this.assertWorksOnDocuments(actor);
    const view = await this.deps.scope.view(actor, RESOURCE);
    const { items, total } = await this.deps.repo.list({ visible: view.visible, includeUnowned: view.canSee(null), status: query.status, limit: query.limit, offset: query.offset });
    return { items: items.map(summary), total };
  }

  /** A stored document with its latest version, findings and flow (the EXPORT helper reads it too). */
  async get(actor: Actor, id: string): Promise<DocumentRecord> {
    const row = await this.visible(actor, id);
    const v = await this.deps.repo.version(id, row.version);
    if (!v) throw new AppError(ErrorCode.Internal, `document ${id} lacks version ${row.version}`);
    const document = officialDocumentSchema.parse(JSON.parse(v.content));
    const actions = await this.deps.repo.actions(id);
    return {
      ...summary(row),
      document,
      text: v.text,
      findings: lintText(v.text, { type: document.type }),
      flow: actions.map((a) => ({ action: a.action as FlowAction, actorId: a.actor_id, actorName: a.actor_name, role: a.role, at: a.created_at, reason: a.reason, version: a.version })),
    };
  }

  async versions(actor: Actor, id: string) {
    await this.visible(actor, id);
    const rows = await this.deps.repo.versions(id);
    return { versions: rows.map((r) => ({ version: r.version, createdAt: r.created_at, createdBy: r.created_by, createdByName: r.created_by_name, source: r.source, note: r.note, title: (JSON.parse(r.content) as OfficialDocument).title })) };
  }

  async version(actor: Actor, id: string, version: number) {
    await this.visible(actor, id);
    const r = await this.deps.repo.version(id, version);
    if (!r) throw new AppError(ErrorCode.NotFound, `公文 ${id} 没有第 ${version} 版`);
    const document = officialDocumentSchema.parse(JSON.parse(r.content));
    return { version: r.version, createdAt: r.created_at, createdBy: r.created_by, createdByName: r.created_by_name, source: r.source, note: r.note, title: document.title, document, text: r.text };
  }

  /** The document, when the actor's departments (or a sharing grant) reach it; 404 otherwise, so ids do not leak. */
  private async visible(actor: Actor, id: string): Promise<DocumentRow> {
    this.assertWorksOnDocuments(actor);
    const row = await this.deps.repo.document(id);
    if (!row || !(await this.deps.scope.canSee(actor, RESOURCE, row.department_id))) throw new AppError(ErrorCode.NotFound, `未找到公文：${id}`);
    return row;
  }

  /** Acting on a document (save, flow steps) needs the actor's own departments; a grant only shares reading. */
  private async actable(actor: Actor, id: string): Promise<DocumentRow> {
    const row = await this.visible(actor, id);
    const own = await this.deps.scope.ownDepartmentIds(actor);
    if (own !== 'all' && !(row.department_id === null ? true : own.has(row.department_id))) throw new AppError(ErrorCode.Forbidden, '只能处理本部门的公文');
    return row;
  }

  private async move(actor: Actor, row: DocumentRow, status: DocumentStatus, action: FlowAction, auditAction: string, reason: string | undefined, meta: Meta): Promise<DocumentRecord> {
    const now = this.deps.clock.now().toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      const moved = await this.deps.repo.update(trx, row.id, row, { status, updated_at: now });
      if (!moved) throw new AppError(ErrorCode.Conflict, '公文刚被他人修改或流转，请刷新后重试');
      await this.step(trx, actor, row.id, row.version, action, reason ?? null, now);
      await this.deps.audit.record({ actor, action: auditAction, entityType: 'document', entityId: row.id, before: { status: row.status, version: row.version }, after: { status, version: row.version }, reason, ip: meta.ip }, trx);
    });
    return this.get(actor, row.id);
  }

  private async insertVersion(trx: Kysely<DB>, actor: Actor, id: string, version: number, document: OfficialDocument, text: string, input: SaveInput, now: string) {
    await this.deps.repo.insertVersion(trx, { document_id: id, version, content: JSON.stringify(document), text, source: input.source ?? (input.text ? 'text' : 'manual'), note: input.note ?? null, created_by: actorId(actor), created_by_name: actor.name, created_at: now });
  }

  private async step(trx: Kysely<DB>, actor: Actor, id: string, version: number, action: FlowAction, reason: string | null, now: string) {
    await this.deps.repo.insertAction(trx, { document_id: id, version, action, actor_id: actorId(actor), actor_name: actor.name, role: actor.role, reason, created_at: now });
  }
}

const actorId = (actor: Actor) => actor.userId ?? actor.name;

function summary(row: DocumentRow): DocumentSummary {
  const status = row.status as DocumentStatus;
  return {
    id: row.id,
    type: row.type as DocumentType,
    title: row.title,
    docNumber: row.doc_number,
    status,
    statusLabel: STATUS_LABELS[status],
    version: row.version,
    departmentId: row.department_id,
    createdBy: row.created_by,
    createdByName: row.created_by_name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function conflict(row: DocumentRow, what: string): AppError {
  return new AppError(ErrorCode.Conflict, `公文当前状态为“${STATUS_LABELS[row.status as DocumentStatus]}”，不能${what}`, { status: row.status });
}
