/** zod schemas of the accounts API (docs: /work/notes contract → docs/ARCHITECTURE.md §Accounts). */
import { z } from 'zod';
import { ROLES } from './actor.js';
import { DEPARTMENT_KINDS } from './department-tree.js';
import { PERMISSIONS } from './policy.js';

export const roleSchema = z.enum(ROLES, { error: () => `角色无效，可选：${ROLES.join('、')}` });
export const departmentKindSchema = z.enum(DEPARTMENT_KINDS, { error: () => `部门类型无效，可选：${DEPARTMENT_KINDS.join('、')}` });

export const userNameSchema = z
  .string()
  .trim()
  .min(2, '用户名至少 2 个字符')
  .max(64, '用户名最长 64 个字符')
  .regex(/^[\p{L}\p{N}_.-]+$/u, '用户名只能包含文字、数字、_ . -');
export const passwordSchema = z.string().min(10, '密码至少 10 个字符').max(128, '密码最长 128 个字符');
const idSchema = z.number().int().positive();

export const loginSchema = z.object({ name: z.string().trim().min(1, '请输入用户名').max(64), password: z.string().min(1, '请输入密码').max(128) });
export const changePasswordSchema = z.object({ currentPassword: z.string().min(1).max(128), newPassword: passwordSchema });

export const userSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  displayName: z.string(),
  role: roleSchema,
  roleLabel: z.string(),
  departmentId: z.number().int().nullable(),
  departmentName: z.string().nullable(),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
});
export type UserView = z.infer<typeof userSchema>;

export const sessionViewSchema = z.object({ user: userSchema, csrfToken: z.string() });
export const meSchema = sessionViewSchema.extend({ permissions: z.array(z.enum(PERMISSIONS)) });

export const createUserSchema = z.object({
  name: userNameSchema,
  displayName: z.string().trim().min(1).max(100).optional(),
  role: roleSchema,
  departmentId: idSchema.nullable().optional(),
  password: passwordSchema,
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserSchema = z.object({
  displayName: z.string().trim().min(1).max(100).optional(),
  role: roleSchema.optional(),
  departmentId: idSchema.nullable().optional(),
  active: z.boolean().optional(),
  password: passwordSchema.optional(),
  reason: z.string().trim().max(500).optional(),
});
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const rolesSchema = z.object({ items: z.array(z.object({ role: roleSchema, label: z.string(), permissions: z.array(z.enum(PERMISSIONS)) })) });

export const departmentSchema = z.object({ id: z.number().int(), name: z.string(), parentId: z.number().int().nullable(), kind: departmentKindSchema, code: z.string().nullable() });
export const createDepartmentSchema = z.object({
  name: z.string().trim().min(1, '部门名称不能为空').max(200),
  parentId: idSchema.nullable().optional(),
  kind: departmentKindSchema,
  code: z.string().trim().min(1).max(64).nullable().optional(),
});
export const updateDepartmentSchema = createDepartmentSchema.partial();
export type CreateDepartmentInput = z.infer<typeof createDepartmentSchema>;
export type UpdateDepartmentInput = z.infer<typeof updateDepartmentSchema>;

export const tokenSchema = z.object({
  id: z.number().int(),
  userId: z.number().int(),
  userName: z.string(),
  label: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const createTokenSchema = z.object({
  userId: idSchema.optional(),
  label: z.string().trim().min(1, '请填写令牌用途').max(200),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export const createdTokenSchema = tokenSchema.extend({ token: z.string() });

/** Resources a sharing grant can open; later capabilities add theirs here. */
export const GRANT_RESOURCES = ['kb.entry', 'hotline.order', 'prereview.application'] as const;
export const grantResourceSchema = z.enum(GRANT_RESOURCES, { error: () => `共享资源无效，可选：${GRANT_RESOURCES.join('、')}` });

export const grantSchema = z.object({
  id: z.number().int(),
  ownerDepartmentId: z.number().int(),
  ownerDepartmentName: z.string().nullable(),
  granteeUserId: z.number().int().nullable(),
  granteeUserName: z.string().nullable(),
  granteeDepartmentId: z.number().int().nullable(),
  granteeDepartmentName: z.string().nullable(),
  resource: z.string(),
  purpose: z.string(),
  expiresAt: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  revokedBy: z.string().nullable(),
  revokeReason: z.string().nullable(),
  active: z.boolean(),
});
export const createGrantSchema = z
  .object({
    ownerDepartmentId: idSchema,
    granteeUserId: idSchema.optional(),
    granteeDepartmentId: idSchema.optional(),
    resource: grantResourceSchema,
    purpose: z.string().trim().min(2, '请填写共享用途').max(1000),
    expiresAt: z.iso.datetime({ offset: true, error: '到期时间应为 ISO 时间，如 2026-12-31T16:00:00Z' }),
  })
  .refine((g) => (g.granteeUserId === undefined) !== (g.granteeDepartmentId === undefined), { message: '被授权对象须为一个用户或一个部门（二选一）', path: ['granteeUserId'] });
export type CreateGrantInput = z.infer<typeof createGrantSchema>;
export const revokeGrantSchema = z.object({ reason: z.string().trim().min(2, '请填写撤销原因').max(1000) });

export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
