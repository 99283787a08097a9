/**
 * Who is acting. Every route gets one (`req.actor`, set by the auth plugin), every service
 * method that changes something takes one, and every audit record names one.
 */
export const ROLES = ['admin', 'knowledge-editor', 'agent', 'handler', 'reviewer', 'drafter', 'leader', 'auditor', 'citizen'] as const;
export type Role = (typeof ROLES)[number];

/** Chinese names shown in the UI and in citizen-facing messages. */
export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  'knowledge-editor': '知识库编辑',
  agent: '坐席（热线/咨询）',
  handler: '承办人（部门）',
  reviewer: '预审员',
  drafter: '公文起草人',
  leader: '机关负责人（审批/签发/监督）',
  auditor: '审计员（只读）',
  citizen: '群众/企业',
};

export interface Actor {
  /** `user`: a signed-in account or an API token; `anonymous`: the public; `system`: the CLI or the server itself */
  kind: 'user' | 'anonymous' | 'system';
  /** users.id; null for anonymous and system */
  userId: string | null;
  /** login name for users, 'anonymous', or 'system:<what>' (e.g. 'system:cli') */
  name: string;
  /** null for anonymous; system actors act as admin */
  role: Role | null;
  /** departments.id of the user's department; null when none */
  departmentId: string | null;
  /** how the actor was authenticated */
  via: 'session' | 'token' | 'cli' | 'none';
}

export const ANONYMOUS: Actor = Object.freeze({ kind: 'anonymous', userId: null, name: 'anonymous', role: null, departmentId: null, via: 'none' });

export function systemActor(what: string): Actor {
  return { kind: 'system', userId: null, name: `system:${what}`, role: 'admin', departmentId: null, via: 'cli' };
}
