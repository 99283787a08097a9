/** Kysely table types of guided service (issue #5); src/db/database.types.ts joins them into DB. */

/**
 * A guide session: the answers a citizen gave for an item or a life event, resumable with a
 * random token of which only the SHA-256 is stored (the token is the citizen's only key).
 */
export interface GuideSessionsTable {
  /** public id, used in the audit trail instead of the token */
  id: string;
  token_hash: string;
  /** 'item' | 'life_event' */
  kind: string;
  target_id: string;
  /** JSON: questionId → optionId | optionId[] */
  answers: string;
  /** the date the citizen asked about (YYYY-MM-DD), or null for "today" */
  date: string | null;
  /** JSON: docId → version of the item versions last used, to tell the citizen when they changed */
  versions: string;
  created_at: string;
  updated_at: string;
  expires_at: string;
}

export interface GuideTables {
  guide_sessions: GuideSessionsTable;
}
