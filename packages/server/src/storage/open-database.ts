import { join } from 'node:path';
import type { Database } from './database.ts';
import { migrate } from './migrate.ts';
import { openPgliteDatabase } from './pglite-database.ts';
import { openPostgresDatabase } from './postgres-database.ts';

/** PostgreSQL when a URL is given, else the embedded database in `<dataDir>/pglite`; migrated. */
export async function openDatabase(options: {
  databaseUrl?: string;
  dataDir?: string;
  memory?: boolean;
}): Promise<Database> {
  const db = options.databaseUrl
    ? await openPostgresDatabase(options.databaseUrl)
    : await openPgliteDatabase(
        options.memory || !options.dataDir ? undefined : join(options.dataDir, 'pglite'),
      );
  try {
    await migrate(db);
  } catch (e) {
    await db.close();
    throw e;
  }
  return db;
}
