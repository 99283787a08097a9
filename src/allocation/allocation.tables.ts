/**
 * Kysely table types of public resource allocation (lotteries, issue #8);
 * src/db/database.types.ts joins them into DB. Migration: src/db/migrations/20261128T1820-allocation.ts.
 * JSON columns are text. Values that the public checks (list hash, commitment, secret, public
 * value, seed, results) cannot be changed once set: the service refuses and database triggers
 * abort the statement.
 */
import type { Generated } from 'kysely';

export interface AllocationRoundsTable {
  /** AL + YYYYMMDD + 4 hex, e.g. AL20261128A1B2 */
  id: string;
  title: string;
  resource_name: string;
  /** e.g. 公租房, 义务教育学位, 夜市摊位: rounds of the same kind share the "not already holding" check */
  resource_kind: string;
  slots: number;
  /** JSON array of eligibility rules (allocation.schema.ts eligibilityRuleSchema) */
  rules: string;
  /** JSON array of { name, quota, description } in priority order */
  groups: string;
  description: string | null;
  registration_opens_at: string;
  registration_closes_at: string;
  /** draft | registration | review | list_published | committed | drawn */
  status: string;
  /** last application sequence number handed out */
  applicant_seq: number;
  /** JSON array of the qualified entries as published ({ applicationNo, name, group }) */
  qualified_list: string | null;
  list_hash: string | null;
  list_published_at: string | null;
  /** SHA-256 of the secret, published before the draw */
  commitment: string | null;
  /** 32 random bytes as hex; public only once the round is drawn */
  secret: string | null;
  committed_at: string | null;
  public_value: string | null;
  seed: string | null;
  drawn_at: string | null;
  drawn_by: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface AllocationApplicationsTable {
  /** {round id}-{5-digit sequence}: ASCII, sorts like the draw sorts */
  application_no: string;
  round_id: string;
  seq: number;
  name: string;
  name_masked: string;
  /** AES-256-GCM of the normalised ID number (iv ‖ tag ‖ ciphertext, base64) under the data directory's key */
  id_cipher: string;
  /** HMAC-SHA256 of the normalised ID number: duplicates and "already holding" without decrypting */
  id_hmac: string;
  id_last4: string;
  birth_date: string;
  phone: string;
  /** 户籍 division code (GB/T 2260, 6 digits) */
  household_division: string;
  /** date the 户籍 was registered there (YYYY-MM-DD), when given */
  household_since: string | null;
  /** declared per-capita annual household income, yuan */
  income: number;
  /** declared: already holds a resource of this kind */
  holding_declared: number;
  /** the priority group the applicant claims, or null */
  claimed_group: string | null;
  /** pending | qualified | unqualified */
  status: string;
  /** the priority group confirmed by the reviewer (qualified applicants only) */
  group_name: string | null;
  /** the rules' suggestion: qualified | unqualified | uncertain */
  suggestion: string;
  /** JSON array of rule results { rule, label, status, explanation } */
  checks: string;
  created_at: string;
  updated_at: string;
}

/** A reviewer's eligibility decision (also in the audit trail); the latest one counts. */
export interface AllocationDecisionsTable {
  id: Generated<number>;
  application_no: string;
  round_id: string;
  /** qualified | unqualified */
  decision: string;
  group_name: string | null;
  reason: string;
  suggestion: string;
  user_id: string;
  user_name: string;
  created_at: string;
}

export interface AllocationResultsTable {
  round_id: string;
  application_no: string;
  rank: number;
  /** the priority group whose quota the rank came from; null for the general draw */
  group_name: string | null;
  selected: number;
}

/** 申诉: filed by an applicant (application number + last 4 ID digits), decided by staff. */
export interface AllocationObjectionsTable {
  id: Generated<number>;
  round_id: string;
  application_no: string;
  /** eligibility | result | other */
  kind: string;
  text: string;
  /** open | upheld | dismissed */
  status: string;
  reply: string | null;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
}

export interface AllocationTables {
  allocation_rounds: AllocationRoundsTable;
  allocation_applications: AllocationApplicationsTable;
  allocation_decisions: AllocationDecisionsTable;
  allocation_results: AllocationResultsTable;
  allocation_objections: AllocationObjectionsTable;
}
