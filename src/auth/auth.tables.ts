/** Kysely table types of this domain; src/db/database.types.ts joins them into DB. */
import type { Generated } from 'kysely';

export interface DepartmentsTable {
  id: Generated<number>;
  name: string;
  parent_id: number | null;
  /** government | bureau | section | center */
  kind: string;
  code: string | null;
  created_at: string;
}

export interface UsersTable {
  id: Generated<number>;
  name: string;
  display_name: string;
  role: string;
  department_id: number | null;
  /** argon2id PHC string */
  password_hash: string;
  /** 1 / 0 on both engines */
  active: number;
  must_change_password: number;
  /** failures inside the current window (see lockout.ts) */
  failed_count: number;
  failed_since: string | null;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  /** SHA-256 (hex) of the cookie secret: the secret itself is never stored */
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  /** SHA-256 (hex) of the `xz_…` secret */
  token_hash: string;
  label: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface SharingGrantsTable {
  id: Generated<number>;
  owner_department_id: number;
  grantee_user_id: number | null;
  grantee_department_id: number | null;
  /** what the grant opens: 'kb.entry', 'hotline.order', 'prereview.application' … */
  resource: string;
  purpose: string;
  expires_at: string;
  created_by: number | null;
  created_by_name: string;
  created_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
  revoke_reason: string | null;
}

export interface AuthTables {
  departments: DepartmentsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  sharing_grants: SharingGrantsTable;
}
