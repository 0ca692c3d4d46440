import type { Queryable } from '../storage/index.ts';

/** A stored version: what the worker needs to rebuild it byte for byte (no bytes). */
export interface StoredVersion {
  version: string;
  built: string;
}

/**
 * Built zone-pack versions in the database (`zone_pack_versions`, migration 020): each version's
 * sealed gzip once, shared by every server on the database, so history outlives a restart and holds
 * across instances behind a load balancer. The database rather than a blob store: it is the one store
 * every topology shares (the embedded PGlite included), the zones and the signing key the packs are
 * made of already live there, and "keep the newest 8" is one statement. The blob stores are the
 * pilot-data stores, each bound to the region its personal data must stay in; packs are public.
 *
 * Size: the newest `keep` versions per pack id that was ever asked for. The world pack is ~8 MB gzip,
 * so it alone holds up to ~64 MB; a 5° tile is KBs to ~120 KB.
 */
export class PackHistory {
  constructor(
    private readonly db: Queryable,
    readonly keep = 8,
  ) {}

  /** The newest stored version of `id`, or null. */
  async newest(id: string): Promise<StoredVersion | null> {
    const { rows } = await this.db.query<StoredVersion>(
      'SELECT version, built FROM zone_pack_versions WHERE pack_id = $1 ORDER BY seq DESC LIMIT 1',
      [id],
    );
    return rows[0] ?? null;
  }

  /** Every stored version of `id`, oldest first. */
  async versions(id: string): Promise<string[]> {
    const { rows } = await this.db.query<{ version: string }>(
      'SELECT version FROM zone_pack_versions WHERE pack_id = $1 ORDER BY seq',
      [id],
    );
    return rows.map((r) => r.version);
  }

  /** The sealed gzip of a stored version, or null. */
  async gzip(id: string, version: string): Promise<Uint8Array | null> {
    const { rows } = await this.db.query<{ gzip: string }>(
      `SELECT encode(gzip, 'hex') AS gzip FROM zone_pack_versions WHERE pack_id = $1 AND version = $2`,
      [id, version],
    );
    return rows[0] ? fromHex(rows[0].gzip) : null;
  }

  /**
   * Stores a version unless it is stored already, then deletes all but the newest `keep` of the id.
   * When another server stored the same version first (both built it at once), its row stays and is
   * returned: same zones, another build time; the caller answers with those bytes so every server
   * hands out one byte string per version. Null when this call stored it.
   */
  async put(
    id: string,
    v: StoredVersion,
    gzip: Uint8Array,
  ): Promise<(StoredVersion & { gzip: Uint8Array }) | null> {
    const { rows } = await this.db.query(
      `INSERT INTO zone_pack_versions (pack_id, version, built, gzip) VALUES ($1, $2, $3, decode($4, 'hex'))
       ON CONFLICT (pack_id, version) DO NOTHING RETURNING seq`,
      [id, v.version, v.built, toHex(gzip)],
    );
    if (rows.length === 0) {
      const { rows: stored } = await this.db.query<{ built: string; gzip: string }>(
        `SELECT built, encode(gzip, 'hex') AS gzip FROM zone_pack_versions WHERE pack_id = $1 AND version = $2`,
        [id, v.version],
      );
      // Deleted between the two statements (pruned by a newer version): ours is as good.
      if (!stored[0]) return null;
      return { version: v.version, built: stored[0].built, gzip: fromHex(stored[0].gzip) };
    }
    await this.db.query(
      `DELETE FROM zone_pack_versions WHERE pack_id = $1 AND seq NOT IN
         (SELECT seq FROM zone_pack_versions WHERE pack_id = $1 ORDER BY seq DESC LIMIT $2)`,
      [id, this.keep],
    );
    return null;
  }
}

/*
 * Bytes travel as hex text, converted by Node (native) and by SQL's encode/decode: PGlite's own bytea
 * conversion goes byte by byte in JavaScript and held the event loop ~1.8 s to store an 8 MB world
 * version and ~0.7 s to read it; as hex, ~0.15-0.3 s and ~0.04-0.09 s (PostgreSQL: ~0.1 s each, stalls
 * of 20-45 ms). Measured in-process with 8.1 MB of random bytes, load ~2.
 */
function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

function fromHex(hex: string): Uint8Array {
  return new Uint8Array(Buffer.from(hex, 'hex'));
}
