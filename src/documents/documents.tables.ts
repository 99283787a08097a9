/**
 * Kysely table types of official documents (公文, issue #7); src/db/database.types.ts joins
 * them into DB. Migration: src/db/migrations/20261128T1810-documents.ts.
 */
import type { Generated } from 'kysely';

/** A document under drafting or signed off; its content lives in its versions. */
export interface DocumentsTable {
  /** 'GW' + time + random */
  id: string;
  type: string;
  title: string;
  doc_number: string | null;
  /** drafting (拟稿) | reviewing (待核稿) | reviewed (已核稿, 待签发) | signed (已签发) */
  status: string;
  /** the latest version */
  version: number;
  /** the drafter's department: who else may see and act on it */
  department_id: number | null;
  created_by: string;
  created_by_name: string;
  created_at: string;
  updated_at: string;
}

/** Every save is a new version; versions are never changed. */
export interface DocumentVersionsTable {
  document_id: string;
  version: number;
  /** JSON of the OfficialDocument (document.model.ts) */
  content: string;
  /** its plain-text rendering */
  text: string;
  /** manual | text | template | llm | import */
  source: string;
  note: string | null;
  created_by: string;
  created_by_name: string;
  created_at: string;
}

/** The approval flow, step by step (also in the audit trail). */
export interface DocumentActionsTable {
  id: Generated<number>;
  document_id: string;
  version: number;
  /** create | save | submit | approve | return | sign */
  action: string;
  actor_id: string;
  actor_name: string;
  role: string | null;
  reason: string | null;
  created_at: string;
}

export interface DocumentsTables {
  documents: DocumentsTable;
  document_versions: DocumentVersionsTable;
  document_actions: DocumentActionsTable;
}
