import type { Database } from '../storage/index.ts';

/** A stored gateway key: its id, its X25519 private key, and its age by the database's clock. */
export interface StoredKey {
  keyId: number;
  privateKey: Uint8Array;
  ageS: number;
  createdAt: Date;
}

export interface RotationPolicy {
  /** A current key older than this is replaced. */
  rotateS: number;
  /** A replaced key is still accepted for this long after its successor was made. */
  graceS: number;
}

/**
 * Makes sure a current key exists and is young enough, drops keys past their grace, and returns the
 * keys still accepted, newest first. Several servers on one PostgreSQL may run this at once: the
 * advisory lock makes one of them rotate and the others read its result. Ages come from the
 * database's clock, the one clock every instance shares. `generate` makes a fresh private key.
 */
export async function rotateKeys(
  db: Database,
  policy: RotationPolicy,
  generate: () => Promise<Uint8Array>,
): Promise<StoredKey[]> {
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('airlock-ohttp-keys'))");
    const read = async () =>
      (
        await tx.query<{ key_id: number; private_key: Uint8Array; age_s: number; created_at: Date }>(
          `SELECT key_id, private_key, created_at, extract(epoch FROM now() - created_at)::float8 AS age_s
             FROM ohttp_keys ORDER BY created_at DESC, key_id DESC`,
        )
      ).rows.map((r) => ({
        keyId: r.key_id,
        privateKey: new Uint8Array(r.private_key),
        ageS: r.age_s,
        createdAt: new Date(r.created_at),
      }));
    let keys = await read();
    if (keys.length === 0 || keys[0].ageS >= policy.rotateS) {
      const used = new Set(keys.map((k) => k.keyId));
      const next = keys.length === 0 ? 0 : nextFreeId(keys[0].keyId, used);
      await tx.query('INSERT INTO ohttp_keys (key_id, private_key) VALUES ($1, $2)', [
        next,
        Buffer.from(await generate()),
      ]);
      keys = await read();
    }
    // Key i was replaced when key i-1 (its successor) was made: it goes once that is graceS ago.
    const expired = keys.filter((_, i) => i > 0 && keys[i - 1].ageS >= policy.graceS);
    if (expired.length > 0) {
      await tx.query('DELETE FROM ohttp_keys WHERE key_id = ANY($1::smallint[])', [
        expired.map((k) => k.keyId),
      ]);
    }
    return keys.filter((k) => !expired.includes(k));
  });
}

function nextFreeId(current: number, used: Set<number>): number {
  for (let i = 1; i <= 256; i++) {
    const id = (current + i) % 256;
    if (!used.has(id)) return id;
  }
  throw new Error(
    'all 256 OHTTP key ids are in use: AIRLOCK_OHTTP_KEY_GRACE_S is far too long for the rotation',
  );
}
