/**
 * Client for the staff API (accounts, departments, grants, tokens, audit). Staff sign in with
 * a session cookie; every state-changing request carries the CSRF token that login and
 * /auth/me return, which the auth context hands to `setCsrfToken`.
 */
import { ApiError, request } from './api.js';

/** Row ids: numbers from the database; actors in audit records carry them as strings. */
export type Id = number | string;

export type Role = 'admin' | 'knowledge-editor' | 'agent' | 'handler' | 'reviewer' | 'drafter' | 'auditor' | 'citizen';

export interface User {
  id: Id;
  name: string;
  displayName: string | null;
  role: Role;
  roleLabel: string;
  departmentId: Id | null;
  departmentName: string | null;
  active: boolean;
  mustChangePassword: boolean;
  lockedUntil: string | null;
  createdAt: string;
}

export interface Me {
  user: User;
  csrfToken: string;
  permissions: string[];
}

export interface RoleInfo {
  role: Role;
  label: string;
  permissions: string[];
}

export type DepartmentKind = 'government' | 'bureau' | 'section' | 'center';

export interface Department {
  id: Id;
  name: string;
  parentId: Id | null;
  kind: DepartmentKind;
  code: string | null;
}

export interface ApiToken {
  id: Id;
  userId: Id;
  userName: string;
  label: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface Grant {
  id: Id;
  ownerDepartmentId: Id;
  ownerDepartmentName: string;
  granteeUserId: Id | null;
  granteeUserName: string | null;
  granteeDepartmentId: Id | null;
  granteeDepartmentName: string | null;
  resource: string;
  purpose: string;
  expiresAt: string;
  createdBy: Id;
  createdAt: string;
  revokedAt: string | null;
  revokedBy: string | null;
  active: boolean;
}

export interface AuditCitation {
  docId: string;
  version: number;
  start?: number;
  end?: number;
}

export interface AuditRecord {
  seq: number;
  at: string;
  actor: { kind: string; userId: string | null; name: string; role: Role | null; departmentId: string | null };
  action: string;
  entityType: string | null;
  entityId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  ai: { question: string; answer: string; citations: AuditCitation[]; producer: string; producerVersion: string; outcome?: string } | null;
  ip: string | null;
  prevHash: string;
  hash: string;
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  /** ISO timestamps */
  from?: string;
  to?: string;
}

export interface AuditPage {
  items: AuditRecord[];
  nextBeforeSeq?: number | null;
}

export interface AuditVerification {
  ok: boolean;
  count: number;
  head: { seq: number; hash: string } | null;
  firstBad?: { seq: number; problem: string };
}

export interface AuditAnchor {
  seq: number;
  hash: string;
  at: string;
}

const BASE = '/api/v1';
let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

/** The token of the current session; null after logout. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a staff request answers 401 (session expired or ended elsewhere). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

async function staff<T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = method !== 'GET' && csrfToken ? { 'x-csrf-token': csrfToken } : {};
  try {
    return await request<T>(BASE + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  } catch (err) {
    if (err instanceof ApiError && err.status === 401 && !path.startsWith('/auth/')) onUnauthorized?.();
    throw err;
  }
}

function query(params: Record<string, string | number | undefined | null>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  return qs.size ? `?${qs}` : '';
}

// auth
export const login = (name: string, password: string) => staff<{ user: User; csrfToken: string }>('POST', '/auth/login', { name, password });
export const logout = () => staff<null>('POST', '/auth/logout');
export const getMe = (signal?: AbortSignal) => staff<Me>('GET', '/auth/me', undefined, signal);
export const changePassword = (currentPassword: string, newPassword: string) => staff<null>('POST', '/auth/password', { currentPassword, newPassword });

// users
export const listUsers = (signal?: AbortSignal) => staff<{ items: User[] }>('GET', '/users', undefined, signal).then((r) => r.items);
export const createUser = (input: { name: string; displayName?: string; role: Role; departmentId?: Id; password: string }) =>
  staff<User>('POST', '/users', input);
export const updateUser = (id: Id, patch: { displayName?: string; role?: Role; departmentId?: Id | null; active?: boolean; password?: string; reason?: string }) =>
  staff<User>('PATCH', `/users/${encodeURIComponent(String(id))}`, patch);
export const unlockUser = (id: Id) => staff<User>('POST', `/users/${encodeURIComponent(String(id))}/unlock`);
export const listRoles = (signal?: AbortSignal) => staff<{ items: RoleInfo[] }>('GET', '/roles', undefined, signal).then((r) => r.items);

// departments
export const listDepartments = (signal?: AbortSignal) => staff<{ items: Department[] }>('GET', '/departments', undefined, signal).then((r) => r.items);
export const createDepartment = (input: { name: string; parentId?: Id; kind: DepartmentKind; code?: string }) => staff<Department>('POST', '/departments', input);
export const updateDepartment = (id: Id, patch: { name?: string; parentId?: Id | null; kind?: DepartmentKind; code?: string }) =>
  staff<Department>('PATCH', `/departments/${encodeURIComponent(String(id))}`, patch);

// API tokens
export const listTokens = (signal?: AbortSignal) => staff<{ items: ApiToken[] }>('GET', '/tokens', undefined, signal).then((r) => r.items);
export const createToken = (input: { userId?: Id; label: string; expiresInDays?: number }) => staff<ApiToken & { token: string }>('POST', '/tokens', input);
export const revokeToken = (id: Id) => staff<null>('DELETE', `/tokens/${encodeURIComponent(String(id))}`);

// sharing grants
export const listGrants = (signal?: AbortSignal) => staff<{ items: Grant[] }>('GET', '/grants', undefined, signal).then((r) => r.items);
export const createGrant = (input: { ownerDepartmentId: Id; granteeUserId?: Id; granteeDepartmentId?: Id; resource: string; purpose: string; expiresAt: string }) =>
  staff<Grant>('POST', '/grants', input);
export const revokeGrant = (id: Id, reason: string) => staff<null>('DELETE', `/grants/${encodeURIComponent(String(id))}`, { reason });

// audit
export const listAudit = (filter: AuditFilter & { beforeSeq?: number; limit?: number }, signal?: AbortSignal) =>
  staff<AuditPage>('GET', `/audit${query({ ...filter })}`, undefined, signal);
export const getAuditRecord = (seq: number, signal?: AbortSignal) => staff<AuditRecord>('GET', `/audit/${seq}`, undefined, signal);
export const verifyAudit = (signal?: AbortSignal) => staff<AuditVerification>('GET', '/audit/verify', undefined, signal);
export const getAuditAnchor = (signal?: AbortSignal) => staff<AuditAnchor>('GET', '/audit/anchor', undefined, signal);
/** The NDJSON export as a link target (a plain GET with the session cookie; the server audits it). */
export const auditExportUrl = (filter: AuditFilter) => `${BASE}/audit/export${query({ ...filter })}`;
