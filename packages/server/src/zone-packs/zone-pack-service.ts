import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import type { Zone } from '@airlock/core/zone';
import { parsePackId } from '@airlock/core/zone-pack';
import type { AirspaceService } from '../airspace/index.ts';
import { ByteLru, type Sized } from '../http/byte-lru.ts';
import { HttpError } from '../http/http-error.ts';
import type { Logger } from '../log/index.ts';
import { packContent, tilesByCountry } from './pack-builder.ts';
import type { PartGroup } from './pack-encoder.ts';
import type { PackHistory, StoredVersion } from './pack-history.ts';
import { type PackResult, type PackTask, PackWorker } from './pack-worker-client.ts';
import type { PackSigningKey } from './signing-key.ts';

/**
 * A sealed pack or delta as kept: its gzip only (a pack shrinks ~6x). The sealed bytes are unzipped
 * for the rare client that does not accept gzip, and to read an old version back for a delta.
 */
export class SealedBody implements Sized {
  readonly bytes: number;
  constructor(readonly gzip: Uint8Array) {
    this.bytes = gzip.byteLength + ENTRY_OVERHEAD;
  }
  get sealed(): Uint8Array {
    return gunzipSync(this.gzip);
  }
}

export type PackAnswer = (
  | { kind: 'current'; version: string }
  | { kind: 'pack' | 'delta'; version: string; body: SealedBody }
) & {
  /** A newer version is being built: the answer is the previous one; ask again in `retryS`. */
  stale?: boolean;
};

/** The queue is full: try again later (a 503 with Retry-After). */
export class PackBusyError extends HttpError {
  constructor(readonly retryAfterS: number) {
    super(503, 'packs_busy', `zone packs are being built; try again in ${retryAfterS} s`);
  }
}

/**
 * Versions of each pack kept for deltas: in the answer cache while the budget holds them, and in the
 * database (PackHistory, its own `keep`, 8 by default). More than this behind, the whole pack.
 */
const HISTORY = 8;
/** Key, object and map entry per kept body, beside its bytes. */
const ENTRY_OVERHEAD = 256;
/**
 * A version whose gzip is more than this share of the answer budget is sent to the requests that
 * waited for it and not kept. Kept, one entry would push out a quarter of every other answer each
 * time it is touched, and the world pack has no size of its own to trust (it grows with the
 * datasets). Not keeping it costs a rebuild per request (one at a time through the queue, from the
 * worker's parts: seconds, not a minute; with `history`, the worker finds the version unchanged and
 * its bytes are read back from the database) and deltas to it: the log says so, and that the budget
 * (AIRLOCK_ANSWER_CACHE_MB) should be at least four times the pack. At the default 64 MiB the world
 * pack (~8 MB gzip) is kept.
 */
const MAX_PACK_SHARE = 1 / 4;

export interface ZonePackOptions {
  /**
   * Where built packs, their kept versions and deltas live: the app's answer cache (one byte budget,
   * AIRLOCK_ANSWER_CACHE_MB, shared with tile and cell answers). Its own 64 MiB without one.
   */
  cache?: ByteLru;
  /**
   * Where every built version's bytes are kept for later deltas, shared by the servers on one database
   * and surviving a restart. Without it, history is this process's cache only.
   */
  history?: PackHistory;
  log?: Logger;
  now?: () => Date;
  /** Builds waiting beyond the one running; one more is a 503 (or the previous version, if kept). */
  maxQueued?: number;
  /** How long a request holding nothing newer waits for a rebuild before it gets the previous version. */
  staleAfterMs?: number;
}

interface Meta {
  /** The airspace fingerprint the head was last built or confirmed for. */
  fingerprint: string;
  /** null: the pack has no zones for that fingerprint (a 404). */
  head: { version: string; built: string } | null;
  /** Versions whose bytes may still be in the cache, oldest first, the head last. */
  versions: string[];
  /** Cache keys of the deltas to the head. */
  deltas: string[];
}

