/**
 * Kysely table types of official documents (公文, issue #7); src/db/database.types.ts joins
 * them into DB. Migration: src/db/migrations/20261128T1810-documents.ts.
 */
export interface DocumentsTables {}
