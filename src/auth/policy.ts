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
  /** approve 延期, issue 督办: the 12345 center's supervision */
  'hotline.supervise',
  /** taxonomy, 派单目录, time limits, retraining the classifier */
  'hotline.config',
  /** dashboards and hot spots */
  'hotline.stats',
  'prereview.review',
  'documents.draft',
  /** 核稿: check another drafter's document */
  'documents.review',
  /** 签发: sign a document off */
  'documents.sign',
  'allocation.manage',
  /** eligibility decisions on applicants */
  'allocation.review',
  /** enter the public random value at a draw, watch the round */
  'allocation.supervise',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Every staff role: own API tokens, the department tree and role list, grants that concern them. */
const STAFF_COMMON: Permission[] = ['token.create_own', 'directory.read', 'grant.read'];

/** Role → permissions. Admin administers; it does not act in other roles' business. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [...STAFF_COMMON, 'user.manage', 'department.manage', 'grant.manage', 'search.synonyms.write', 'kb.read_drafts', 'kb.write', 'audit.read', 'audit.export', 'audit.read_pii', 'allocation.manage', 'hotline.config', 'hotline.stats'],
  'knowledge-editor': [...STAFF_COMMON, 'kb.read_drafts', 'kb.write', 'search.synonyms.write', 'assistant.review'],
  agent: [...STAFF_COMMON, 'chat.agent', 'hotline.intake', 'hotline.supervise', 'hotline.stats'],
  handler: [...STAFF_COMMON, 'hotline.handle'],
  reviewer: [...STAFF_COMMON, 'prereview.review', 'allocation.review'],
  drafter: [...STAFF_COMMON, 'documents.draft', 'documents.review'],
  leader: [...STAFF_COMMON, 'hotline.supervise', 'hotline.stats', 'documents.review', 'documents.sign', 'allocation.supervise'],
  auditor: [...STAFF_COMMON, 'audit.read', 'audit.export', 'hotline.stats'],
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
