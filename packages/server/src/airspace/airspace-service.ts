import { createHash } from 'node:crypto';
import { detectZoneFormat, type ImportIssue, type Zone, type ZoneFormat, ZoneIndex } from '@airlock/core';
import type { Logger } from '../log/index.ts';
import type { Database } from '../storage/index.ts';
import { type DatasetInfo, DatasetStore } from './dataset-store.ts';
import type { FileZones } from './file-zones.ts';
import { type DatasetRange, readIndexFile, writeIndexFile } from './index-file.ts';
import { parseDataset } from './parse-dataset.ts';
import { refusePartialImport } from './partial-import.ts';
import type { ZoneFeed } from './rebuild.ts';
import { rebuildInWorker } from './rebuild-in-worker.ts';
import { changeTimesOf, ValidityClock } from './validity-clock.ts';

export interface ImportRequest {
  /** Dataset id: letters, digits, dot, dash, underscore. */
  id: string;
  name?: string;
  format?: ZoneFormat;
  /** The file(s): one for most formats, airports + runways for OurAirports. */
  files: Array<{ name: string; text: string }>;
  licence?: string;
  strict?: boolean;
  /** Store the zones even when more than 1% of the records were skipped (see partial-import.ts). */
  acceptPartial?: boolean;
  /** Replace a dataset with the same id (otherwise that is an error). */
  replace?: boolean;
  bundled?: boolean;
  onProgress?: (done: number, total?: number) => void;
  /** How far the whole import is, phase by phase (parsing, writing to SQL, indexing), 0..1 each. */
  onPhase?: (phase: ImportPhase, fraction: number) => void;
}

export type ImportPhase = 'parse' | 'store' | 'index';

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

/** The notification channel on which servers announce dataset changes (payload: the new fingerprint). */
export const DATASETS_CHANNEL = 'airlock_datasets';

export const DATASET_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export interface AirspaceOptions {
  /**
   * Where the prepared index is kept between starts (`<data dir>/airspace-index`). Without it the
   * index lives in memory only and every start rebuilds it from SQL.
   */
  indexDir?: string;
  /**
   * The files of the bundled dataset, shipped with the server. A bundled dataset's zones are not
   * written to SQL (every server has the files, and writing ~92k rows was most of a first start):
   * when the index must be rebuilt, they are parsed again from these.
   */
  bundledFiles?: () => Array<{ name: string; text: string }>;
  /** The clock restrictions start and end by (tests pass a fake one). */
  now?: () => number;
}

/** Milliseconds an index that was replaced keeps its file open, for answers still being built from it. */
const RETIRE_MS = 60_000;

/**
 * Owns the airspace: datasets in SQL, and the index built from them, rebuilt whenever the set of
 * datasets changes (here or, seen by polling, on another server instance). With an index dir, the
 * prepared index is stored per dataset fingerprint and a restart loads it instead of rebuilding; its
 * zones then stay in that file and are read when an answer needs them.
 */
export class AirspaceService {
  private current: ZoneIndex = ZoneIndex.build([]);
  private currentFingerprint = '';
  private loadedSource = '';
  private builtAt = new Date().toISOString();
  private timer: NodeJS.Timeout | null = null;
  /** Which zones of `current` belong to which dataset version: what a rebuild can reuse. */
  private ranges: DatasetRange[] = [];
  private file: FileZones | null = null;
  /** Zones an import just wrote, handed to the next rebuild instead of being read back from SQL. */
  private handed: { id: string; version: string; zones: Zone[] } | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /** A rebuild running on a worker thread, which may be reading `file` through its descriptor. */
  private building: Promise<unknown> | null = null;
  readonly store: DatasetStore;

  private unlisten: (() => Promise<void>) | null = null;
  /** When restrictions in the index start and end: the time part of `fingerprint`. */
  readonly validity: ValidityClock;

  constructor(
    private readonly db: Database,
    private readonly log: Logger,
    private readonly options: AirspaceOptions = {},
  ) {
    this.store = new DatasetStore(db);
    this.validity = new ValidityClock(options.now ?? Date.now, (step) =>
      this.log.info('airspace validity changed', { step }),
    );
  }

  get index(): ZoneIndex {
    return this.current;
  }

  /**
   * Changes whenever the loaded datasets change, and at every start and end time of a restriction in
   * them (so an answer, its ETag and every cache keyed by it turn over exactly then): the basis of
   * ETags and the `dataset_version` of every answer.
   */
  get fingerprint(): string {
    const step = this.validity.step;
    return step === 0 ? this.currentFingerprint : `${this.currentFingerprint}.${step}`;
  }

  /** The zones of an answer that are still valid now: a restriction leaves at its end time. */
  liveZones(zones: Zone[]): Zone[] {
    return this.validity.live(zones);
  }

  /** An answer's cache lifetime, cut so it does not outlive the earliest end among its zones. */
  lifetime(zones: readonly Zone[], maxAgeS: number): { maxAgeS: number; notAfter?: number } {
    return this.validity.lifetime(zones, maxAgeS);
  }

