/** Composition of public resource allocation (issue #8): rounds, eligibility, commitments, draws, verification. */
import type { AuditService } from '../audit/audit.service.js';
import type { AuthServices } from '../auth/auth.module.js';
import type { Env } from '../config/env.js';
import type { Database } from '../db/database.js';

export interface AllocationDeps {
  database: Database;
  audit: AuditService;
  auth: AuthServices;
  env: Env;
}

export interface AllocationServices {}

export function createAllocationServices(_deps: AllocationDeps): AllocationServices {
  return {};
}
