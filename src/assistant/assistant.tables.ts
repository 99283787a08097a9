/** Kysely table types of this domain; src/db/database.types.ts joins them into DB. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AssistantTables {}
