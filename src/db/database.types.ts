/** Table types for Kysely. JSON columns are stored as text on both SQLite and PostgreSQL. */
import type { Generated } from 'kysely';
import type { AllocationTables } from '../allocation/allocation.tables.js';
import type { AssistantTables } from '../assistant/assistant.tables.js';
import type { AuditTables } from '../audit/audit.tables.js';
import type { AuthTables } from '../auth/auth.tables.js';
import type { DocumentsTables } from '../documents/documents.tables.js';
import type { GuideTables } from '../guide/guide.tables.js';
import type { HotlineTables } from '../hotline/hotline.tables.js';
import type { PrereviewTables } from '../prereview/prereview.tables.js';

export interface EntriesTable {
  id: string;
  kind: string;
  title: string;
  status: string;
  latest_version: number;
  created_at: string;
  updated_at: string;
}

export interface EntryVersionsTable {
  entry_id: string;
  version: number;
  kind: string;
  title: string;
  status: string;
  valid_from: string | null;
  valid_to: string | null;
  region: string | null;
  department: string | null;
  service_objects: string;
  doc_number: string | null;
  content_hash: string;
  body: string;
  text: string;
  passages: string;
  created_at: string;
  change_note: string | null;
}

export interface KbChangesTable {
  seq: Generated<number>;
  entry_id: string;
  version: number;
  changed_at: string;
}

export interface SearchSynonymsTable {
  id: Generated<number>;
  alias: string;
  canonical: string;
  created_at: string;
}

/** Each domain declares its own tables (auth.tables.ts, audit.tables.ts …); DB is their union. */
export interface DB extends AuthTables, AuditTables, AssistantTables, PrereviewTables, GuideTables, HotlineTables, DocumentsTables, AllocationTables {
  entries: EntriesTable;
  entry_versions: EntryVersionsTable;
  kb_changes: KbChangesTable;
  search_synonyms: SearchSynonymsTable;
}
