/** Composition of public resource allocation (issue #8): rounds, eligibility, commitments, draws, verification. */
import type { AuditService } from '../audit/audit.service.js';
import type { AuthServices } from '../auth/auth.module.js';
import type { Env } from '../config/env.js';
import type { Database } from '../db/database.js';
import { AllocationRepository } from './allocation.repository.js';
import { ApplicationsService } from './applications.service.js';
import { IdProtector } from './id-protection.js';
import { RoundsService } from './rounds.service.js';

export interface AllocationDeps {
  database: Database;
  audit: AuditService;
  auth: AuthServices;
  env: Env;
}

export interface AllocationServices {
  rounds: RoundsService;
  applications: ApplicationsService;
}

export function createAllocationServices(deps: AllocationDeps): AllocationServices {
  const db = deps.database.db;
  const repo = new AllocationRepository(db);
  const rounds = new RoundsService({ db, repo, audit: deps.audit, clock: deps.auth.clock });
  const applications = new ApplicationsService({ db, repo, rounds, audit: deps.audit, clock: deps.auth.clock, ids: IdProtector.fromDataDir(deps.env.dataDir) });
  return { rounds, applications };
}
