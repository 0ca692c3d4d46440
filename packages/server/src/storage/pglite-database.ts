import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable } from './database.ts';
import { checkChannel } from './notifications.ts';

/**
 * PGlite's own start parameters plus a small buffer pool. PostgreSQL's default 128 MB of shared
 * buffers lives inside the WebAssembly memory and is touched as it fills, so the embedded database
 * grew to ~300 MB resident; 16 MB keeps it near 170 MB (measured on the bundled airspace) and changes
 * no SQL behaviour: the pages the server reads are few (the zone index is stored beside it, see
 * airspace/index-file.ts) and the operating system caches the files below.
 */
export const PGLITE_START_PARAMS: readonly string[] = [
  ...PGlite.defaultStartParams,
  '-c',
  'shared_buffers=16MB',
];

let newDatabasesFrom: (() => Promise<Blob>) | undefined;

/**
 * Tests only (set by testing/pglite-template.ts): new databases start from this tarball of a new,
 * migrated, empty data dir (PGlite's own dump) instead of running initdb, which costs ~1.5 s of CPU
 * each, and a test run opens a hundred or more. A folder that already holds a database is opened as
 * it is.
 */
export function startNewPgliteDatabasesFrom(template: (() => Promise<Blob>) | undefined): void {
  newDatabasesFrom = template;
}

/**
 * The embedded default: PostgreSQL compiled to WebAssembly, persisted in a folder (or in memory when
 * `dir` is undefined, for tests). Same SQL as production.
 */
export async function openPgliteDatabase(dir?: string): Promise<Database> {
  if (dir) mkdirSync(dir, { recursive: true });
  const fresh = !dir || !existsSync(join(dir, 'PG_VERSION'));
  const options = {
    startParams: [...PGLITE_START_PARAMS],
    ...(fresh && newDatabasesFrom ? { loadDataDir: await newDatabasesFrom() } : {}),
  };
  const db = dir ? new PGlite(dir, options) : new PGlite(options);
  await db.waitReady;
  return wrapPglite(db);
}

/**
 * Tests only: PGlite's dump (a gzipped tarball) of a new in-memory database after `prepare` (the
 * migrations), for startNewPgliteDatabasesFrom.
 */
export async function dumpNewPgliteDatabase(prepare: (db: Database) => Promise<unknown>): Promise<Blob> {
  const db = new PGlite({ startParams: [...PGLITE_START_PARAMS] });
  await db.waitReady;
  try {
    await prepare(wrapPglite(db));
    return await db.dumpDataDir('gzip');
  } finally {
    await db.close();
  }
}

function wrapPglite(db: PGlite): Database {
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<T>(sql: string, params?: unknown[]) {
      const r = await q.query<T>(sql, params as unknown[]);
      return { rows: r.rows };
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  const base = wrap(db);
  return {
    kind: 'pglite',
    ...base,
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx as unknown as PGlite))),
    // One process owns an embedded database, so its notifications only ever reach itself.
    listen: async (channel, fn) => db.listen(checkChannel(channel), fn),
    async notify(channel, payload) {
      await db.query('SELECT pg_notify($1, $2)', [checkChannel(channel), payload]);
    },
    close: () => db.close(),
  };
}
