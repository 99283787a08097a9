/** Composition of official documents (issue #7): drafting, the GB/T 9704 checker, versions and approval, export. */
import type { AuditService } from '../audit/audit.service.js';
import type { AuthServices } from '../auth/auth.module.js';
import type { Env } from '../config/env.js';
import type { Database } from '../db/database.js';

export interface DocumentsDeps {
  database: Database;
  audit: AuditService;
  auth: AuthServices;
  env: Env;
}

export interface DocumentServices {}

export function createDocumentServices(_deps: DocumentsDeps): DocumentServices {
  return {};
}
