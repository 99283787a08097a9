/**
 * Client for the staff API (accounts, departments, grants, tokens, audit). Staff sign in with
 * a session cookie; every state-changing request carries the CSRF token that login and
 * /auth/me return, which the auth context hands to `setCsrfToken`.
 */
import type { z } from 'zod';
import type { anchorResultSchema, auditFilterSchema, auditListSchema, auditRecordSchema, verifyResultSchema } from '../../src/audit/audit.schema.js';
import type { Role } from '../../src/auth/actor.js';
import type {
  CreateDepartmentInput,
  CreateGrantInput,
  CreateUserInput,
  departmentSchema,
  grantSchema,
  meSchema,
  rolesSchema,
  tokenSchema,
  UpdateDepartmentInput,
  UpdateUserInput,
  userSchema,
} from '../../src/auth/auth.schema.js';
import { ApiError, request } from './api.js';

export type { DepartmentKind } from '../../src/auth/department-tree.js';
export type { Role };

/** Row ids of users, departments, tokens and grants. */
export type Id = number;

export type User = z.infer<typeof userSchema>;
export type Me = z.infer<typeof meSchema>;
export type RoleInfo = z.infer<typeof rolesSchema>['items'][number];
export type Department = z.infer<typeof departmentSchema>;
export type ApiToken = z.infer<typeof tokenSchema>;
export type Grant = z.infer<typeof grantSchema>;
export type GrantResource = CreateGrantInput['resource'];
export type AuditRecord = z.infer<typeof auditRecordSchema>;
/** actor, action, entity, and days (YYYY-MM-DD, Asia/Shanghai) or instants; a day as `to` includes that whole day */
export type AuditFilter = z.input<typeof auditFilterSchema>;
export type AuditListPage = z.infer<typeof auditListSchema>;
export type AuditVerification = z.infer<typeof verifyResultSchema>;
export type AuditAnchor = z.infer<typeof anchorResultSchema>;

const BASE = '/api/v1';
let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

/** The token of the current session; null after logout. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/**
 * The CSRF header for a state-changing request made outside `staff()` (a public form posted by
 * a signed-in staff member, whose session cookie goes along); empty when nobody is signed in.
 */
export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { 'x-csrf-token': csrfToken } : {};
}

/** Called when a staff request answers 401 (session expired or ended elsewhere). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

/** A staff API call under /api/v1 with the session's CSRF token; a 401 signs the user out here. */
export async function staff<T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
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
export const createUser = (input: CreateUserInput) =>
  staff<User>('POST', '/users', input);
export const updateUser = (id: Id, patch: UpdateUserInput) =>
  staff<User>('PATCH', `/users/${encodeURIComponent(String(id))}`, patch);
export const unlockUser = (id: Id) => staff<User>('POST', `/users/${encodeURIComponent(String(id))}/unlock`);
export const listRoles = (signal?: AbortSignal) => staff<{ items: RoleInfo[] }>('GET', '/roles', undefined, signal).then((r) => r.items);

// departments
export const listDepartments = (signal?: AbortSignal) => staff<{ items: Department[] }>('GET', '/departments', undefined, signal).then((r) => r.items);
export const createDepartment = (input: CreateDepartmentInput) => staff<Department>('POST', '/departments', input);
export const updateDepartment = (id: Id, patch: UpdateDepartmentInput) =>
  staff<Department>('PATCH', `/departments/${encodeURIComponent(String(id))}`, patch);

// API tokens
export const listTokens = (signal?: AbortSignal) => staff<{ items: ApiToken[] }>('GET', '/tokens', undefined, signal).then((r) => r.items);
export const createToken = (input: { userId?: Id; label: string; expiresInDays?: number }) => staff<ApiToken & { token: string }>('POST', '/tokens', input);
export const revokeToken = (id: Id) => staff<null>('DELETE', `/tokens/${encodeURIComponent(String(id))}`);

// sharing grants
export const listGrants = (signal?: AbortSignal) => staff<{ items: Grant[] }>('GET', '/grants', undefined, signal).then((r) => r.items);
export const createGrant = (input: CreateGrantInput) =>
  staff<Grant>('POST', '/grants', input);
export const revokeGrant = (id: Id, reason: string) => staff<null>('DELETE', `/grants/${encodeURIComponent(String(id))}`, { reason });

// audit
export const listAudit = (filter: AuditFilter & { beforeSeq?: number; limit?: number }, signal?: AbortSignal) =>
  staff<AuditListPage>('GET', `/audit${query({ ...filter })}`, undefined, signal);
export const getAuditRecord = (seq: number, signal?: AbortSignal) => staff<AuditRecord>('GET', `/audit/${seq}`, undefined, signal);
export const verifyAudit = (signal?: AbortSignal) => staff<AuditVerification>('GET', '/audit/verify', undefined, signal);
export const getAuditAnchor = (signal?: AbortSignal) => staff<AuditAnchor>('GET', '/audit/anchor', undefined, signal);
/** The NDJSON export as a link target (a plain GET with the session cookie; the server audits it). */
export const auditExportUrl = (filter: AuditFilter) => `${BASE}/audit/export${query({ ...filter })}`;
