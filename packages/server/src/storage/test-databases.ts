import { randomBytes } from 'node:crypto';
import type { Database } from './database.ts';
import { migrate } from './migrate.ts';
import { openPgliteDatabase } from './pglite-database.ts';
import { openPostgresDatabase } from './postgres-database.ts';
import '../testing/pglite-template.ts';

export interface TestDatabaseFactory {
  name: 'pglite' | 'postgres';
  /** A fresh, migrated, empty database; `dispose` drops it. */
  open(): Promise<{ db: Database; dispose(): Promise<void> }>;
}

/**
 * The adapters a contract test runs against: the embedded database always, PostgreSQL when
 * AIRLOCK_TEST_DATABASE_URL is set (CI sets it). Each PostgreSQL run gets a schema of its own.
 */
export function forEachTestDatabase(
  env: Record<string, string | undefined> = process.env,
): TestDatabaseFactory[] {
  const out: TestDatabaseFactory[] = [
    {
      name: 'pglite',
      async open() {
        const db = await openPgliteDatabase();
        await migrate(db);
        return { db, dispose: () => db.close() };
      },
    },
  ];
  const url = env.AIRLOCK_TEST_DATABASE_URL;
  if (url) {
    out.push({
      name: 'postgres',
      async open() {
        const schema = `airlock_test_${randomBytes(6).toString('hex')}`;
        const db = await openPostgresDatabase(url, { schema, max: 4 });
        await migrate(db);
        return {
          db,
          async dispose() {
            await db.query(`DROP SCHEMA ${schema} CASCADE`);
            await db.close();
          },
        };
      },
    });
  }
  return out;
}