/** A finished build: the head, and its bytes even when they were too big to keep. */
type Built = { version: string; body: SealedBody } | null;

/**
 * Builds, signs and keeps zone packs for the current datasets. Built on first request through one
 * queue and one worker thread (pack-worker.ts), once per (pack, airspace fingerprint); concurrent
 * requests for a pack share its build. Built bytes live in the app's answer cache under keys of their
 * own (`zone-pack\0…`), so the one budget bounds them: an evicted head is rebuilt (with its build
 * time, so byte for byte the same), an evicted old version means a device holding it gets the whole
 * pack instead of a delta — correct, just bigger. While a new version builds, a request gets the
 * previous one (if kept) after `staleAfterMs`, marked stale. Which versions a pack had is a small
 * record per pack id (bounded by the ~3,300 valid ids).
 *
 * With `history` every new version is also stored in the database as it is built (awaited in the
 * queue, so a version answered is a version stored), and read back from there when a device holds a
 * version this process does not (a restart, another instance) or the head was evicted. A build starts
 * from the newest stored version, so a server finding that content unchanged adopts its build time and
 * bytes instead of signing its own: every server answers one byte string per version.
 */
export class ZonePackService {
  private readonly cache: ByteLru;
  private readonly meta = new Map<string, Meta>();
  private readonly builds = new Map<string, { fingerprint: string; promise: Promise<Built> }>();
  private readonly deltaBuilds = new Map<string, Promise<SealedBody | null>>();
  /** Stored versions being read back, shared by the requests meanwhile. */
  private readonly reads = new Map<string, Promise<SealedBody | null>>();
  private readonly worker: PackWorker;
  private readonly now: () => Date;
  private readonly maxQueued: number;
  private readonly staleAfterMs: number;
  private countries: { fingerprint: string; map: Map<string, string[]> } | null = null;
  private tail: Promise<unknown> = Promise.resolve();
  private queued = 0;
  private warned = new Set<string>();
  private untagged = 0;
  /** Builds run so far (tests and the bench read it). */
  buildsRun = 0;

  constructor(
    private readonly airspace: AirspaceService,
    readonly key: PackSigningKey,
    private readonly options: ZonePackOptions = {},
  ) {
    this.cache = options.cache ?? new ByteLru(64 * 2 ** 20);
    this.now = options.now ?? (() => new Date());
    this.maxQueued = options.maxQueued ?? 16;
    this.staleAfterMs = options.staleAfterMs ?? 5_000;
    this.worker = new PackWorker(async () => ({
      keyId: key.keyId,
      pkcs8: new Uint8Array(await crypto.subtle.exportKey('pkcs8', key.privateKey)),
    }));
  }

  /** Bytes this service holds in the shared cache now (the bench reports it). */
  get cachedBytes(): number {
    let n = 0;
    for (const [id, m] of this.meta) {
      for (const v of m.versions) n += this.cache.peek<SealedBody>(versionKey(id, v))?.bytes ?? 0;
      for (const d of m.deltas) n += this.cache.peek<SealedBody>(d)?.bytes ?? 0;
    }
    return n;
  }

  /** The answer for a device asking for `id` and holding `have` (or nothing). */
  async answer(id: string, have: string | undefined): Promise<PackAnswer> {
    if (!parsePackId(id))
      throw new HttpError(400, 'bad_pack_id', 'a pack id is world, country-XX or tile-N45E005 (5° tiles)');
    const fingerprint = this.airspace.fingerprint;
    const meta = this.meta.get(id);
    const kept = meta?.head ? this.cache.get<SealedBody>(versionKey(id, meta.head.version)) : undefined;
    if (meta && meta.fingerprint === fingerprint && (meta.head === null || kept))
      return this.from(id, meta.head, kept, have, false);
    // A rebuild (new fingerprint), or the head's bytes were evicted.
    const build = this.build(id, fingerprint);
    const previous = meta?.head && kept ? { version: meta.head.version, body: kept } : null;
    if (!build) {
      if (previous) return this.from(id, previous, kept, have, true);
      throw new PackBusyError(30);
    }
    if (previous && meta?.fingerprint !== fingerprint) {
      const built = await Promise.race([build, delay(this.staleAfterMs).then(() => undefined)]);
      if (built === undefined) return this.from(id, previous, kept, have, true);
      return this.fromBuilt(id, built, have);
    }
    return this.fromBuilt(id, await build, have);
  }

