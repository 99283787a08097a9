/**
 * Who may write knowledge entries and read their drafts. An entry belongs to the department
 * its `department` field names (by name or code, see department-tree.ts); knowledge editors
 * read drafts within their department scope (own departments plus sharing grants) and write
 * within their own departments; administrators work everywhere. Published versions are
 * public. Drafts outside the reader's scope do not exist as far as the reader can tell.
 */
import type { Actor } from '../auth/actor.js';
import type { DepartmentScope, ScopeView } from '../auth/department-scope.js';
import { assertCan, can } from '../auth/policy.js';
import { AppError, ErrorCode } from '../shared/app-error.js';
import type { EntryBody } from './knowledge.schema.js';

export const KB_RESOURCE = 'kb.entry';

/** The department text an entry is filed under, as stored (department, else agency/issuer). */
export function departmentOfBody(body: EntryBody): string | null {
  return body.department ?? (body.kind === 'item' ? (body.agency ?? null) : body.kind === 'policy' || body.kind === 'law' ? (body.issuer ?? null) : null);
}

export class KnowledgePolicy {
  constructor(private readonly scope: DepartmentScope) {}

  /** A checker for many entries at once; null when the actor may read no drafts at all. */
  async draftReader(actor: Actor): Promise<((department: string | null) => boolean) | null> {
    if (!can(actor, 'kb.read_drafts')) return null;
    const view = await this.scope.view(actor, KB_RESOURCE);
    return (department) => inScope(view, department);
  }

  async canReadDraft(actor: Actor, department: string | null): Promise<boolean> {
    const reader = await this.draftReader(actor);
    return reader !== null && reader(department);
  }

  /**
   * Writing needs kb.write, and both the entry as it is (when it exists) and as it will be must
   * lie in the editor's own departments: nobody moves an entry into or out of another
   * department, and a sharing grant opens drafts for reading only.
   */
  async assertCanWrite(actor: Actor, current: { department: string | null } | null, next: EntryBody): Promise<void> {
    assertCan(actor, 'kb.write');
    const view = await this.scope.view(actor, KB_RESOURCE, { grants: false });
    if ((current && !inScope(view, current.department)) || !inScope(view, departmentOfBody(next))) {
      throw new AppError(ErrorCode.Forbidden, '该条目属于您所在部门范围以外的部门，您无权修改');
    }
  }
}

function inScope(view: ScopeView, department: string | null): boolean {
  return view.canSee(view.departmentNamed(department)?.id ?? null);
}
