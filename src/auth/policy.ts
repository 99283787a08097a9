/**
 * The one place that decides who may do what. Routes and services call `assertCan`; no
 * handler checks a role itself. Department boundaries (which records of which department an
 * actor may see) are decided by the department scope, also in this layer.
 */
import { AppError, ErrorCode } from '../shared/app-error.js';
import type { Actor, Role } from './actor.js';

export const PERMISSIONS = [
  'kb.read_drafts',
  'kb.write',
  'search.synonyms.write',
  'user.manage',
  'department.manage',
  'grant.manage',
  'token.create_own',
  'directory.read',
  'grant.read',
  'audit.read',
  'audit.export',
  'audit.read_pii',
  'chat.agent',
  'assistant.review',
  'hotline.intake',
  'hotline.handle',
  'prereview.review',
  'documents.draft',
  'allocation.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Every staff role: own API tokens, the department tree and role list, grants that concern them. */
const STAFF_COMMON: Permission[] = ['token.create_own', 'directory.read', 'grant.read'];

/** Role → permissions. Admin administers; it does not act in other roles' business. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [...STAFF_COMMON, 'user.manage', 'department.manage', 'grant.manage', 'search.synonyms.write', 'kb.read_drafts', 'kb.write', 'audit.read', 'audit.export', 'audit.read_pii', 'allocation.manage'],
  'knowledge-editor': [...STAFF_COMMON, 'kb.read_drafts', 'kb.write', 'search.synonyms.write', 'assistant.review'],
  agent: [...STAFF_COMMON, 'chat.agent', 'hotline.intake'],
  handler: [...STAFF_COMMON, 'hotline.handle'],
  reviewer: [...STAFF_COMMON, 'prereview.review'],
  drafter: [...STAFF_COMMON, 'documents.draft'],
  auditor: [...STAFF_COMMON, 'audit.read', 'audit.export'],
  citizen: [],
};

export function permissionsOf(actor: Actor): readonly Permission[] {
  return actor.role ? ROLE_PERMISSIONS[actor.role] : [];
}

export function can(actor: Actor, permission: Permission): boolean {
  return permissionsOf(actor).includes(permission);
}

/** Throws 401 for the anonymous public and 403 for a signed-in actor without the permission. */
export function assertCan(actor: Actor, permission: Permission): void {
  if (can(actor, permission)) return;
  if (actor.kind === 'anonymous') throw new AppError(ErrorCode.Unauthorized, '请先登录');
  throw new AppError(ErrorCode.Forbidden, '您没有执行此操作的权限');
}

/** Acting on another user's behalf (their tokens, their account) is user administration. */
export function assertCanActFor(actor: Actor, userId: string): void {
  if (actor.kind === 'user' && actor.userId === userId) return;
  assertCan(actor, 'user.manage');
}
