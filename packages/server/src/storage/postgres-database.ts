import pg from 'pg';
import type { Database, Queryable } from './database.ts';
import { checkChannel, listenPostgres } from './notifications.ts';

/** Production: a PostgreSQL pool. `schema`, when given, is created and put first on the search path. */
export async function openPostgresDatabase(
  url: string,
  options: { schema?: string; max?: number } = {},
): Promise<Database> {
  const schema = options.schema;
  if (schema && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
  if (schema) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    ...(schema ? { options: `-c search_path=${schema},public` } : {}),
  });
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  await pool.query('SELECT 1');
  const wrap = (q: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T>(sql: string, params?: unknown[]) {
      const r = await q.query(sql, params);
      return { rows: r.rows as T[] };
    },
    async exec(sql: string) {
      await q.query(sql);
    },
  });
  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn(wrap(client));
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        throw e;
      } finally {
        client.release();
      }
    },
    listen: (channel, fn) =>
      listenPostgres(url, channel, fn, schema ? `-c search_path=${schema},public` : undefined),
    async notify(channel, payload) {
      await pool.query('SELECT pg_notify($1, $2)', [checkChannel(channel), payload]);
    },
    close: () => pool.end(),
  };
}
