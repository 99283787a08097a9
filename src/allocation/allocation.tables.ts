/**
 * Kysely table types of public resource allocation (lotteries, issue #8);
 * src/db/database.types.ts joins them into DB. Migration: src/db/migrations/20261128T1820-allocation.ts.
 */
export interface AllocationTables {}
