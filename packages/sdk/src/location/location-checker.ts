import {
  CELL_COVERAGE_MARGIN_M,
  DEFAULT_LOOKAHEAD_M,
  DEFAULT_MECHANISM,
  type LocationRequest,
  locationRequests,
} from '@airlock/core/location-privacy';
import { radioRulesFor } from '@airlock/core/radio';
import { safeStorage } from '../storage/index.ts';
import { type CachedAreaMeta, createAreaCache } from './area-cache.ts';
import { coversDisc } from './area-cover.ts';
import { forbidsStore, maxAgeFromCacheControl } from './cache-control.ts';
import { type LoadedArea, loadArea, resultFromArea } from './loaded-area.ts';
import { parseLocationAnswer } from './location-answer.ts';
import { createPackChecker } from './pack-checker.ts';
import type {
  CheckOptions,
  LocationChecker,
  LocationCheckerOptions,
  LocationCheckResult,
  LocationPosition,
} from './types.ts';

const DAY_S = 86_400;
/** Parsed areas kept in memory, so moving between neighbouring cells does not re-read zones. */
const AREAS_IN_MEMORY = 3;

interface FetchOutcome {
  area?: LoadedArea;
  sent: number;
  offline: boolean;
  error?: string;
}

/**
 * The location check: turns the position into the privacy mechanism's request, sends it through the
 * transport, and keeps every answer in storage with its age, max-age and ETag. A fresh cached answer
 * covering the position is used without asking; a stale one is revalidated (If-None-Match); offline
 * or on an error the newest cached answer that still covers the position is used and its age said.
 * Without one, the result says `coverage: 'none'`: no data never reads as "no zones".
 *
 * @example
 * const transport = createTransport({ serverUrl: 'https://airlock.example.com' });
 * const checker = createLocationChecker({ transport, storage: memoryStorage() });
 * const result = await checker.check({ lon: 8.5492, lat: 47.4582, accuracyM: 5 });
 * if (result.coverage === 'none') showNoData(result.error);
 */