  /** When the current index was built. */
  get loadedAt(): string {
    return this.builtAt;
  }

  /**
   * Brings the index up to the datasets in the database: loads the stored index for them when there
   * is one, else rebuilds (reusing the zones of unchanged datasets) and stores it. Returns whether the
   * index changed. `force` rebuilds from SQL whatever is loaded or stored. Calls run one at a time.
   */
  refresh(force = false): Promise<boolean> {
    const run = this.queue.then(() => this.update(force));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async update(force: boolean): Promise<boolean> {
    const versions = await this.store.versions();
    const fp = [...versions].map(([id, v]) => `${id}@${v}`).join(',');
    if (!force && fp === this.loadedSource) return false;
    const fingerprint = createHash('sha256').update(fp).digest('hex').slice(0, 16);
    const dir = this.options.indexDir;
    const started = performance.now();
    if (dir && !force) {
      try {
        const loaded = readIndexFile(dir, fingerprint);
        if (loaded) {
          this.install(loaded.index, loaded.datasets, fp, fingerprint, loaded.zones, loaded.times);
          this.log.info('airspace index loaded', {
            zones: loaded.index.size,
            ms: Math.round(performance.now() - started),
          });
          return true;
        }
      } catch (e) {
        this.log.warn('stored airspace index unusable, rebuilding it', { error: String(e) });
      }
    }
    if (dir) {
      try {
        await this.rebuildOffThread(versions, force, dir, fp, fingerprint, started);
        return true;
      } catch (e) {
        this.log.warn('airspace index not built on a worker thread; building it here', { error: String(e) });
      }
    }
    const { zones, ranges, read } = await this.collect(versions, force);
    const loaded = performance.now();
    const index = ZoneIndex.build(zones);
    const built = performance.now();
    const times = changeTimesOf(zones);
    this.install(index, ranges, fp, fingerprint, null, times);
    let storeMs = 0;
    if (dir) {
      try {
        writeIndexFile(dir, fingerprint, index, zones, ranges);
        // Serve from the file from now on, so the zone objects just built can be freed.
        const stored = readIndexFile(dir, fingerprint);
        if (stored) this.install(stored.index, stored.datasets, fp, fingerprint, stored.zones, times);
        storeMs = Math.round(performance.now() - built);
      } catch (e) {
        this.log.warn('airspace index not stored; the next start rebuilds it', { error: String(e) });
      }
    }
    this.log.info('airspace index built', {
      zones: zones.length,
      zones_read: read,
      load_ms: Math.round(loaded - started),
      index_ms: Math.round(built - loaded),
      store_ms: storeMs,
    });
    return true;
  }

  /**
   * The rebuild with a stored index: a worker thread reads every zone, builds the index and writes its
   * file; this thread only gathers what the worker cannot reach (SQL rows, the handed-over zones, the
   * shipped files) and then loads the finished file, without hashing it again.
   */
  private async rebuildOffThread(
    versions: Map<string, string>,
    force: boolean,
    dir: string,
    source: string,
    fingerprint: string,
    started: number,
  ): Promise<void> {
    const datasets: Array<{ id: string; version: string; feed: ZoneFeed }> = [];
    for (const [id, version] of versions) {
      const had = force ? undefined : this.ranges.find((r) => r.id === id && r.version === version);
      let feed: ZoneFeed;
      if (had && this.file) {
        feed = { kind: 'file', file: this.file.handle(), start: had.start, count: had.count };
      } else if (had) {
        const zones: Zone[] = [];
        for (let i = had.start; i < had.start + had.count; i++) zones.push(this.current.zone(i));
        feed = { kind: 'zones', zones };
      } else if (this.handed?.id === id && this.handed.version === version) {
        feed = { kind: 'zones', zones: this.handed.zones };
      } else {
        feed = await this.storedFeed(id);
      }
      datasets.push({ id, version, feed });
    }
    const sent = performance.now();
    const work = rebuildInWorker({ dir, fingerprint, datasets });
    this.building = work.catch(() => undefined);
    let built: Awaited<typeof work>;
    try {
      built = await work;
    } finally {
      this.building = null;
    }
    const done = performance.now();
    const stored = readIndexFile(dir, fingerprint, built.digest);
    if (!stored) throw new Error('the index file just written is gone');
    this.handed = null;
    this.install(stored.index, stored.datasets, source, fingerprint, stored.zones, built.times);
    this.log.info('airspace index built', {
      zones: built.zones,
      zones_read: built.read,
      load_ms: Math.round(sent - started) + built.loadMs,
      index_ms: built.indexMs,
      store_ms: built.storeMs,
      worker_ms: Math.round(done - sent),
      install_ms: Math.round(performance.now() - done),
    });
  }

  /** What a worker needs for a dataset not in the index: its SQL chunks, or a bundled one's files. */
  private async storedFeed(id: string): Promise<ZoneFeed> {
    const chunks = await this.store.zoneChunksOf(id);
    if (chunks.length > 0) return { kind: 'chunks', chunks };
    const bundled = await this.bundledSource(id);
    return bundled ? { kind: 'files', id, ...bundled } : { kind: 'zones', zones: [] };
  }

  /** Every zone of the datasets, in id order of the datasets: reused, handed over, or read from SQL. */
  private async collect(
    versions: Map<string, string>,
    force: boolean,
  ): Promise<{ zones: Zone[]; ranges: DatasetRange[]; read: number }> {
    const zones: Zone[] = [];
    const ranges: DatasetRange[] = [];
    let read = 0;
    for (const [id, version] of versions) {
      const start = zones.length;
      const had = force ? undefined : this.ranges.find((r) => r.id === id && r.version === version);
      if (had) {
        for (let i = had.start; i < had.start + had.count; i++) zones.push(this.current.zone(i));
      } else if (this.handed?.id === id && this.handed.version === version) {
        for (const z of this.handed.zones) zones.push(z);
      } else {
        const own = await this.storedZones(id);
        read += own.length;
        for (const z of own) zones.push(z);
      }
      ranges.push({ id, version, start, count: zones.length - start });
    }
    this.handed = null;
    return { zones, ranges, read };
  }

  private install(
    index: ZoneIndex,
    ranges: DatasetRange[],
    source: string,
    fingerprint: string,
    file: FileZones | null,
    times?: number[],
  ): void {
    const old = this.file;
    // Answers being built from the old index may still read zones from its file for a moment.
    if (old && old !== file) setTimeout(() => this.closeFile(old), RETIRE_MS).unref();
    this.current = index;
    this.ranges = ranges;
    this.file = file;
    this.builtAt = new Date().toISOString();
    this.loadedSource = source;
    this.currentFingerprint = fingerprint;
    this.validity.reset(times ?? changeTimesOf(allZones(index)));
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
    this.validity.stop();
  }

  /** Stops polling and closes the stored index (the service answers nothing after this). */
  close(): void {
    this.stop();
    this.unlisten?.().catch(() => {});
    this.unlisten = null;
    if (this.file) this.closeFile(this.file);
  }

  /** Closes an index file once no rebuild can be reading it (a worker reads through its descriptor). */
  private closeFile(file: FileZones): void {
    if (this.building) void this.building.then(() => file.close());
    else file.close();
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
    const { result, licence, zones } = parseDataset(req, format);
    // The bundled snapshot is ours and tested; anything else must not lose zones silently.
    refusePartialImport(result, req.acceptPartial === true || req.bundled === true);
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
      (fraction) => req.onPhase?.('store', fraction),
    );
    req.onPhase?.('index', 0);
    const dataset = (await this.store.get(req.id))!;
    this.handed = { id: req.id, version: versionKey(dataset), zones };
    await this.refresh();
    await this.announce();
    return { dataset, issues: result.issues, changed: true };
  }

