export type { Database, Queryable } from './database.ts';
export { migrate } from './migrate.ts';
export { openDatabase } from './open-database.ts';
export { openPgliteDatabase } from './pglite-database.ts';
export { openPostgresDatabase } from './postgres-database.ts';
export { forEachTestDatabase } from './test-databases.ts';
