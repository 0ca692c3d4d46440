import { ZoneIndex } from '@airlock/core/geofence';
import { CELL_COVERAGE_MARGIN_M, DEFAULT_LOOKAHEAD_M } from '@airlock/core/location-privacy';
import { radioRulesFor } from '@airlock/core/radio';
import { applyDelta, openSealed, readPayload, tilePackId, type ZonePack } from '@airlock/core/zone-pack';
import { safeStorage } from '../storage/index.ts';
import { coversDisc } from './area-cover.ts';
import { maxAgeFromCacheControl } from './cache-control.ts';
import { type LoadedArea, resultFromArea } from './loaded-area.ts';
import { noData } from './location-checker.ts';
import { packKeySource } from './pack-key.ts';
import type {
  LocationChecker,
  LocationCheckerOptions,
  LocationCheckResult,
  ZonePackChoice,
} from './types.ts';

const PACKS_PATH = '/v1/location/packs/';

/** A pack the device holds: verified when it arrived, kept with when the server last confirmed it. */
interface HeldPack {
  pack: ZonePack;
  fetchedAt: number;
  maxAgeS: number;
}

/** Which pack holds the position: its tile, the chosen country, or the world. */
export function packIdFor(choice: ZonePackChoice, lon: number, lat: number): string {
  if (choice === 'world') return 'world';
  if (choice === 'tile') return tilePackId(lon, lat);
  return `country-${choice.country.toUpperCase()}`;
}

/**
 * The location check with zone packs: the device holds a whole region's zones, signed by the server,
 * and decides everything on the device. What leaves is the pack id and the version held — the same
 * bytes for every pilot in the region with that version — and only when the pack is missing, stale
 * or does not cover the position. Answers are verified (signature, pack id, no rollback) before use.
 */
