import type { Zone, ZoneCategory } from '@airlock/core';
import type { Database } from '../storage/index.ts';

export interface DatasetInfo {
  id: string;
  name: string;
  source: string;
  licence: string;
  /** Content hash of what was imported: the same input gives the same version. */
  version: string;
  importedAt: string;
  zoneCount: number;
  counts: Record<ZoneCategory, number>;
  /** Records skipped at import, with where and why (the first 1000). */
  issues: unknown[];
  bundled: boolean;
}

interface DatasetRow {
  id: string;
  name: string;
  source: string;
  licence: string;
  version: string;
  imported_at: Date | string;
  zone_count: number;
  counts: Record<ZoneCategory, number>;
  issues: unknown[];
  bundled: boolean;
}

const BATCH = 500;

function toInfo(r: DatasetRow): DatasetInfo {
  return {
    id: r.id,
    name: r.name,
    source: r.source,
    licence: r.licence,
    version: r.version,
    importedAt: new Date(r.imported_at).toISOString(),
    zoneCount: r.zone_count,
    counts: r.counts,
    issues: r.issues,
    bundled: r.bundled,
  };
}

/** Datasets and zones in SQL: the system of record the in-memory index is built from. */
export class DatasetStore {
  constructor(private readonly db: Database) {}

  async list(): Promise<DatasetInfo[]> {
    const { rows } = await this.db.query<DatasetRow>('SELECT * FROM datasets ORDER BY id');
    return rows.map(toInfo);
  }

  async get(id: string): Promise<DatasetInfo | null> {
    const { rows } = await this.db.query<DatasetRow>('SELECT * FROM datasets WHERE id = $1', [id]);
    return rows[0] ? toInfo(rows[0]) : null;
  }

  /** "id@version,…": changes whenever any dataset is added, replaced or removed. */
  async fingerprint(): Promise<string> {
    const { rows } = await this.db.query<{ id: string; version: string; imported_at: Date | string }>(
      'SELECT id, version, imported_at FROM datasets ORDER BY id',
    );
    return rows.map((r) => `${r.id}@${r.version}@${new Date(r.imported_at).getTime()}`).join(',');
  }

  /** Writes a dataset and all its zones in one transaction, replacing any dataset with the same id. */
  async replace(info: Omit<DatasetInfo, 'importedAt' | 'zoneCount'>, zones: readonly Zone[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query('DELETE FROM datasets WHERE id = $1', [info.id]);
      await tx.query(
        `INSERT INTO datasets (id, name, source, licence, version, zone_count, counts, issues, bundled)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          info.id,
          info.name,
          info.source,
          info.licence,
          info.version,
          zones.length,
          JSON.stringify(info.counts),
          JSON.stringify(info.issues.slice(0, 1000)),
          info.bundled,
        ],
      );
      // Multi-row inserts: single-row inserts are ten times slower on the embedded database.
      for (let i = 0; i < zones.length; i += BATCH) {
        const chunk = zones.slice(i, i + BATCH);
        const params: unknown[] = [];
        const values = chunk.map((z, k) => {
          params.push(info.id, z.id, z.category, z.name, z.country, JSON.stringify(z));
          const b = k * 6;
          return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6})`;
        });
        await tx.query(
          `INSERT INTO zones (dataset_id, id, category, name, country, zone) VALUES ${values.join(', ')}`,
          params,
        );
      }
    });
  }

  async remove(id: string): Promise<boolean> {
    const { rows } = await this.db.query<{ id: string }>('DELETE FROM datasets WHERE id = $1 RETURNING id', [
      id,
    ]);
    return rows.length > 0;
  }

  /** Every zone of every dataset, for building the index. */
  async allZones(): Promise<Zone[]> {
    // Reading the JSON as text and parsing here is several times faster than letting the driver
    // build objects row by row on the embedded database.
    const { rows } = await this.db.query<{ zone: string }>(
      'SELECT zone::text AS zone FROM zones ORDER BY dataset_id, id',
    );
    const out: Zone[] = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = JSON.parse(rows[i].zone);
    return out;
  }
}
