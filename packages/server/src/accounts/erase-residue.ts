import type { Database, Queryable } from '../storage/index.ts';

/**
 * The tables whose deleted rows could give a deleted pilot back: the wrapped data key (with the master
 * key beside it in the data dir, it opens the sealed address and every blob), the sealed address and
 * its lookup hash, the sign-in throttle's hash of the address, the pilot's sessions, and the pilot's
 * flight-log shares (an offset share's secret vector would give the true track back).
 */
export const PILOT_TABLES = [
  'pilots',
  'pilot_keys',
  'sessions',
  'sign_in_throttle',
  'flightlog_shares',
] as const;

/**
 * After rows holding a pilot's key or address are deleted: makes the bytes they held leave every file
 * of the data dir. A DELETE only marks a row version dead: its bytes stay in the table's pages (a
 * plain VACUUM frees the space but leaves them there until reused), in the indexes, and in the WAL
 * that logged the INSERT. So, on the embedded engine:
 * - VACUUM FULL rewrites each table and its indexes into new files holding only live rows (the old
 *   files are unlinked at the next checkpoint);
 * - a checkpoint, a switch to a new WAL segment and a second checkpoint leave no segment before the
 *   new one needed; with `wal_recycle` off they are unlinked rather than renamed for reuse (a recycled
 *   segment keeps its old bytes until overwritten).
 * About 100 ms and one fresh 16 MB WAL segment per deletion; deletions are rare.
 *
 * On an external PostgreSQL the tables are rewritten too, but the WAL, its archive, replicas and backups
 * belong to the operator (and CHECKPOINT needs a privileged role); there the master key is not beside
 * the data (AIRLOCK_MASTER_KEY), which is what keeps dead rows unreadable.
 */
export async function eraseResidue(db: Database, tables: readonly string[] = PILOT_TABLES): Promise<void> {
  await db.exec(`VACUUM FULL ${tables.join(', ')}`);
  if (db.kind !== 'pglite') return;
  await db.exec('SET wal_recycle = off');
  await db.exec('CHECKPOINT');
  await db.query('SELECT pg_switch_wal()');
  await db.exec('CHECKPOINT');
}

/** Inside the deleting transaction: the erasure is owed until `finishErasures` has run. */
export async function oweErasure(tx: Queryable): Promise<void> {
  await tx.query('INSERT INTO erasure_pending DEFAULT VALUES');
}

/**
 * Erases the residue of every deletion owed so far (after a deletion, and at start-up for one a stopped
 * server left unfinished). A deletion committed while this runs stays owed and is erased by its own call.
 */
export async function finishErasures(db: Database): Promise<boolean> {
  const { rows } = await db.query<{ upto: string | null }>(
    'SELECT max(n)::text AS upto FROM erasure_pending',
  );
  const upto = rows[0]?.upto;
  if (upto === null || upto === undefined) return false;
  await eraseResidue(db);
  await db.query('DELETE FROM erasure_pending WHERE n <= $1', [upto]);
  return true;
}