export function createPackChecker(
  options: LocationCheckerOptions & { zonePacks: ZonePackChoice },
): LocationChecker {
  const storage = safeStorage(options.storage);
  const prefix = options.storagePrefix ?? 'airlock.packs.v1:';
  const clock = options.now ?? (() => new Date());
  const now = () => clock().getTime();
  const hardExpiryS = options.hardExpiryS ?? 7 * 86_400;
  const lookAheadM = options.lookAheadM ?? DEFAULT_LOOKAHEAD_M;
  const trustedKey = packKeySource(options.transport, storage, `${prefix}key`, options.zonePackKey);
  const held = new Map<string, HeldPack>();
  const areas = new Map<string, LoadedArea>();
  let current: LoadedArea | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  const ageS = (h: HeldPack) => Math.max(0, (now() - h.fetchedAt) / 1000);

  async function load(id: string): Promise<HeldPack | null> {
    const inMemory = held.get(id);
    if (inMemory) return inMemory;
    const kept = await storage.get(prefix + id);
    if (!kept.ok || !kept.value) return null;
    try {
      const h = JSON.parse(kept.value) as HeldPack;
      const value = readPayload(h.pack).value;
      if (value.kind !== 'pack' || value.id !== id) throw new Error('not this pack');
      const back = { pack: value, fetchedAt: h.fetchedAt, maxAgeS: h.maxAgeS };
      held.set(id, back);
      return back;
    } catch {
      await storage.remove(prefix + id);
      return null;
    }
  }

  async function keep(id: string, h: HeldPack): Promise<string | null> {
    held.set(id, h);
    const stored = await storage.set(prefix + id, JSON.stringify(h));
    return stored.ok ? null : `pack not stored: ${stored.error}`;
  }

  function areaOf(id: string, h: HeldPack): LoadedArea {
    const key = `${id}@${h.pack.version}`;
    let area = areas.get(key);
    if (!area) {
      const cover = { boxes: h.pack.cover };
      area = {
        path: PACKS_PATH + id,
        index: ZoneIndex.build(h.pack.zones),
        cover,
        datasetVersion: h.pack.version,
        countries: h.pack.countries,
        radio: radioRulesFor(h.pack.countries),
        skippedZones: 0,
        fetchedAt: new Date(h.fetchedAt),
        maxAgeS: h.maxAgeS,
        etag: null,
        covers: (lon, lat, r) => coversDisc(cover, lon, lat, r),
      };
      for (const k of areas.keys()) if (k.startsWith(`${id}@`)) areas.delete(k);
      areas.set(key, area);
    }
    area.fetchedAt = new Date(h.fetchedAt);
    area.maxAgeS = h.maxAgeS;
    return area;
  }

  /** Asks for the pack (or the delta from the version held); the new held pack, or why not. */
  async function fetchPack(
    id: string,
    have: HeldPack | null,
  ): Promise<{ held?: HeldPack; sent: number; offline: boolean; error?: string }> {
    let key: Awaited<ReturnType<typeof trustedKey>>;
    try {
      key = await trustedKey();
    } catch (error) {
      return { sent: 0, offline: false, error: messageOf(error) };
    }
    const path = PACKS_PATH + id + (have ? `?have=${have.pack.version}` : '');
    const res = await options.transport.send({
      category: 'location_check',
      method: 'GET',
      path,
      responseType: 'bytes',
    });
    const sent = res.record !== null && !res.vetoed ? 1 : 0;
    const maxAgeS = maxAgeFromCacheControl(res.headers['cache-control']) ?? have?.maxAgeS ?? 3600;
    if (res.status === 304 && have)
      return { held: { ...have, fetchedAt: now(), maxAgeS }, sent, offline: false };
    if (!res.ok || !res.bytes)
      return { sent, offline: res.offline, error: res.error ?? `server answered HTTP ${res.status}` };
    try {
      const { value } = readPayload(await openSealed(res.bytes, key));
      if (value.id !== id) throw new Error(`asked for ${id}, got ${value.id}`);
      const pack = value.kind === 'pack' ? value : applyDelta(requireHeld(have), value);
      // A cache replaying an older signed pack must not take the device back in time.
      if (have && pack.built < have.pack.built) throw new Error('the pack is older than the one held');
      return { held: { pack, fetchedAt: now(), maxAgeS }, sent, offline: false };
    } catch (error) {
      return { sent, offline: false, error: `zone pack refused: ${messageOf(error)}` };
    }
  }

  function resultOf(
    h: HeldPack,
    area: LoadedArea,
    source: 'network' | 'cache',
    extra: Partial<LocationCheckResult>,
  ): LocationCheckResult {
    const held = {
      source,
      ageS: ageS(h),
      maxAgeS: h.maxAgeS,
      datasetVersion: h.pack.version,
      skippedZones: 0,
    };
    return resultFromArea(area, now(), held, extra);
  }

  async function runCheck(
    lon: number,
    lat: number,
    accuracyM: number,
    refresh: boolean,
  ): Promise<LocationCheckResult> {
    const reach = Math.min(CELL_COVERAGE_MARGIN_M, lookAheadM + accuracyM);
    const id = packIdFor(options.zonePacks, lon, lat);
    let h = await load(id);
    if (h && ageS(h) > hardExpiryS) {
      held.delete(id);
      await storage.remove(prefix + id);
      h = null;
    }
    const covers = (x: HeldPack) => coversDisc({ boxes: x.pack.cover }, lon, lat, reach);
    if (h && !refresh && ageS(h) <= h.maxAgeS && covers(h)) {
      current = areaOf(id, h);
      return resultOf(h, current, 'cache', {});
    }
    const got = await fetchPack(id, h);
    const extra = { requestsSent: got.sent, ...(got.error ? { error: got.error } : {}) };
    if (got.held) {
      const storeError = await keep(id, got.held);
      if (!covers(got.held)) return noData({ ...extra, error: `pack ${id} does not cover the position` });
      current = areaOf(id, got.held);
      return resultOf(got.held, current, 'network', storeError ? { ...extra, error: storeError } : extra);
    }
    if (h && covers(h)) {
      current = areaOf(id, h);
      return resultOf(h, current, 'cache', { ...extra, offline: got.offline });
    }
    return noData({ ...extra, offline: got.offline });
  }

  return {
    check(position, opts = {}) {
      const run = queue.then(async () => {
        const bad =
          !position ||
          !Number.isFinite(position.lon) ||
          !Number.isFinite(position.lat) ||
          Math.abs(position.lat) > 90 ||
          Math.abs(position.lon) > 180;
        if (bad) return noData({ error: 'position must be { lon, lat } within range' });
        const accuracy =
          Number.isFinite(position.accuracyM) && (position.accuracyM as number) > 0
            ? (position.accuracyM as number)
            : 0;
        return runCheck(position.lon, position.lat, accuracy, opts.refresh === true);
      });
      const safe = run.catch((error: unknown) =>
        noData({ error: `location check failed: ${messageOf(error)}` }),
      );
      queue = safe;
      return safe;
    },
    currentArea() {
      return current;
    },
    async clearCache() {
      for (const id of held.keys()) await storage.remove(prefix + id);
      held.clear();
      areas.clear();
      current = null;
    },
  };
}

function requireHeld(h: HeldPack | null): ZonePack {
  if (!h) throw new Error('a delta arrived for a pack the device does not hold');
  return h.pack;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
