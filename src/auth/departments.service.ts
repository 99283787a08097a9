/** The department tree: listing, administration (audited) and the demo tree of a first start. */
import fs from 'node:fs';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AuditRecorder } from '../audit/audit.types.js';
import type { DB } from '../db/database.types.js';
import { AppError, ErrorCode } from '../shared/app-error.js';
import type { Actor } from './actor.js';
import { departmentKindSchema, type CreateDepartmentInput, type UpdateDepartmentInput } from './auth.schema.js';
import type { Clock } from './clock.js';
import { findDepartment, wouldCycle, type DepartmentNode } from './department-tree.js';
import { DepartmentsRepository } from './departments.repository.js';
import { assertCan } from './policy.js';
import type { RequestMeta } from './request-meta.js';

interface DemoDepartment {
  name: string;
  kind: z.infer<typeof departmentKindSchema>;
  code?: string;
  children?: DemoDepartment[];
}
const demoDepartmentSchema: z.ZodType<DemoDepartment> = z.lazy(() =>
  z.object({ name: z.string().min(1), kind: departmentKindSchema, code: z.string().min(1).optional(), children: z.array(demoDepartmentSchema).optional() }),
);

export class DepartmentsService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly repo: DepartmentsRepository,
    private readonly audit: AuditRecorder,
    private readonly clock: Clock,
  ) {}

  all(): Promise<DepartmentNode[]> {
    return this.repo.all();
  }

  async list(actor: Actor): Promise<DepartmentNode[]> {
    assertCan(actor, 'directory.read');
    return this.repo.all();
  }

  /** A department by id, exact name or code (CLI arguments, entry `department` fields). */
  async resolve(ref: string): Promise<DepartmentNode> {
    const all = await this.repo.all();
    const found = findDepartment(all, ref) ?? (/^\d+$/.test(ref.trim()) ? all.find((d) => d.id === Number(ref)) : undefined);
    if (!found) throw new AppError(ErrorCode.NotFound, `未找到部门：${ref}（可用名称、编码或编号）`, { department: ref });
    return found;
  }

  async create(actor: Actor, input: CreateDepartmentInput, meta: RequestMeta = {}): Promise<DepartmentNode> {
    assertCan(actor, 'department.manage');
    return this.db.transaction().execute((trx) => this.createIn(trx, actor, input, meta));
  }

  private async createIn(trx: Kysely<DB>, actor: Actor, input: CreateDepartmentInput, meta: RequestMeta): Promise<DepartmentNode> {
    const repo = this.repo.withDb(trx);
    const all = await repo.all();
    this.checkUnique(all, input.name, input.code ?? null);
    if (input.parentId != null && !all.some((d) => d.id === input.parentId)) throw new AppError(ErrorCode.ValidationFailed, `上级部门不存在：${input.parentId}`, { field: 'parentId' });
    const row = { name: input.name, parent_id: input.parentId ?? null, kind: input.kind, code: input.code ?? null, created_at: this.clock.now().toISOString() };
    const id = await repo.insert(row);
    const created: DepartmentNode = { id, name: row.name, parentId: row.parent_id, kind: input.kind, code: row.code };
    await this.audit.record({ actor, action: 'department.create', entityType: 'department', entityId: String(id), after: created, ip: meta.ip }, trx);
    return created;
  }

  async update(actor: Actor, id: number, input: UpdateDepartmentInput, meta: RequestMeta = {}): Promise<DepartmentNode> {
    assertCan(actor, 'department.manage');
    return this.db.transaction().execute(async (trx) => {
      const repo = this.repo.withDb(trx);
      const all = await repo.all();
      const before = all.find((d) => d.id === id);
      if (!before) throw new AppError(ErrorCode.NotFound, `未找到部门：${id}`);
      const after: DepartmentNode = {
        ...before,
        ...(input.name !== undefined && { name: input.name }),
        ...(input.kind !== undefined && { kind: input.kind }),
        ...(input.code !== undefined && { code: input.code }),
        ...(input.parentId !== undefined && { parentId: input.parentId }),
      };
      const others = all.filter((d) => d.id !== id);
      this.checkUnique(others, after.name, after.code);
      if (after.parentId !== null && !others.some((d) => d.id === after.parentId)) {
        throw new AppError(ErrorCode.ValidationFailed, `上级部门不存在或为其自身：${after.parentId}`, { field: 'parentId' });
      }
      if (wouldCycle(all, id, after.parentId)) throw new AppError(ErrorCode.ValidationFailed, '不能把部门移到它自己的下级部门之下', { field: 'parentId' });
      await repo.update(id, { name: after.name, kind: after.kind, code: after.code, parent_id: after.parentId });
      await this.audit.record({ actor, action: 'department.update', entityType: 'department', entityId: String(id), before, after, ip: meta.ip }, trx);
      return after;
    });
  }

  /**
   * First start with demo data: creates the tree in data/demo/departments.json unless any
   * department exists. Returns how many were created.
   */
  async seedDemoTree(actor: Actor, file: string): Promise<number> {
    if (!fs.existsSync(file) || (await this.repo.count()) > 0) return 0;
    const parsed = demoDepartmentSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!parsed.success) throw new AppError(ErrorCode.ImportFailed, `demo departments in ${file} are invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    assertCan(actor, 'department.manage');
    // one transaction: a tree that fails half-way is not left behind to block the next start
    return this.db.transaction().execute(async (trx) => {
      let n = 0;
      const walk = async (d: DemoDepartment, parentId: number | null) => {
        const created = await this.createIn(trx, actor, { name: d.name, kind: d.kind, code: d.code ?? null, parentId }, {});
        n++;
        for (const c of d.children ?? []) await walk(c, created.id);
      };
      await walk(parsed.data, null);
      return n;
    });
  }

  private checkUnique(others: DepartmentNode[], name: string, code: string | null): void {
    if (others.some((d) => d.name === name)) throw new AppError(ErrorCode.Conflict, `部门名称已存在：${name}`, { field: 'name' });
    if (code !== null && others.some((d) => d.code === code)) throw new AppError(ErrorCode.Conflict, `部门编码已存在：${code}`, { field: 'code' });
  }
}
