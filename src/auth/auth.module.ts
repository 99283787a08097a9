/** Composition of the accounts services (issue #3): users, departments, sessions, tokens, grants. */
import type { Kysely } from 'kysely';
import type { AuditRecorder } from '../audit/audit.types.js';
import type { Env } from '../config/env.js';
import type { Dialect } from '../db/database.js';
import type { DB } from '../db/database.types.js';
import { systemClock, type Clock } from './clock.js';
import { DepartmentScope } from './department-scope.js';
import { DepartmentsRepository } from './departments.repository.js';
import { DepartmentsService } from './departments.service.js';
import { GrantsService } from './grants.service.js';
import { SessionsService } from './sessions.service.js';
import { TokensService } from './tokens.service.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';

export interface AuthServices {
  /** every accounts service reads the time here; tests move it instead of sleeping */
  clock: Clock;
  users: UsersService;
  departments: DepartmentsService;
  sessions: SessionsService;
  tokens: TokensService;
  grants: GrantsService;
  /** department boundaries for every capability with department-owned records */
  scope: DepartmentScope;
}

export function createAuthServices(deps: { db: Kysely<DB>; dialect: Dialect; audit: AuditRecorder; env: Env }): AuthServices {
  const { db, audit, env } = deps;
  const base = systemClock();
  // one object whose `now` tests may replace: every service holds this same clock
  const clock: Clock = { now: () => base.now() };
  const usersRepo = new UsersRepository(db);
  const deptRepo = new DepartmentsRepository(db);
  return {
    clock,
    users: new UsersService(db, usersRepo, deptRepo, audit, clock),
    departments: new DepartmentsService(db, deptRepo, audit, clock),
    sessions: new SessionsService(db, usersRepo, deptRepo, audit, clock, env.sessionHours),
    tokens: new TokensService(db, usersRepo, audit, clock),
    grants: new GrantsService(db, deptRepo, usersRepo, audit, clock),
    scope: new DepartmentScope(deptRepo, clock),
  };
}
