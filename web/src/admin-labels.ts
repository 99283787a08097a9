/** Chinese labels for the staff area: roles, audit actions and entities, departments, grants. */
import { ROLE_LABELS, ROLES as SERVER_ROLES } from '../../src/auth/actor.js';
import type { DepartmentKind, Role } from './api-admin.js';

// the server's own table (src/auth/actor.ts is plain data, safe to bundle): one source for both
export const ROLE_LABEL: Record<Role, string> = ROLE_LABELS;

export const ROLES: Role[] = [...SERVER_ROLES];

export function roleLabel(role: string | null | undefined): string {
  if (!role) return '—';
  return ROLE_LABEL[role as Role] ?? role;
}

export const DEPARTMENT_KIND_LABEL: Record<DepartmentKind, string> = {
  government: '区政府',
  bureau: '委办局',
  section: '科室',
  center: '热线/服务中心',
};

export const RESOURCE_LABEL: Record<string, string> = {
  'kb.entry': '知识库条目',
  'hotline.order': '12345 工单',
  'prereview.application': '预审申请',
};

export function resourceLabel(resource: string): string {
  return RESOURCE_LABEL[resource] ?? resource;
}

/** Audit actions (src/audit/audit.types.ts names the vocabulary: domain first, then the verb). */
export const ACTION_LABEL: Record<string, string> = {
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'auth.login_refused_locked': '登录被拒（账号已锁定）',
  'auth.lockout': '账号锁定',
  'auth.logout': '退出登录',
  'auth.password_change': '修改密码',
  'user.create': '创建用户',
  'user.update': '修改用户',
  'user.unlock': '解锁用户',
  'department.create': '新建部门',
  'department.update': '修改部门',
  'token.create': '创建 API 令牌',
  'token.revoke': '撤销 API 令牌',
  'grant.create': '创建共享授权',
  'grant.revoke': '撤销共享授权',
  'kb.entry.create': '新建知识条目',
  'kb.entry.update': '更新知识条目',
  'ai.answer': 'AI 答复',
  'chat.agent.take': '坐席接入咨询',
  'chat.agent.reply': '坐席回复',
  'chat.agent.close': '坐席结束咨询',
  'chat.callback.update': '更新回电请求',
  'chat.callback.contact_viewed': '查看回电联系方式',
  'assistant.faq_draft.create': '生成常见问题草稿',
  'audit.export': '导出审计日志',
  'hotline.order.dispatch': '派发工单',
};

export function actionLabel(action: string): string {
  return ACTION_LABEL[action] ?? action;
}

export const ENTITY_LABEL: Record<string, string> = {
  user: '用户',
  department: '部门',
  grant: '共享授权',
  api_token: 'API 令牌',
  session: '会话',
  entry: '知识条目',
  chat_session: '咨询会话',
  callback_request: '回电请求',
  audit_log: '审计日志',
  hotline_order: '12345 工单',
};

export function entityLabel(type: string | null | undefined): string {
  if (!type) return '—';
  return ENTITY_LABEL[type] ?? type;
}

export const ACTOR_KIND_LABEL: Record<string, string> = { user: '用户', anonymous: '匿名访客', system: '系统' };

export const PERMISSION_LABEL: Record<string, string> = {
  'kb.read_drafts': '查看知识库草稿',
  'kb.write': '编辑知识库',
  'search.synonyms.write': '维护同义词',
  'user.manage': '用户管理',
  'department.manage': '部门管理',
  'grant.manage': '共享授权管理',
  'token.create_own': '创建个人 API 令牌',
  'audit.read': '查看审计日志',
  'audit.export': '导出审计日志',
  'audit.read_pii': '查看未脱敏个人信息',
  'chat.agent': '人工坐席',
  'assistant.review': '审核 AI 答复',
  'hotline.intake': '热线受理',
  'hotline.handle': '工单承办',
  'prereview.review': '材料预审',
  'documents.draft': '公文起草',
  'allocation.manage': '分拨规则管理',
};