  /** Stops the worker thread. */
  async close(): Promise<void> {
    await this.worker.close();
  }

  private async fromBuilt(id: string, built: Built, have: string | undefined): Promise<PackAnswer> {
    return this.from(id, built, built?.body, have, false);
  }

  private async from(
    id: string,
    head: { version: string } | null,
    body: SealedBody | undefined,
    have: string | undefined,
    stale: boolean,
  ): Promise<PackAnswer> {
    if (!head || !body)
      throw new HttpError(404, 'pack_not_found', `no zones for ${id}: there is no such pack`);
    const flag = stale ? { stale: true } : {};
    if (have === head.version) return { kind: 'current', version: head.version, ...flag };
    if (have !== undefined) {
      const key = deltaKey(id, have, head.version);
      const made = this.cache.get<SealedBody>(key);
      if (made) return { kind: 'delta', version: head.version, body: made, ...flag };
      // While the head is stale, only a delta already made: the queue is busy with the new version.
      const old = stale ? undefined : await this.oldVersion(id, have);
      const delta = old ? await this.delta(id, head.version, old, key) : null;
      if (delta) return { kind: 'delta', version: head.version, body: delta, ...flag };
    }
    return { kind: 'pack', version: head.version, body, ...flag };
  }

  /** A version the device holds: from the cache, else from the database (one read shared). */
  private async oldVersion(id: string, version: string): Promise<SealedBody | null> {
    const kept = this.cache.get<SealedBody>(versionKey(id, version));
    if (kept) return kept;
    const history = this.options.history;
    if (!history) return null;
    const key = versionKey(id, version);
    let read = this.reads.get(key);
    if (!read) {
      read = history.gzip(id, version).then(
        (gzip) => (gzip ? new SealedBody(gzip) : null),
        (e: unknown) => {
          this.options.log?.warn('stored zone pack version not read; the whole pack is sent', {
            error: String(e),
          });
          return null;
        },
      );
      this.reads.set(key, read);
      void read.finally(() => this.reads.delete(key));
    }
    return read;
  }

