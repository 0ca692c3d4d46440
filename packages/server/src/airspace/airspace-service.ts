import { createHash } from 'node:crypto';
import {
  detectZoneFormat,
  type ImportIssue,
  type ImportResult,
  importZones,
  type Zone,
  type ZoneFormat,
  ZoneIndex,
} from '@airlock/core';
import type { Logger } from '../log/index.ts';
import type { Database } from '../storage/index.ts';
import { type DatasetInfo, DatasetStore } from './dataset-store.ts';

export interface ImportRequest {
  /** Dataset id: letters, digits, dot, dash, underscore. */
  id: string;
  name?: string;
  format?: ZoneFormat;
  /** The file(s): one for most formats, airports + runways for OurAirports. */
  files: Array<{ name: string; text: string }>;
  licence?: string;
  strict?: boolean;
  /** Replace a dataset with the same id (otherwise that is an error). */
  replace?: boolean;
  bundled?: boolean;
  onProgress?: (done: number, total?: number) => void;
}

export interface ImportOutcome {
  dataset: DatasetInfo;
  issues: ImportIssue[];
  /** False when the same content was already imported under this id. */
  changed: boolean;
}

export class DatasetConflictError extends Error {
  constructor(id: string) {
    super(`dataset "${id}" already exists; pass replace to overwrite it`);
    this.name = 'DatasetConflictError';
  }
}

export const DATASET_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * Owns the airspace: datasets in SQL, and the in-memory index built from them, rebuilt whenever the
 * set of datasets changes (here or, seen by polling, on another server instance).
 */
export class AirspaceService {
  private current: ZoneIndex = ZoneIndex.build([]);
  private currentFingerprint = '';
  private loadedSource = '';
  private builtAt = new Date().toISOString();
  private timer: NodeJS.Timeout | null = null;
  private readonly byDataset = new Map<string, { version: string; zones: Zone[] }>();
  readonly store: DatasetStore;

  constructor(
    db: Database,
    private readonly log: Logger,
  ) {
    this.store = new DatasetStore(db);
  }

  get index(): ZoneIndex {
    return this.current;
  }

  /** Changes whenever the loaded datasets change: the basis of ETags. */
  get fingerprint(): string {
    return this.currentFingerprint;
  }

  /** When the current index was built. */
  get loadedAt(): string {
    return this.builtAt;
  }

  /**
   * Rebuilds the index when the datasets in the database differ from the loaded ones. Zones are kept in
   * memory per dataset, so only datasets that changed are read back (an import hands its zones over).
   */
  async refresh(force = false): Promise<boolean> {
    const versions = await this.store.versions();
    const fp = [...versions].map(([id, v]) => `${id}@${v}`).join(',');
    if (!force && fp === this.loadedSource) return false;
    const started = performance.now();
    for (const id of this.byDataset.keys()) if (!versions.has(id)) this.byDataset.delete(id);
    let read = 0;
    for (const [id, version] of versions) {
      if (!force && this.byDataset.get(id)?.version === version) continue;
      const zones = await this.store.zonesOf(id);
      read += zones.length;
      this.byDataset.set(id, { version, zones });
    }
    const loaded = performance.now();
    const all: Zone[] = [];
    for (const { zones } of this.byDataset.values()) for (const z of zones) all.push(z);
    this.current = ZoneIndex.build(all);
    this.builtAt = new Date().toISOString();
    this.loadedSource = fp;
    this.currentFingerprint = createHash('sha256').update(fp).digest('hex').slice(0, 16);
    this.log.info('airspace index built', {
      zones: all.length,
      zones_read: read,
      load_ms: Math.round(loaded - started),
      index_ms: Math.round(performance.now() - loaded),
    });
    return true;
  }

  startPolling(seconds: number): void {
    if (seconds <= 0 || this.timer) return;
    this.timer = setInterval(() => {
      this.refresh().catch((e) => this.log.warn('dataset poll failed', { error: String(e) }));
    }, seconds * 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Parses, stores and indexes a dataset. Bad records are skipped and returned (or throw in strict mode). */
  async importDataset(req: ImportRequest): Promise<ImportOutcome> {
    if (!DATASET_ID.test(req.id)) throw new RangeError(`dataset id "${req.id}" must match ${DATASET_ID}`);
    const format = req.format ?? detectZoneFormat(req.files[0]?.name ?? '', req.files[0]?.text ?? '');
    const version = contentVersion(format, req.files);
    const existing = await this.store.get(req.id);
    if (existing && !req.replace) {
      if (existing.version === version) return { dataset: existing, issues: [], changed: false };
      throw new DatasetConflictError(req.id);
    }
    const result: ImportResult = importZones(format, req.files, {
      dataset: req.id,
      strict: req.strict,
      onProgress: req.onProgress,
    });
    const unset = (l: string) => l === '' || l === 'see dataset';
    const licence =
      req.licence || result.zones.find((z) => !unset(z.licence))?.licence || 'unknown (set --licence)';
    const zones: Zone[] = result.zones.map((z) => (unset(z.licence) ? { ...z, licence } : z));
    await this.store.replace(
      {
        id: req.id,
        name: req.name ?? req.id,
        source: format,
        licence,
        version,
        counts: result.counts,
        issues: result.issues,
        bundled: req.bundled ?? false,
      },
      zones,
    );
    const dataset = (await this.store.get(req.id))!;
    this.byDataset.set(req.id, { version: versionKey(dataset), zones });
    await this.refresh();
    return { dataset, issues: result.issues, changed: true };
  }

  async removeDataset(id: string): Promise<boolean> {
    const removed = await this.store.remove(id);
    if (removed) await this.refresh();
    return removed;
  }
}

/** What identifies one stored state of a dataset: its content version and when it was written. */
export function versionKey(d: { version: string; importedAt: string }): string {
  return `${d.version}@${new Date(d.importedAt).getTime()}`;
}

/** sha256 of the format and every file's content: equal inputs, equal version. */
export function contentVersion(format: string, files: Array<{ name: string; text: string }>): string {
  const h = createHash('sha256').update(format);
  for (const f of files) h.update('\0').update(f.text);
  return h.digest('hex').slice(0, 16);
}
