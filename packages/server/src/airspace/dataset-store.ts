import { gunzipSync, gzipSync } from 'node:zlib';
import { prepareGeometry, type Zone, type ZoneCategory } from '@airlock/core';
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

const BATCH = 10_000;
/** Zones per compressed chunk: keeps each bytea well under a few MB. */
const CHUNK = 20_000;

/** Fields that are usually the same for every zone of a dataset: stored once per chunk, not per zone. */
const SHARED_FIELDS = ['licence', 'source', 'dataset', 'message'] as const;
type Shared = Partial<Pick<Zone, (typeof SHARED_FIELDS)[number]>>;

/** Strips fields equal to the chunk's most common value; `expandChunk` puts them back. */
function compactChunk(zones: readonly Zone[]): { shared: Shared; zones: Partial<Zone>[] } {
  const shared: Shared = {};
  for (const f of SHARED_FIELDS) {
    const freq = new Map<string, number>();
    for (const z of zones)
      if (z[f] !== undefined) freq.set(z[f] as string, (freq.get(z[f] as string) ?? 0) + 1);
    const top = [...freq].sort((a, b) => b[1] - a[1])[0];
    if (top && top[1] > 1) shared[f] = top[0];
  }
  return {
    shared,
    zones: zones.map((z) => {
      const c: Partial<Zone> = { ...z };
      for (const f of SHARED_FIELDS) if (shared[f] !== undefined && c[f] === shared[f]) delete c[f];
      return c;
    }),
  };
}

function expandChunk(chunk: { shared: Shared; zones: Partial<Zone>[] }): Zone[] {
  return chunk.zones.map((z) => ({ ...chunk.shared, ...z }) as Zone);
}

/** The zones of a dataset's stored chunks (base64 gzip, as `zoneChunksOf` gives them), in order. */
export function zonesFromChunks(chunks: readonly string[]): Zone[] {
  const out: Zone[] = [];
  for (const b64 of chunks) {
    const json = gunzipSync(Buffer.from(b64, 'base64')).toString('utf8');
    for (const z of expandChunk(JSON.parse(json))) out.push(z);
  }
  return out;
}

function zoneBBox(zone: Zone): [number, number, number, number] {
  let w = Number.POSITIVE_INFINITY;
  let s = Number.POSITIVE_INFINITY;
  let e = Number.NEGATIVE_INFINITY;
  let n = Number.NEGATIVE_INFINITY;
  for (const v of zone.volumes) {
    for (const part of prepareGeometry(v.geometry)) {
      w = Math.min(w, part.bbox[0]);
      s = Math.min(s, part.bbox[1]);
      e = Math.max(e, part.bbox[2]);
      n = Math.max(n, part.bbox[3]);
    }
  }
  return [w, s, e, n];
}

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

  /** Each dataset's version key (content version @ import time): changes on add, replace, remove. */
  async versions(): Promise<Map<string, string>> {
    const { rows } = await this.db.query<{ id: string; version: string; imported_at: Date | string }>(
      'SELECT id, version, imported_at FROM datasets ORDER BY id',
    );
    return new Map(rows.map((r) => [r.id, `${r.version}@${new Date(r.imported_at).getTime()}`]));
  }

  /**
   * Writes a dataset and all its zones in one transaction, replacing any dataset with the same id.
   * A bundled dataset is written without its zones (AirspaceService parses them from the shipped files).
   */
  async replace(
    info: Omit<DatasetInfo, 'importedAt' | 'zoneCount'>,
    zones: readonly Zone[],
    onProgress?: (fraction: number) => void,
  ): Promise<void> {
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
      // A bundled dataset's zones are derived from files every server ships: only its row is stored.
      if (info.bundled) return onProgress?.(1);
      // One JSON parameter per 10k rows, unpacked by json_to_recordset: binding nine parameters per row
      // costs far more than the rows themselves on the embedded database.
      for (let i = 0; i < zones.length; i += BATCH) {
        const rows = zones.slice(i, i + BATCH).map((z) => {
          const [w, s, e, n] = zoneBBox(z);
          return { id: z.id, category: z.category, name: z.name, country: z.country, w, s, e, n };
        });
        await tx.query(
          `INSERT INTO zones (dataset_id, id, category, name, country, west, south, east, north)
           SELECT $1, x.id, x.category, x.name, x.country, x.w, x.s, x.e, x.n
           FROM json_to_recordset($2::json)
             AS x(id text, category text, name text, country text, w float8, s float8, e float8, n float8)`,
          [info.id, JSON.stringify(rows)],
        );
        onProgress?.(Math.min(1, (i + BATCH) / zones.length) / 2);
      }
      for (let i = 0, c = 0; i < zones.length; i += CHUNK, c++) {
        const gz = gzipSync(JSON.stringify(compactChunk(zones.slice(i, i + CHUNK))), { level: 4 });
        // As base64 text, decoded by the database: a bytea parameter crosses the embedded database's
        // boundary ten times slower (1.3 s against 0.13 s for 4 MB).
        await tx.query(
          "INSERT INTO dataset_zones (dataset_id, chunk, zones_gz) VALUES ($1, $2, decode($3, 'base64'))",
          [info.id, c, gz.toString('base64')],
        );
        onProgress?.(0.5 + Math.min(1, (i + CHUNK) / zones.length) / 2);
      }
    });
  }

  async remove(id: string): Promise<boolean> {
    const { rows } = await this.db.query<{ id: string }>('DELETE FROM datasets WHERE id = $1 RETURNING id', [
      id,
    ]);
    return rows.length > 0;
  }

  /** Every zone of one dataset, for building the index. */
  async zonesOf(datasetId: string): Promise<Zone[]> {
    return zonesFromChunks(await this.zoneChunksOf(datasetId));
  }

  /**
   * A dataset's zones as stored: gzip chunks in base64, unpacked by `zonesFromChunks`. Apart so the
   * unpacking (seconds for a large dataset) can run on another thread than the query.
   */
  async zoneChunksOf(datasetId: string): Promise<string[]> {
    // base64 text crosses the embedded database's boundary five times faster than bytea.
    const { rows } = await this.db.query<{ b64: string }>(
      "SELECT encode(zones_gz, 'base64') AS b64 FROM dataset_zones WHERE dataset_id = $1 ORDER BY chunk",
      [datasetId],
    );
    return rows.map((r) => r.b64);
  }

  /** Every zone of every dataset. */
  async allZones(): Promise<Zone[]> {
    const out: Zone[] = [];
    for (const id of (await this.versions()).keys()) for (const z of await this.zonesOf(id)) out.push(z);
    return out;
  }
}