  /** The build of `id` for `fingerprint`, shared by every request meanwhile; null when the queue is full. */
  private build(id: string, fingerprint: string): Promise<Built> | null {
    const running = this.builds.get(id);
    if (running && running.fingerprint === fingerprint) return running.promise;
    const promise = this.enqueue(() => this.buildNow(id));
    if (!promise) return null;
    const entry = { fingerprint, promise };
    this.builds.set(id, entry);
    const done = () => {
      if (this.builds.get(id) === entry) this.builds.delete(id);
    };
    promise.then(done, done);
    return promise;
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> | null {
    if (this.queued > this.maxQueued) return null;
    this.queued++;
    const run = this.tail.then(work).finally(() => this.queued--);
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async buildNow(id: string): Promise<Built> {
    const meta = this.meta.get(id) ?? { fingerprint: '', head: null, versions: [], deltas: [] };
    this.meta.set(id, meta);
    const job = await this.prepare(id);
    if (!job.task) {
      meta.fingerprint = job.fingerprint;
      meta.head = null;
      return null;
    }
    // The newest stored version (perhaps another server's) is what an unchanged content adopts.
    const stored = await this.newestStored(id);
    const last = stored ?? meta.head ?? undefined;
    const lastBody = last ? this.cache.peek<SealedBody>(versionKey(id, last.version)) : undefined;
    this.buildsRun++;
    const task = { ...job.task, kind: 'pack' as const, ...(last ? { last } : {}) };
    let result = await this.worker.run(
      { ...task, reuse: lastBody !== undefined || stored !== null },
      job.supply,
    );
    meta.fingerprint = job.fingerprint;
    if (result.gzip === null) {
      const body = lastBody ?? (await this.oldVersion(id, result.version));
      if (body) return { version: result.version, body: this.keepVersion(id, meta, result, body) };
      // Deleted from the database since (a newer version pushed it out): encode it after all.
      result = await this.worker.run({ ...task, reuse: false }, job.supply);
    }
    let body = new SealedBody(result.gzip as Uint8Array);
    const other = await this.store(id, result, body);
    if (other) {
      result = { ...result, built: other.built };
      body = new SealedBody(other.gzip);
    }
    return { version: result.version, body: this.keepVersion(id, meta, result, body) };
  }

  private async newestStored(id: string): Promise<StoredVersion | null> {
    try {
      return (await this.options.history?.newest(id)) ?? null;
    } catch (e) {
      this.options.log?.warn('zone pack history not read; building without it', { error: String(e) });
      return null;
    }
  }

  /** Stores a new version; another server's bytes of it when that one stored it first. */
  private async store(id: string, result: PackResult, body: SealedBody) {
    try {
      return (await this.options.history?.put(id, result, body.gzip)) ?? null;
    } catch (e) {
      this.options.log?.warn('zone pack version not stored; deltas from it only while cached here', {
        pack: id,
        error: String(e),
      });
      return null;
    }
  }

  /** What the worker needs for the pack `id` of the airspace as it is now (it may have moved on). */
  private async prepare(id: string): Promise<{
    fingerprint: string;
    task?: Omit<PackTask, 'n' | 'kind' | 'reuse'>;
    supply: (group: number, ids: string[]) => Zone[];
  }> {
    const fingerprint = this.airspace.fingerprint;
    const index = this.airspace.index;
    const content = packContent(parsePackId(id)!, index, () => this.countryTiles(fingerprint));
    if (!content) return { fingerprint, supply: () => [] };
    // packContent gives each zone once (a tile or country dedupes by key; the world is the index).
    const zones = this.airspace.liveZones(content.zones);
    const all = await this.airspace.store.versions();
    const datasets = Object.fromEntries(
      [...new Set(zones.map((z) => z.dataset))].sort().map((d) => [d, all.get(d) ?? 'unknown']),
    );
    // Parts are kept per dataset version; if the index is not the one these versions describe (an
    // import landing between the two reads), this build's parts get keys no other build uses.
    const consistent = this.airspace.fingerprint === fingerprint && describesIndex(all, fingerprint);
    const tag = consistent ? '' : `\u0000${fingerprint}\u0000${++this.untagged}`;
    const byDataset = new Map<string, Zone[]>();
    for (const z of zones) {
      let list = byDataset.get(z.dataset);
      if (!list) byDataset.set(z.dataset, (list = []));
      list.push(z);
    }
    const lists = [...byDataset.values()];
    const groups: PartGroup[] = lists.map((list) => ({
      key: `${list[0].dataset}\u0000${datasets[list[0].dataset]}${tag}`,
      ids: list.map((z) => z.id),
    }));
    return {
      fingerprint,
      task: {
        head: { id, datasets, cover: content.cover, countries: content.countries },
        groups,
        live: [...all].map(([d, v]) => `${d}\u0000${v}`),
        now: this.now().toISOString(),
      },
      // Only the zones the worker does not hold yet: all of them once, then a changed dataset's.
      supply: (group, ids) => {
        if (ids.length === lists[group].length) return lists[group];
        const wanted = new Set(ids);
        return lists[group].filter((z) => wanted.has(z.id));
      },
    };
  }

  /** Records a new head (or the same one, rebuilt after eviction) and keeps its bytes if they fit. */
  private keepVersion(id: string, meta: Meta, result: StoredVersion, body: SealedBody): SealedBody {
    const changed = meta.head?.version !== result.version;
    meta.head = { version: result.version, built: result.built };
    if (changed) {
      // Deltas to the old head are of no more use: devices are now sent deltas to this one.
      for (const k of meta.deltas) this.cache.delete(k);
      meta.deltas = [];
      meta.versions = meta.versions.filter((v) => v !== result.version);
      meta.versions.push(result.version);
      while (meta.versions.length > HISTORY)
        this.cache.delete(versionKey(id, meta.versions.shift() as string));
    }
    if (this.fits(body, id)) this.cache.set(versionKey(id, result.version), body);
    return body;
  }

  private fits(body: SealedBody, id: string): boolean {
    if (body.bytes <= this.cache.budgetBytes * MAX_PACK_SHARE) return true;
    if (!this.warned.has(id)) {
      this.warned.add(id);
      this.options.log?.warn('zone pack too big to keep in the answer cache; it is rebuilt per request', {
        pack: id,
        gzip_bytes: body.gzip.byteLength,
        budget_bytes: this.cache.budgetBytes,
        hint: 'raise AIRLOCK_ANSWER_CACHE_MB to at least four times the pack',
      });
    }
    return false;
  }

  /** The delta from `from` to the head `to`, built once through the queue; null when busy or failed. */
  private delta(id: string, to: string, old: SealedBody, key: string): Promise<SealedBody | null> {
    const running = this.deltaBuilds.get(key);
    if (running) return running;
    const promise = this.enqueue(() => this.deltaNow(id, to, old, key));
    if (!promise) return Promise.resolve(null);
    const safe = promise.catch((e: unknown) => {
      this.options.log?.warn('zone pack delta not built; the whole pack is sent', { error: String(e) });
      return null;
    });
    this.deltaBuilds.set(key, safe);
    void safe.finally(() => this.deltaBuilds.delete(key));
    return safe;
  }

  private async deltaNow(id: string, to: string, old: SealedBody, key: string): Promise<SealedBody | null> {
    const meta = this.meta.get(id);
    // The head moved on while this waited: the device gets the whole new pack.
    if (!meta?.head || meta.head.version !== to) return null;
    const job = await this.prepare(id);
    if (!job.task) return null;
    const result = await this.worker.run(
      { ...job.task, kind: 'delta', last: meta.head, reuse: false, old: new Uint8Array(old.gzip) },
      job.supply,
    );
    // The airspace moved on to other content since the head was built: no delta to the head.
    if (result.version !== to) return null;
    const body = new SealedBody(result.gzip as Uint8Array);
    if (meta.head?.version === to && this.fits(body, key)) {
      this.cache.set(key, body);
      meta.deltas.push(key);
    }
    return body;
  }

  private countryTiles(fingerprint: string): Map<string, string[]> {
    if (this.countries?.fingerprint !== fingerprint) {
      this.countries = { fingerprint, map: tilesByCountry(this.airspace.index) };
    }
    return this.countries.map;
  }
}

const versionKey = (id: string, version: string) => `zone-pack\u0000v\u0000${id}\u0000${version}`;
const deltaKey = (id: string, from: string, to: string) =>
  `zone-pack\u0000d\u0000${id}\u0000${from}\u0000${to}`;

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms).unref());
}

/**
 * Whether the dataset versions read from SQL are the ones the loaded index was built from: the
 * airspace fingerprint is SHA-256 of `id@version,…` (first 16 hex digits), then `.step` for the
 * validity clock. If that ever changes, this says no and builds just stop reusing parts.
 */
function describesIndex(versions: Map<string, string>, fingerprint: string): boolean {
  const source = [...versions].map(([id, v]) => `${id}@${v}`).join(',');
  return createHash('sha256').update(source).digest('hex').slice(0, 16) === fingerprint.split('.')[0];
}