export function createLocationChecker(options: LocationCheckerOptions): LocationChecker {
  if (options.zonePacks) return createPackChecker({ ...options, zonePacks: options.zonePacks });
  const mechanism = options.mechanism ?? DEFAULT_MECHANISM;
  const lookAheadM = options.lookAheadM ?? DEFAULT_LOOKAHEAD_M;
  const clock = options.now ?? (() => new Date());
  const now = () => clock().getTime();
  const hardExpiryS = options.hardExpiryS ?? 7 * DAY_S;
  const defaultMaxAgeS = options.defaultMaxAgeS ?? 3600;
  const cache = createAreaCache(safeStorage(options.storage), {
    prefix: options.storagePrefix ?? 'airlock.location.v1:',
    hardExpiryS,
    maxAreas: options.maxCachedAreas ?? 8,
    now,
  });
  const loaded = new Map<string, LoadedArea>();
  let current: LoadedArea | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  const ageS = (area: { fetchedAt: Date | number }) =>
    Math.max(
      0,
      (now() - (typeof area.fetchedAt === 'number' ? area.fetchedAt : area.fetchedAt.getTime())) / 1000,
    );

  function remember(area: LoadedArea): void {
    loaded.delete(area.path);
    loaded.set(area.path, area);
    for (const path of loaded.keys()) {
      if (loaded.size <= AREAS_IN_MEMORY) break;
      if (path !== current?.path) loaded.delete(path);
    }
  }

  function forget(path: string): void {
    loaded.delete(path);
    if (current?.path === path) current = null;
  }

  async function areaFromStorage(meta: CachedAreaMeta): Promise<LoadedArea | null> {
    const body = await cache.body(meta.path);
    try {
      if (body === null) throw new Error('body missing');
      const area = loadArea(meta, parseLocationAnswer(body));
      remember(area);
      return area;
    } catch {
      await cache.remove(meta.path); // unreadable: never fall back to it again
      return null;
    }
  }

  /** The newest non-expired area covering the disc, from memory or storage; fresh ones only if asked. */
  async function findCovering(lon: number, lat: number, reach: number, freshOnly: boolean) {
    const candidates = new Map<string, { fetchedAt: number; maxAgeS: number; meta?: CachedAreaMeta }>();
    for (const area of loaded.values()) {
      if (area.covers(lon, lat, reach)) {
        candidates.set(area.path, { fetchedAt: area.fetchedAt.getTime(), maxAgeS: area.maxAgeS });
      }
    }
    for (const meta of await cache.list()) {
      const known = candidates.get(meta.path);
      if (!coversDisc(meta.cover, lon, lat, reach) || (known && known.fetchedAt >= meta.fetchedAt)) continue;
      candidates.set(meta.path, { fetchedAt: meta.fetchedAt, maxAgeS: meta.maxAgeS, meta });
    }
    const usable = [...candidates.entries()]
      .filter(([, c]) => ageS(c) <= hardExpiryS && (!freshOnly || ageS(c) <= c.maxAgeS))
      .sort((a, b) => b[1].fetchedAt - a[1].fetchedAt);
    for (const [path, c] of usable) {
      const inMemory = loaded.get(path);
      if (inMemory && !c.meta) return inMemory;
      if (inMemory && c.meta) {
        inMemory.fetchedAt = new Date(c.meta.fetchedAt);
        inMemory.maxAgeS = c.meta.maxAgeS;
        return inMemory;
      }
      const area = c.meta ? await areaFromStorage(c.meta) : null;
      if (area) return area;
    }
    return null;
  }

  async function fetchArea(path: string): Promise<FetchOutcome> {
    const meta = await cache.get(path);
    const known = loaded.get(path) ?? null;
    const etag = known?.etag ?? meta?.etag ?? null;
    const response = await options.transport.send({
      category: 'location_check',
      method: 'GET',
      path,
      ...(etag ? { headers: { 'if-none-match': etag } } : {}),
    });
    const sent = response.record !== null && !response.vetoed ? 1 : 0;
    const cacheControl = response.headers['cache-control'];
    if (response.status === 304 && etag) {
      const area = known ?? (meta ? await areaFromStorage(meta) : null);
      if (!area) return { sent, offline: false, error: 'server answered 304 for an answer no longer cached' };
      area.fetchedAt = clock();
      area.maxAgeS = maxAgeFromCacheControl(cacheControl) ?? area.maxAgeS;
      area.etag = response.headers.etag ?? etag;
      await cache.touch(path, {
        fetchedAt: area.fetchedAt.getTime(),
        maxAgeS: area.maxAgeS,
        etag: area.etag,
      });
      remember(area);
      return { area, sent, offline: false };
    }
    if (!response.ok) {
      const error = response.error ?? `server answered HTTP ${response.status}`;
      return { sent, offline: response.offline, error };
    }
    try {
      const answer = parseLocationAnswer(response.body);
      const fresh: CachedAreaMeta = {
        path,
        fetchedAt: now(),
        maxAgeS: answer.maxAgeS ?? maxAgeFromCacheControl(cacheControl) ?? defaultMaxAgeS,
        etag: response.headers.etag ?? null,
        datasetVersion: answer.datasetVersion,
        cover: answer.cover,
      };
      const area = loadArea(fresh, answer);
      remember(area);
      const storeError = forbidsStore(cacheControl) ? null : await cache.put(fresh, response.body);
      return {
        area,
        sent,
        offline: false,
        ...(storeError ? { error: `answer not cached: ${storeError}` } : {}),
      };
    } catch (error) {
      return { sent, offline: false, error: error instanceof Error ? error.message : String(error) };
    }
  }

  function fromArea(kept: LoadedArea, source: 'network' | 'cache', extra: Partial<LocationCheckResult>) {
    const held = {
      source,
      ageS: ageS(kept),
      maxAgeS: kept.maxAgeS,
      datasetVersion: kept.datasetVersion,
      skippedZones: kept.skippedZones,
    };
    return resultFromArea(kept, now(), held, extra);
  }

  async function runCheck(position: LocationPosition, opts: CheckOptions): Promise<LocationCheckResult> {
    const invalid = invalidPosition(position);
    if (invalid) return noData({ error: invalid });
    const { lon, lat } = position;
    const accuracy =
      Number.isFinite(position.accuracyM) && (position.accuracyM as number) > 0 ? position.accuracyM! : 0;
    const reach = Math.min(CELL_COVERAGE_MARGIN_M, lookAheadM + accuracy);
    if (!opts.refresh) {
      const fresh = await findCovering(lon, lat, reach, true);
      if (fresh) {
        current = fresh;
        return fromArea(fresh, 'cache', {});
      }
    }
    const errors: string[] = [];
    let sent = 0;
    let offline = false;
    let requests: LocationRequest[] = [];
    try {
      requests = locationRequests(
        mechanism,
        { lon, lat },
        {
          lookAheadM: reach,
          ...(options.random ? { random: options.random } : {}),
          ...(mechanism === 'cell' && current?.cover.cell ? { currentCell: current.cover.cell } : {}),
        },
      );
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
    }
    for (const request of requests) {
      const outcome = await fetchArea(request.path);
      sent += outcome.sent;
      offline ||= outcome.offline;
      if (outcome.error) errors.push(outcome.error);
      if (outcome.area?.covers(lon, lat, reach)) {
        current = outcome.area;
        return fromArea(outcome.area, 'network', { requestsSent: sent, ...errorOf(errors) });
      }
      if (outcome.area) errors.push(`the answer for ${request.path} does not cover the position`);
    }
    const fallback = await findCovering(lon, lat, reach, false);
    if (fallback) {
      current = fallback;
      return fromArea(fallback, 'cache', { requestsSent: sent, offline, ...errorOf(errors) });
    }
    return noData({ requestsSent: sent, offline, ...errorOf(errors) });
  }

  return {
    check(position, opts = {}) {
      const run = queue.then(
        () => runCheck(position, opts),
        () => runCheck(position, opts),
      );
      const safe = run.catch((error: unknown) =>
        noData({ error: `location check failed: ${error instanceof Error ? error.message : String(error)}` }),
      );
      queue = safe;
      return safe;
    },
    currentArea() {
      if (current && ageS(current) > hardExpiryS) forget(current.path);
      return current;
    },
    async clearCache() {
      try {
        loaded.clear();
        current = null;
        await cache.clear();
      } catch {
        // Storage that cannot delete is reported by the next check; clearing memory already happened.
      }
    },
  };
}

/** A result that knows nothing (coverage none: never read as "clear"), with `extra` on top. */
export function noData(extra: Partial<LocationCheckResult>): LocationCheckResult {
  return {
    coverage: 'none',
    source: 'none',
    stale: false,
    ageS: null,
    datasetVersion: null,
    zones: null,
    area: null,
    zoneCount: 0,
    skippedZones: 0,
    countries: [],
    radio: radioRulesFor([]),
    offline: false,
    requestsSent: 0,
    ...extra,
  };
}

function errorOf(errors: string[]): { error?: string } {
  return errors.length > 0 ? { error: errors.join('; ') } : {};
}

function invalidPosition(p: LocationPosition | null | undefined): string | null {
  if (!p || typeof p !== 'object') return 'position must be an object { lon, lat }';
  if (!(typeof p.lon === 'number' && Number.isFinite(p.lon) && p.lon >= -180 && p.lon <= 180)) {
    return `position.lon must be a number within [-180, 180], got ${String(p.lon)}`;
  }
  if (!(typeof p.lat === 'number' && Number.isFinite(p.lat) && p.lat >= -90 && p.lat <= 90)) {
    return `position.lat must be a number within [-90, 90], got ${String(p.lat)}`;
  }
  return null;
}
