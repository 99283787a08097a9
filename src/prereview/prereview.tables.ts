/** Kysely table types of material pre-review (issue #5); src/db/database.types.ts joins them into DB. */
import type { Generated } from 'kysely';

/** One version of the rules of one service item; the highest version applies. */
export interface PrereviewRuleSetsTable {
  item_id: string;
  version: number;
  /** JSON array of rules (prereview.schema.ts ruleSchema) */
  rules: string;
  note: string | null;
  created_at: string;
  created_by: string;
}

/** An application: the citizen's submission for one service item, with its current revision. */
export interface PrereviewApplicationsTable {
  /** the application number the citizen keeps (YS…) */
  id: string;
  item_id: string;
  item_version: number;
  item_name: string;
  /** the department the item belongs to (its department/agency field), or null for none known */
  department_id: number | null;
  /** 'pending' (waiting for a reviewer) | 'supplement' (补正 requested) | 'accepted' | 'rejected' */
  status: string;
  revision: number;
  /** SHA-256 of the citizen's status token; the token itself is shown once */
  token_hash: string;
  applicant_name: string | null;
  /** the AI pre-check's overall result of the current revision: pass | fail | uncertain */
  suggestion: string;
  created_at: string;
  updated_at: string;
}

/** Each submission or resubmission: the form as sent and the pre-check report. */
export interface PrereviewRevisionsTable {
  application_id: string;
  revision: number;
  /** JSON object of the applicant's form fields */
  form: string;
  /** JSON report (prereview.schema.ts reportSchema) */
  report: string;
  /** 0 when the rules were derived from the item's materials */
  rule_set_version: number;
  suggestion: string;
  created_at: string;
}

export interface PrereviewFilesTable {
  id: Generated<number>;
  application_id: string;
  revision: number;
  seq: number;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  content: Buffer;
  /** extracted text (text layer, DOCX or OCR) */
  text: string;
  /** 居民身份证 | 户口簿 | 营业执照 | 申请表 | 结婚证 | 不动产权证书 | 其他 */
  doc_type: string;
  /** JSON object of the key fields found */
  fields: string;
  /** 'text' (PDF layer), 'docx', 'ocr', 'none' (nothing readable) */
  extraction: string;
  /** mean OCR line confidence 0–1, null when no OCR ran */
  confidence: number | null;
  created_at: string;
}

/** A reviewer's decision on a revision (also in the audit trail). */
export interface PrereviewDecisionsTable {
  id: Generated<number>;
  application_id: string;
  revision: number;
  /** accept | reject | supplement */
  decision: string;
  reason: string;
  user_id: string;
  user_name: string;
  role: string;
  department_id: number | null;
  /** the AI suggestion the reviewer saw */
  suggestion: string;
  created_at: string;
}

export interface PrereviewTables {
  prereview_rule_sets: PrereviewRuleSetsTable;
  prereview_applications: PrereviewApplicationsTable;
  prereview_revisions: PrereviewRevisionsTable;
  prereview_files: PrereviewFilesTable;
  prereview_decisions: PrereviewDecisionsTable;
}
