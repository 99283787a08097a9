/**
 * Material pre-review: an application (service item + form + files) is read, classified and
 * checked against the item's rules; the report is a suggestion. A reviewer of the item's
 * department decides; both the AI check and the decision go into the audit trail.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { ANONYMOUS, type Actor } from '../auth/actor.js';
import type { Clock } from '../auth/clock.js';
import type { DepartmentScope } from '../auth/department-scope.js';
import { assertCan, can } from '../auth/policy.js';
import type { AuditRecorder } from '../audit/audit.types.js';
import type { DB } from '../db/database.types.js';
import type { ServiceItem } from '../knowledge/knowledge.schema.js';
import { KnowledgePolicy, departmentOfBody } from '../knowledge/knowledge.policy.js';
import type { KnowledgeService } from '../knowledge/knowledge.service.js';
import { canonicalJson } from '../knowledge/knowledge.service.js';
import { AppError, ErrorCode } from '../shared/app-error.js';
import { classifyDocument } from './extraction/classify.js';
import { extractFields } from './extraction/fields.js';
import { detectFileKind, MIME } from './extraction/file-type.js';
import type { OcrEngine } from './extraction/ocr.js';
import { extractFileText } from './extraction/text-extract.js';
import { canResubmit, presentCitizenStatus, presentDecision, presentFile, presentQueueItem } from './prereview.presenter.js';
import type { PrereviewRepository } from './prereview.repository.js';
import { DECISION_STATUS, STATUS_LABELS, ruleListSchema, type ApplicationStatus, type Report, type Rule, type RuleSet } from './prereview.schema.js';
import { ConditionSyntaxError, parseCondition } from './rules/condition.js';
import { defaultRules } from './rules/default-rules.js';
import { buildReport, runRules, type CheckedFile } from './rules/rule-engine.js';
import { todayInShanghai } from './validators/normalize.js';

export const PREREVIEW_RESOURCE = 'prereview.application';

export interface PrereviewSettings {
  maxFileBytes: number;
  maxTotalBytes: number;
  maxFiles: number;
}
export const DEFAULT_PREREVIEW_SETTINGS: PrereviewSettings = { maxFileBytes: 10 * 1024 * 1024, maxTotalBytes: 30 * 1024 * 1024, maxFiles: 20 };

export interface UploadedFile {
  name: string;
  data: Buffer;
}
export interface SubmissionInput {
  form: Record<string, string>;
  files: UploadedFile[];
}
interface Meta {
  ip?: string;
}

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

export class PrereviewService {
  private readonly kbPolicy: KnowledgePolicy;

  constructor(
    private readonly deps: {
      db: Kysely<DB>;
      repo: PrereviewRepository;
      knowledge: KnowledgeService;
      scope: DepartmentScope;
      audit: AuditRecorder;
      clock: Clock;
      ocr: OcrEngine;
      settings: PrereviewSettings;
    },
  ) {
    this.kbPolicy = new KnowledgePolicy(deps.scope);
  }

  get ocr(): OcrEngine {
    return this.deps.ocr;
  }

  /** upload limits (the HTTP layer enforces them while reading the request) */
  get settings(): PrereviewSettings {
    return this.deps.settings;
  }

  /** The item in force today; drafts, retired or unknown ids and non-items are refused. */
  private async itemInForce(itemId: string): Promise<{ item: ServiceItem; version: number }> {
    const entry = await this.deps.knowledge.get(itemId);
    if (entry.kind !== 'item' || !entry.inForce || entry.status === 'draft') throw new AppError(ErrorCode.NotFound, `未找到正在实施的办事事项：${itemId}`, { field: 'itemId' });
    return { item: entry.body as unknown as ServiceItem, version: entry.version };
  }

  /** The rules that apply to an item now: the latest saved version, or rules derived from its materials. */
  async rulesFor(itemId: string, item: ServiceItem): Promise<{ rules: Rule[]; version: number }> {
    const saved = await this.deps.repo.latestRuleSet(itemId);
    if (saved) return { rules: ruleListSchema.parse(JSON.parse(saved.rules)), version: saved.version };
    return { rules: defaultRules(item), version: 0 };
  }

  /** Reads every file before anything is written: bad input is refused whole, naming the file. */
  private async readFiles(files: UploadedFile[]): Promise<Array<CheckedFile & { mime: string; data: Buffer; method: string; confidence: number | null }>> {
    const s = this.deps.settings;
    if (files.length === 0) throw new AppError(ErrorCode.ValidationFailed, '请至少上传一个材料文件', { field: 'files' });
    if (files.length > s.maxFiles) throw new AppError(ErrorCode.ValidationFailed, `一次最多上传 ${s.maxFiles} 个文件`, { field: 'files' });
    const total = files.reduce((n, f) => n + f.data.length, 0);
    if (total > s.maxTotalBytes) throw new AppError(ErrorCode.ValidationFailed, `文件总大小不能超过 ${s.maxTotalBytes / 1024 / 1024} MB`, { field: 'files' });
    const kinds = files.map((f) => {
      if (f.data.length === 0) throw new AppError(ErrorCode.ValidationFailed, `文件“${f.name}”是空的，请重新选择`, { field: 'files', file: f.name });
      if (f.data.length > s.maxFileBytes) throw new AppError(ErrorCode.ValidationFailed, `文件“${f.name}”超过 ${s.maxFileBytes / 1024 / 1024} MB`, { field: 'files', file: f.name });
      const kind = detectFileKind(f.data);
      if (!kind) throw new AppError(ErrorCode.ValidationFailed, `文件“${f.name}”的格式不受支持：只接受 PDF、Word（DOCX）、JPG、PNG 文件（按文件内容判断，改扩展名无效）`, { field: 'files', file: f.name });
      return kind;
    });
    const out = [];
    for (const [i, f] of files.entries()) {
      const extracted = await extractFileText(f.data, kinds[i]!, this.deps.ocr);
      const cls = classifyDocument(extracted.text, f.name);
      out.push({
        name: f.name,
        data: f.data,
        mime: MIME[kinds[i]!],
        text: extracted.text,
        docType: cls.docType,
        fields: extractFields(extracted.text, cls.docType),
        method: extracted.method,
        confidence: extracted.confidence,
        ...(extracted.problem ? { problem: extracted.problem } : {}),
      });
    }
    return out;
  }

  private async check(itemId: string, item: ServiceItem, form: Record<string, string>, files: CheckedFile[]): Promise<{ report: Report; ruleSetVersion: number }> {
    const { rules, version } = await this.rulesFor(itemId, item);
    const now = this.deps.clock.now();
    const results = runRules(rules, { form, files, today: todayInShanghai(now) });
    const report = buildReport(results, { ruleSetVersion: version, producer: `rules:prereview@${itemId}/v${version}`, ocrEngine: this.deps.ocr.name, checkedAt: now.toISOString() });
    return { report, ruleSetVersion: version };
  }

  async submit(actor: Actor, itemId: string, input: SubmissionInput, meta: Meta = {}) {
    const { item, version } = await this.itemInForce(itemId);
    const files = await this.readFiles(input.files);
    const { report, ruleSetVersion } = await this.check(itemId, item, input.form, files);
    const department = await this.deps.scope.departmentNamed(departmentOfBody({ ...item, kind: 'item' }));
    const now = this.deps.clock.now().toISOString();
    const id = `YS${now.slice(0, 10).replace(/-/g, '')}${randomBytes(5).toString('hex').toUpperCase()}`;
    const token = randomBytes(24).toString('base64url');
    await this.deps.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('prereview_applications')
        .values({ id, item_id: itemId, item_version: version, item_name: item.name, department_id: department?.id ?? null, status: 'pending', revision: 1, token_hash: sha256(token), applicant_name: applicantName(input.form, files), suggestion: report.suggestion, created_at: now, updated_at: now })
        .execute();
      await this.writeRevision(trx, actor, { id, revision: 1, itemId, itemName: item.name, itemVersion: version, form: input.form, files, report, ruleSetVersion, now }, meta);
    });
    return { ...(await this.status(id, token)), token };
  }

  async resubmit(actor: Actor, id: string, token: string, input: SubmissionInput, meta: Meta = {}) {
    const app = await this.byToken(id, token);
    if (!canResubmit(app.status)) throw new AppError(ErrorCode.Conflict, `该申请${STATUS_LABELS[app.status as ApplicationStatus]}，不能再补交材料`);
    const { item, version } = await this.itemInForce(app.item_id);
    const files = await this.readFiles(input.files);
    const { report, ruleSetVersion } = await this.check(app.item_id, item, input.form, files);
    const now = this.deps.clock.now().toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      // compare-and-set on the revision: two resubmissions at once cannot both become revision n+1
      const updated = await trx
        .updateTable('prereview_applications')
        .set({ revision: app.revision + 1, status: 'pending', item_version: version, suggestion: report.suggestion, applicant_name: applicantName(input.form, files) ?? app.applicant_name, updated_at: now })
        .where('id', '=', id)
        .where('revision', '=', app.revision)
        .where('status', 'in', ['pending', 'supplement'])
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw new AppError(ErrorCode.Conflict, '该申请刚刚被更新，请刷新后再提交');
      await this.writeRevision(trx, actor, { id, revision: app.revision + 1, itemId: app.item_id, itemName: item.name, itemVersion: version, form: input.form, files, report, ruleSetVersion, now }, meta);
    });
    return this.status(id, token);
  }

  private async writeRevision(
    trx: Kysely<DB>,
    actor: Actor,
    r: { id: string; revision: number; itemId: string; itemName: string; itemVersion: number; form: Record<string, string>; files: Awaited<ReturnType<PrereviewService['readFiles']>>; report: Report; ruleSetVersion: number; now: string },
    meta: Meta,
  ): Promise<void> {
    await trx.insertInto('prereview_revisions').values({ application_id: r.id, revision: r.revision, form: JSON.stringify(r.form), report: JSON.stringify(r.report), rule_set_version: r.ruleSetVersion, suggestion: r.report.suggestion, created_at: r.now }).execute();
    for (const [seq, f] of r.files.entries()) {
      await trx
        .insertInto('prereview_files')
        .values({ application_id: r.id, revision: r.revision, seq: seq + 1, name: f.name, mime: f.mime, size: f.data.length, sha256: sha256(f.data), content: f.data, text: f.text, doc_type: f.docType, fields: JSON.stringify(f.fields), extraction: f.method, confidence: f.confidence, created_at: r.now })
        .execute();
    }
    await this.deps.audit.record(
      {
        actor: actor.kind === 'user' ? actor : ANONYMOUS,
        action: 'ai.prereview',
        entityType: 'prereview_application',
        entityId: r.id,
        after: { revision: r.revision, status: 'pending', suggestion: r.report.suggestion, counts: r.report.counts, files: r.files.map((f) => ({ name: f.name, docType: f.docType, extraction: f.method })) },
        ai: aiOutput(r.id, r.revision, r.itemName, r.itemId, r.itemVersion, r.report),
        ip: meta.ip,
      },
      trx,
    );
  }

  private async byToken(id: string, token: string) {
    const app = await this.deps.repo.application(id);
    const given = Buffer.from(sha256(token ?? ''), 'hex');
    // the same 404 for an unknown number and a wrong token: neither reveals that the other exists
    if (!app || !timingSafeEqual(given, Buffer.from(app.token_hash, 'hex'))) throw new AppError(ErrorCode.NotFound, '未找到该申请，请核对申请编号和查询码');
    return app;
  }

  /** The citizen's view: status, the masked report of the current revision, the last decision. */
  async status(id: string, token: string) {
    const app = await this.byToken(id, token);
    const rev = await this.deps.repo.revision(id, app.revision);
    const files = await this.deps.repo.files(id, app.revision);
    const decision = (await this.deps.repo.decisions(id))[0];
    return presentCitizenStatus(app, JSON.parse(rev!.report) as Report, files, decision);
  }

  async queue(actor: Actor, opts: { status?: ApplicationStatus; limit: number; offset: number }) {
    assertCan(actor, 'prereview.review');
    const view = await this.deps.scope.view(actor, PREREVIEW_RESOURCE);
    const { items, total } = await this.deps.repo.queue({ visible: view.visible, includeUnowned: view.canSee(null), statuses: [opts.status ?? 'pending'], limit: opts.limit, offset: opts.offset });
    return { items: items.map(presentQueueItem), total };
  }

  /** An application the reviewer may see (own departments or a sharing grant); 404 otherwise. */
  private async visibleApplication(actor: Actor, id: string) {
    assertCan(actor, 'prereview.review');
    const app = await this.deps.repo.application(id);
    if (!app || !(await this.deps.scope.canSee(actor, PREREVIEW_RESOURCE, app.department_id))) throw new AppError(ErrorCode.NotFound, `未找到申请：${id}`);
    return app;
  }

  async detail(actor: Actor, id: string) {
    const app = await this.visibleApplication(actor, id);
    const rev = (await this.deps.repo.revision(id, app.revision))!;
    const files = await this.deps.repo.files(id, app.revision);
    const own = await this.deps.scope.view(actor, PREREVIEW_RESOURCE, { grants: false });
    return {
      id: app.id,
      itemId: app.item_id,
      itemVersion: app.item_version,
      itemName: app.item_name,
      departmentId: app.department_id,
      status: app.status as ApplicationStatus,
      revision: app.revision,
      suggestion: app.suggestion as Report['suggestion'],
      createdAt: app.created_at,
      updatedAt: app.updated_at,
      form: JSON.parse(rev.form) as Record<string, string>,
      report: JSON.parse(rev.report) as Report,
      files: files.map((f) => ({ ...presentFile(f), text: f.text, downloadUrl: `/api/v1/prereview/applications/${encodeURIComponent(id)}/files/${f.id}` })),
      revisions: (await this.deps.repo.revisions(id)).map((r) => ({ revision: r.revision, suggestion: r.suggestion as Report['suggestion'], createdAt: r.created_at })),
      decisions: (await this.deps.repo.decisions(id)).map((d) => ({ ...presentDecision(d), userName: d.user_name, role: d.role })),
      canDecide: app.status === 'pending' && own.canSee(app.department_id),
    };
  }

  async fileContent(actor: Actor, id: string, fileId: number) {
    await this.visibleApplication(actor, id);
    const f = await this.deps.repo.file(id, fileId);
    if (!f) throw new AppError(ErrorCode.NotFound, `未找到文件：${fileId}`);
    return { name: f.name, mime: f.mime, content: Buffer.from(f.content) };
  }

  async decide(actor: Actor, id: string, input: { decision: 'accept' | 'reject' | 'supplement'; reason: string }, meta: Meta = {}) {
    const app = await this.visibleApplication(actor, id);
    // a sharing grant opens the files for reading; the decision stays with the item's own department
    const own = await this.deps.scope.view(actor, PREREVIEW_RESOURCE, { grants: false });
    if (!own.canSee(app.department_id)) throw new AppError(ErrorCode.Forbidden, '该申请属于其他部门，您只能查看，不能作出决定');
    if (app.status !== 'pending') throw new AppError(ErrorCode.Conflict, `该申请当前为“${STATUS_LABELS[app.status as ApplicationStatus]}”，不能再作决定`);
    const rev = (await this.deps.repo.revision(id, app.revision))!;
    const report = JSON.parse(rev.report) as Report;
    const status = DECISION_STATUS[input.decision];
    const now = this.deps.clock.now().toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      const updated = await trx.updateTable('prereview_applications').set({ status, updated_at: now }).where('id', '=', id).where('status', '=', 'pending').where('revision', '=', app.revision).executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw new AppError(ErrorCode.Conflict, '该申请刚刚被更新（补交了材料或已有决定），请刷新后再处理');
      await trx
        .insertInto('prereview_decisions')
        .values({ application_id: id, revision: app.revision, decision: input.decision, reason: input.reason, user_id: actor.userId ?? actor.name, user_name: actor.name, role: actor.role ?? '', department_id: actor.departmentId === null ? null : Number(actor.departmentId), suggestion: report.suggestion, created_at: now })
        .execute();
      await this.deps.audit.record(
        {
          actor,
          action: 'prereview.decision',
          entityType: 'prereview_application',
          entityId: id,
          before: { status: app.status, revision: app.revision, suggestion: report.suggestion },
          after: { status, decision: input.decision, revision: app.revision },
          reason: input.reason,
          ai: aiOutput(id, app.revision, app.item_name, app.item_id, app.item_version, report),
          ip: meta.ip,
        },
        trx,
      );
    });
    return this.detail(actor, id);
  }

  async getRules(actor: Actor, itemId: string, version?: number): Promise<RuleSet> {
    if (!can(actor, 'prereview.review')) assertCan(actor, 'kb.write');
    const { item } = await this.itemInForce(itemId);
    const versions = (await this.deps.repo.ruleSetVersions(itemId)).map((v) => ({ version: v.version, createdAt: v.created_at, createdBy: v.created_by, note: v.note }));
    const row = version === undefined ? await this.deps.repo.latestRuleSet(itemId) : await this.deps.repo.ruleSet(itemId, version);
    if (version !== undefined && !row) throw new AppError(ErrorCode.NotFound, `事项 ${itemId} 没有第 ${version} 版预审规则`);
    if (!row) return { itemId, version: 0, source: 'default', rules: defaultRules(item), note: null, createdAt: null, createdBy: null, versions };
    return { itemId, version: row.version, source: 'custom', rules: ruleListSchema.parse(JSON.parse(row.rules)), note: row.note, createdAt: row.created_at, createdBy: row.created_by, versions };
  }

  /** Saves the rules as a new version when they differ from the latest; audited. */
  async putRules(actor: Actor, itemId: string, input: { rules: Rule[]; note?: string }, meta: Meta = {}): Promise<{ changed: boolean; ruleSet: RuleSet }> {
    const { item } = await this.itemInForce(itemId);
    const body = { ...item, kind: 'item' as const };
    await this.kbPolicy.assertCanWrite(actor, { department: departmentOfBody(body) }, body);
    input.rules.forEach((r, i) => {
      if (r.kind !== 'condition') return;
      try {
        parseCondition(r.expr);
      } catch (err) {
        if (err instanceof ConditionSyntaxError) throw new AppError(ErrorCode.ValidationFailed, `第 ${i + 1} 条规则（${r.id}）：${err.message}`, { field: `rules.${i}.expr` });
        throw err;
      }
    });
    const changed = await this.deps.db.transaction().execute(async (trx) => {
      const latest = await this.deps.repo.latestRuleSet(itemId, trx);
      if (latest && canonicalJson(JSON.parse(latest.rules)) === canonicalJson(input.rules)) return false;
      const version = (latest?.version ?? 0) + 1;
      await trx.insertInto('prereview_rule_sets').values({ item_id: itemId, version, rules: JSON.stringify(input.rules), note: input.note ?? null, created_at: this.deps.clock.now().toISOString(), created_by: actor.name }).execute();
      await this.deps.audit.record(
        {
          actor,
          action: 'prereview.rules.update',
          entityType: 'prereview_rule_set',
          entityId: itemId,
          before: latest ? { version: latest.version, rules: JSON.parse(latest.rules) } : { version: 0, source: 'default' },
          after: { version, rules: input.rules },
          reason: input.note,
          ip: meta.ip,
        },
        trx,
      );
      return true;
    });
    return { changed, ruleSet: await this.getRules(actor, itemId) };
  }
}

function applicantName(form: Record<string, string>, files: CheckedFile[]): string | null {
  const v = form.name ?? form['姓名'] ?? form.applicantName ?? form.companyName ?? form['企业名称'] ?? files.find((f) => f.docType === '居民身份证')?.fields['姓名'];
  return v ? v.slice(0, 100) : null;
}

function aiOutput(id: string, revision: number, itemName: string, itemId: string, itemVersion: number, report: Report) {
  return {
    question: `材料预审：${itemName}（申请 ${id} 第 ${revision} 次提交）`,
    answer: [report.summary, ...report.results.map((r) => `[${r.status}] ${r.label}`)].join('\n'),
    citations: [{ docId: itemId, version: itemVersion }],
    producer: report.producer,
    producerVersion: report.ocrEngine,
    outcome: report.suggestion,
  };
}
