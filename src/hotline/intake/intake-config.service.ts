/**
 * Configuration of intake (hotline.config): the taxonomy and the 派单目录. Imports are
 * all-or-nothing: every line is checked first, then one transaction writes, with the audit
 * record in the same transaction.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../../auth/actor.js';
import { assertCan } from '../../auth/policy.js';
import type { AuditRecorder } from '../../audit/audit.types.js';
import type { DB } from '../../db/database.types.js';
import { AppError, ErrorCode } from '../../shared/app-error.js';
import { failOnLineErrors, parseCsvRows } from './csv-rows.js';
import { resolveRule, type DispatchRule } from './dispatch-rules.js';
import type { IntakeRepository } from './intake.repository.js';
import { buildTree, parseTaxonomyCsv, type CategoryNode } from './taxonomy.js';

export const dispatchRuleInputSchema = z.object({
  categoryPrefix: z.string().trim().max(300, '分类（categoryPrefix）不能超过 300 字'),
  regionPrefix: z
    .string()
    .trim()
    .regex(/^(\d{2,12})?$/, '区划代码（regionPrefix）应为 2–12 位数字或留空'),
  departmentId: z.number().int().positive('主办单位（departmentId）无效'),
  coDepartmentIds: z.array(z.number().int().positive()).max(20).default([]),
  priority: z.number().int().min(-1000).max(1000).default(0),
  note: z.string().max(500).nullable().default(null),
});
export type DispatchRuleInput = z.infer<typeof dispatchRuleInputSchema>;

export interface DepartmentRef {
  id: number;
  name: string;
}

export interface Dispatch {
  ruleId: number;
  department: DepartmentRef;
  coDepartments: DepartmentRef[];
}

const HEADERS = { category: ['分类', '类别', 'category'], region: ['区划代码', '区划', 'region'], lead: ['主办单位', '主办', '承办单位', 'department'], co: ['协办单位', '协办', 'co-departments'], priority: ['优先级', 'priority'], note: ['备注', 'note'] };

export class IntakeConfigService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly repo: IntakeRepository,
    private readonly audit: AuditRecorder,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async categoryTree(actor: Actor): Promise<CategoryNode[]> {
    assertCan(actor, 'directory.read');
    return buildTree(await this.repo.categories(true));
  }

  /** The file is the whole taxonomy: new nodes are added, nodes missing from it are deactivated (orders keep their paths). */
  async importTaxonomy(actor: Actor, csv: string, meta: { ip?: string } = {}): Promise<{ added: number; reactivated: number; deactivated: number; total: number }> {
    assertCan(actor, 'hotline.config');
    const nodes = parseTaxonomyCsv(csv);
    const at = this.now().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const repo = this.repo.withDb(trx);
      const existing = new Map((await repo.categories(false)).map((c) => [c.path, c]));
      const wanted = new Set(nodes.map((n) => n.path));
      let added = 0;
      for (const n of nodes) {
        if (existing.has(n.path)) continue;
        await repo.insertCategory({ ...n, at });
        added++;
      }
      const reactivate = nodes.filter((n) => existing.get(n.path)?.active === false).map((n) => n.path);
      const deactivate = [...existing.values()].filter((c) => c.active && !wanted.has(c.path)).map((c) => c.path);
      await repo.setCategoryActive(reactivate, true);
      await repo.setCategoryActive(deactivate, false);
      const result = { added, reactivated: reactivate.length, deactivated: deactivate.length, total: nodes.length };
      await this.audit.record({ actor, action: 'hotline.taxonomy.import', entityType: 'hotline_taxonomy', after: result, ip: meta.ip }, trx);
      return result;
    });
  }

  async listRules(actor: Actor): Promise<(DispatchRule & { departmentName: string; coDepartmentNames: string[] })[]> {
    assertCan(actor, 'hotline.config');
    const names = await this.departmentNames();
    return (await this.repo.rules()).map((r) => ({ ...r, departmentName: names.get(r.departmentId) ?? '', coDepartmentNames: r.coDepartmentIds.map((id) => names.get(id) ?? '') }));
  }

  async createRule(actor: Actor, input: DispatchRuleInput, meta: { ip?: string } = {}): Promise<DispatchRule> {
    assertCan(actor, 'hotline.config');
    await this.checkDepartments(input);
    return this.db.transaction().execute(async (trx) => {
      const repo = this.repo.withDb(trx);
      if (await repo.ruleByKey(input.categoryPrefix, input.regionPrefix)) throw new AppError(ErrorCode.Conflict, `派单目录已有“${input.categoryPrefix || '全部分类'} / ${input.regionPrefix || '全部地区'}”的规则，请修改它`);
      const id = await repo.insertRule(input, this.now().toISOString());
      await this.audit.record({ actor, action: 'hotline.dispatch_rule.create', entityType: 'hotline_dispatch_rule', entityId: String(id), after: input, ip: meta.ip }, trx);
      return { id, ...input };
    });
  }

  async updateRule(actor: Actor, id: number, input: DispatchRuleInput, meta: { ip?: string } = {}): Promise<DispatchRule> {
    assertCan(actor, 'hotline.config');
    await this.checkDepartments(input);
    return this.db.transaction().execute(async (trx) => {
      const repo = this.repo.withDb(trx);
      const before = (await repo.rules()).find((r) => r.id === id);
      if (!before) throw new AppError(ErrorCode.NotFound, `派单规则不存在：${id}`);
      const clash = await repo.ruleByKey(input.categoryPrefix, input.regionPrefix);
      if (clash && clash !== id) throw new AppError(ErrorCode.Conflict, `派单目录已有“${input.categoryPrefix || '全部分类'} / ${input.regionPrefix || '全部地区'}”的规则`);
      await repo.updateRule(id, input, this.now().toISOString());
      await this.audit.record({ actor, action: 'hotline.dispatch_rule.update', entityType: 'hotline_dispatch_rule', entityId: String(id), before, after: input, ip: meta.ip }, trx);
      return { id, ...input };
    });
  }

  async deleteRule(actor: Actor, id: number, meta: { ip?: string } = {}): Promise<void> {
    assertCan(actor, 'hotline.config');
    await this.db.transaction().execute(async (trx) => {
      const repo = this.repo.withDb(trx);
      const before = (await repo.rules()).find((r) => r.id === id);
      if (!before || !(await repo.deleteRule(id))) throw new AppError(ErrorCode.NotFound, `派单规则不存在：${id}`);
      await this.audit.record({ actor, action: 'hotline.dispatch_rule.delete', entityType: 'hotline_dispatch_rule', entityId: String(id), before, ip: meta.ip }, trx);
    });
  }

  /**
   * CSV with columns 分类, 区划代码, 主办单位, 协办单位 (several separated by ；、|), and optional
   * 优先级, 备注. Departments by exact name or code. A rule with the same 分类 and 区划代码 is replaced.
   */
  async importRules(actor: Actor, csv: string, meta: { ip?: string } = {}): Promise<{ created: number; updated: number }> {
    assertCan(actor, 'hotline.config');
    const { header, rows } = parseCsvRows(csv, '派单目录文件');
    const col = (names: string[]) => header.findIndex((h) => names.includes(h));
    const c = { category: col(HEADERS.category), region: col(HEADERS.region), lead: col(HEADERS.lead), co: col(HEADERS.co), priority: col(HEADERS.priority), note: col(HEADERS.note) };
    if (c.category < 0 || c.lead < 0) failOnLineErrors([{ line: 1, message: '表头应含“分类”和“主办单位”（可选“区划代码”“协办单位”“优先级”“备注”）' }], '派单目录文件');
    const departments = await this.repo.departments();
    const find = (ref: string) => departments.find((d) => d.name === ref || d.code === ref);
    const errors: { line: number; message: string }[] = [];
    const parsed: DispatchRuleInput[] = [];
    const seen = new Map<string, number>();
    for (const { line, cells } of rows) {
      const cell = (i: number) => (i >= 0 ? (cells[i] ?? '') : '');
      const lead = find(cell(c.lead));
      if (!lead) {
        errors.push({ line, message: cell(c.lead) ? `主办单位“${cell(c.lead)}”不存在` : '主办单位为空' });
        continue;
      }
      const coNames = cell(c.co).split(/[;；、|,，]/u).map((s) => s.trim()).filter(Boolean);
      const missing = coNames.filter((n) => !find(n));
      if (missing.length) {
        errors.push({ line, message: `协办单位“${missing.join('、')}”不存在` });
        continue;
      }
      const r = dispatchRuleInputSchema.safeParse({
        categoryPrefix: cell(c.category) === '*' ? '' : cell(c.category),
        regionPrefix: cell(c.region),
        departmentId: lead.id,
        coDepartmentIds: coNames.map((n) => find(n)!.id).filter((id) => id !== lead.id),
        priority: cell(c.priority) ? Number(cell(c.priority)) : 0,
        note: cell(c.note) || null,
      });
      if (!r.success) {
        errors.push({ line, message: r.error.issues[0]!.message });
        continue;
      }
      const key = `${r.data.categoryPrefix}\u0000${r.data.regionPrefix}`;
      if (seen.has(key)) {
        errors.push({ line, message: `与第 ${seen.get(key)} 行的分类和区划代码重复` });
        continue;
      }
      seen.set(key, line);
      parsed.push(r.data);
    }
    failOnLineErrors(errors, '派单目录文件');
    const at = this.now().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const repo = this.repo.withDb(trx);
      let created = 0;
      let updated = 0;
      for (const rule of parsed) {
        const id = await repo.ruleByKey(rule.categoryPrefix, rule.regionPrefix);
        if (id) {
          await repo.updateRule(id, rule, at);
          updated++;
        } else {
          await repo.insertRule(rule, at);
          created++;
        }
      }
      await this.audit.record({ actor, action: 'hotline.dispatch_rule.import', entityType: 'hotline_dispatch_rule', after: { created, updated }, ip: meta.ip }, trx);
      return { created, updated };
    });
  }

  /** 主办 + 协办 for a category in a region by the most specific rule, or undefined when none applies. */
  async resolve(category: string | null, divisionCode: string | null): Promise<Dispatch | undefined> {
    const rule = resolveRule(await this.repo.rules(), category, divisionCode);
    if (!rule) return undefined;
    const names = await this.departmentNames();
    return {
      ruleId: rule.id,
      department: { id: rule.departmentId, name: names.get(rule.departmentId) ?? '' },
      coDepartments: rule.coDepartmentIds.map((id) => ({ id, name: names.get(id) ?? '' })),
    };
  }

  private async departmentNames(): Promise<Map<number, string>> {
    return new Map((await this.repo.departments()).map((d) => [d.id, d.name]));
  }

  private async checkDepartments(input: DispatchRuleInput): Promise<void> {
    const ids = new Set((await this.repo.departments()).map((d) => d.id));
    const missing = [input.departmentId, ...input.coDepartmentIds].filter((id) => !ids.has(id));
    if (missing.length) throw new AppError(ErrorCode.ValidationFailed, `部门不存在：${missing.join('、')}（departmentId / coDepartmentIds）`);
  }
}