  /** A dataset's zones from SQL, or for a bundled one (not stored in SQL) parsed again from its files. */
  private async storedZones(id: string): Promise<Zone[]> {
    const own = await this.store.zonesOf(id);
    if (own.length > 0) return own;
    const bundled = await this.bundledSource(id);
    return bundled ? parseDataset({ id, ...bundled }, bundled.format).zones : own;
  }

  /** The shipped files a bundled dataset (its zones are not in SQL) is parsed again from, if they match. */
  private async bundledSource(
    id: string,
  ): Promise<{ format: ZoneFormat; licence: string; files: Array<{ name: string; text: string }> } | null> {
    const info = await this.store.get(id);
    if (!info?.bundled || info.zoneCount === 0) return null;
    const files = this.options.bundledFiles?.();
    const format = info.source as ZoneFormat;
    if (!files || contentVersion(format, files) !== info.version) {
      this.log.error('bundled dataset cannot be rebuilt: this server ships other files', { dataset: id });
      return null;
    }
    return { format, licence: info.licence, files };
  }

  async removeDataset(id: string): Promise<boolean> {
    const removed = await this.store.remove(id);
    if (removed) {
      await this.refresh();
      await this.announce();
    }
    return removed;
  }

  /**
   * Refreshes whenever another server announces a change (PostgreSQL LISTEN/NOTIFY), so an import or
   * removal reaches every instance at once rather than at the next poll; polling stays as the net for
   * a notification lost while the listening connection was down (it reconnects and refreshes too).
   */
  async listenForChanges(): Promise<void> {
    if (this.unlisten) return;
    this.unlisten = await this.db.listen(DATASETS_CHANNEL, (payload) => {
      if (payload === this.fingerprint) return;
      this.refresh().catch((e) =>
        this.log.warn('dataset refresh on notification failed', { error: String(e) }),
      );
    });
  }

  /** Tells the other servers that the datasets changed; they re-read them. */
  private async announce(): Promise<void> {
    await this.db
      .notify(DATASETS_CHANNEL, this.fingerprint)
      .catch((e) => this.log.warn('dataset change not announced', { error: String(e) }));
  }
}

/** Every zone of an index, one at a time (an index loaded from an older file has no stored times). */
function* allZones(index: ZoneIndex): Generator<Zone> {
  for (let i = 0; i < index.size; i++) yield index.zone(i);
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
