/**
 * Department boundaries: which departments' records an actor may see for a resource. Every
 * capability with department-owned records (knowledge entries, hotline orders, pre-review
 * applications) asks this one service, so "a handler sees only its department's records"
 * and "another department's data only through a sharing grant" hold everywhere alike.
 */
import type { Actor } from './actor.js';
import type { Clock } from './clock.js';
import { findDepartment, withDescendants, type DepartmentNode } from './department-tree.js';
import type { DepartmentsRepository } from './departments.repository.js';

/** `'all'`: no department boundary applies (administrators and the system itself). */
export type DepartmentVisibility = 'all' | ReadonlySet<number>;

export class DepartmentScope {
  constructor(
    private readonly repo: DepartmentsRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * The actor's own department and everything below it, plus — for this resource — each
   * department (with its sub-departments) that an unrevoked, unexpired sharing grant opens to
   * the actor, or to the actor's department or one above it.
   */
  async visibleDepartmentIds(actor: Actor, resource: string, at: Date = this.clock.now()): Promise<DepartmentVisibility> {
    const own = await this.ownDepartmentIds(actor);
    if (own === 'all' || actor.kind !== 'user') return own;
    const all = await this.repo.all();
    const visible = new Set(own);
    const home = actor.departmentId === null ? null : Number(actor.departmentId);
    const grants = await this.repo.activeGrants(resource, at.toISOString(), Number(actor.userId), home === null ? [] : ancestorsOf(all, home));
    for (const id of withDescendants(all, grants.map((g) => g.owner_department_id))) visible.add(id);
    return visible;
  }

  /**
   * The actor's own department and everything below it, without sharing grants: where the
   * actor may change records (a grant shares data for reading, it does not hand over the work).
   */
  async ownDepartmentIds(actor: Actor): Promise<DepartmentVisibility> {
    if (actor.kind === 'system' || actor.role === 'admin') return 'all';
    if (actor.kind !== 'user' || actor.departmentId === null) return new Set();
    return withDescendants(await this.repo.all(), [Number(actor.departmentId)]);
  }

  /**
   * Whether the actor may see a record owned by `departmentId`. Records owned by no
   * department belong to the government as a whole: visible to those whose scope reaches a
   * top-level department.
   */
  async canSee(actor: Actor, resource: string, departmentId: number | null, at?: Date): Promise<boolean> {
    return (await this.view(actor, resource, { at })).canSee(departmentId);
  }

  /** The department a free-text name or code refers to (e.g. an entry's `department` field), or null. */
  async departmentNamed(text: string | null | undefined): Promise<DepartmentNode | null> {
    return findDepartment(await this.repo.all(), text) ?? null;
  }

  /** The actor's scope read once, for checking many records (a page of a list) without a query each. */
  async view(actor: Actor, resource: string, opts: { at?: Date; grants?: boolean } = {}): Promise<ScopeView> {
    const visible = opts.grants === false ? await this.ownDepartmentIds(actor) : await this.visibleDepartmentIds(actor, resource, opts.at);
    const all = await this.repo.all();
    const reachesTop = visible !== 'all' && all.some((d) => d.parentId === null && visible.has(d.id));
    return {
      visible,
      canSee: (departmentId) => visible === 'all' || (departmentId === null ? reachesTop : visible.has(departmentId)),
      departmentNamed: (text) => findDepartment(all, text) ?? null,
    };
  }
}

export interface ScopeView {
  visible: DepartmentVisibility;
  canSee(departmentId: number | null): boolean;
  departmentNamed(text: string | null | undefined): DepartmentNode | null;
}

function ancestorsOf(all: readonly DepartmentNode[], id: number): number[] {
  const byId = new Map(all.map((d) => [d.id, d]));
  const out: number[] = [];
  for (let cur = byId.get(id); cur && !out.includes(cur.id); cur = cur.parentId === null ? undefined : byId.get(cur.parentId)) out.push(cur.id);
  return out;
}
