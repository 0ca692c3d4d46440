import { distanceM } from '@airlock/core/geo';
import { growBBox, heightAboveGround, type PositionQuery, ZoneIndex } from '@airlock/core/geofence';
import type { Zone, ZoneCategory } from '@airlock/core/zone';
import { blocksFlight, warnsAhead } from './consequence.ts';
import { type FlightInput, readFlightInput } from './flight-input.ts';
import {
  isActiveAt,
  startsAtWithin,
  type TrackedZone,
  trackZone,
  withinLayer,
  zoneLowerBoundM,
} from './tracked-zone.ts';
import type {
  ApproachingZone,
  FlightState,
  InsideZone,
  TemporaryRestriction,
  WarningEngineOptions,
  WarningReport,
  ZoneData,
  ZoneRef,
} from './types.ts';
import { measurePart, type PartMeasure } from './zone-shape.ts';

const RAD = Math.PI / 180;
/** Below this speed towards a zone (m/s) the drone is not closing in: no time to entry. */
const MIN_CLOSING_MPS = 0.1;
/** Zones with a floor above ground set a ceiling under them (as in core's assessPosition). */
const FLOOR_CATEGORIES: ReadonlySet<ZoneCategory> = new Set(['restricted', 'authorization', 'temporary']);
const NO_ISSUES: readonly string[] = Object.freeze([]);

/**
 * The on-device warning engine on its own (`createAirlock` keeps one behind `airlock.warnings`).
 *
 * @example
 * const engine: WarningEngine = createWarningEngine({ horizonS: 60 });
 * const report = engine.update(check.area, { lon, lat, altAglM, velocity: { east, north }, time: new Date() });
 * engine.reset(); // e.g. after a jump in the replay of a log
 */
export interface WarningEngine {
  /**
   * Judges one state against the zones. Never throws: bad input or no data gives status 'unknown'.
   * Pass the same ZoneIndex (or ZoneData) object between updates: per-zone work is kept for it.
   */
  update(zones: ZoneIndex | ZoneData | null | undefined, state: FlightState): WarningReport;
  /** Forgets everything learnt about the current zones (e.g. after a jump in the replay of a log). */
  reset(): void;
}

/**
 * The on-device warning engine, built to run at 10 Hz on a phone. Each zone keeps a lower bound of
 * its distance, valid while it is reduced by the distance flown since; zones whose bound stays
 * beyond the horizon cost one subtraction per update. Only zones that may be within the horizon are
 * measured exactly (great circles, in core's geometry), and a watch list from the ZoneIndex keeps
 * far zones out of the loop altogether.
 *
 * @example
 * const check = await checker.check({ lon: 8.5492, lat: 47.4582 });
 * const engine = createWarningEngine({ horizonS: 60 });
 * const report = engine.update(check.area, { lon: 8.5492, lat: 47.4582, altAglM: 40, speedMps: 8, headingDeg: 90, time: new Date() });
 */
export function createWarningEngine(options: WarningEngineOptions = {}): WarningEngine {
  const minHorizonM = positive(options.minHorizonM, 1000);
  const horizonS = positive(options.horizonS, 60);
  const maxHorizonM = Math.max(minHorizonM, positive(options.maxHorizonM, 10_000));
  const temporaryRadiusM = positive(options.temporaryRadiusM, 5000);
  const temporaryWindowMs = positive(options.temporaryWindowS, 3600) * 1000;
  const reachM = Math.max(maxHorizonM, temporaryRadiusM);

  let index: ZoneIndex | null = null;
  let numbers = new Map<Zone, number>();
  let tracked: (TrackedZone | null)[] = [];
  let timeLimited = new Uint8Array(0);
  let bound = new Float64Array(0);
  let boundTravel = new Float64Array(0);
  let watch: Int32Array | null = null;
  let watchTravel = 0;
  let watchRadius = 0;
  let travel = 0;
  let lastLon = Number.NaN;
  let lastLat = Number.NaN;
  const m: PartMeasure = { inside: false, distanceM: 0, boundaryM: 0, towardE: 0, towardN: 0 };
  const query: PositionQuery = { lon: 0, lat: 0 };

  function use(next: ZoneIndex): void {
    if (next === index) return;
    index = next;
    const zones = next.zones;
    numbers = new Map(zones.map((z, i) => [z, i]));
    tracked = new Array(zones.length).fill(null);
    timeLimited = Uint8Array.from(zones, (z) =>
      z.category === 'temporary' || z.applicability.length > 0 ? 1 : 0,
    );
    bound = new Float64Array(zones.length).fill(Number.NEGATIVE_INFINITY);
    boundTravel = new Float64Array(zones.length);
    watch = null;
    travel = 0;
    lastLon = Number.NaN;
  }

  /** Zones whose box comes within `radius` (+ slack) of the position; rebuilt once the slack is flown. */
  function watchList(lon: number, lat: number, radius: number): Int32Array {
    if (watch && travel - watchTravel <= watchRadius - radius) return watch;
    watchRadius = radius + Math.max(2000, radius);
    const [w, s, e, n] = growBBox([lon, lat, lon, lat], watchRadius + 100);
    const near = (index as ZoneIndex).inBBox(w, s, e, n);
    watch = Int32Array.from(near, (z) => numbers.get(z) as number);
    watchTravel = travel;
    return watch;
  }

  function run(data: ZoneIndex | ZoneData | null | undefined, state: FlightState): WarningReport {
    const input = readFlightInput(state);
    if (typeof input === 'string') return unknown(input, null, false, minHorizonM, NO_ISSUES);
    const area: ZoneData | null = data instanceof ZoneIndex ? { index: data } : (data ?? null);
    const horizon = Math.min(maxHorizonM, Math.max(minHorizonM, horizonS * input.speed));
    if (!area || !(area.index instanceof ZoneIndex)) {
      return unknown(undefined, null, false, horizon, input.issues);
    }
    const fetched = area.fetchedAt instanceof Date ? area.fetchedAt.getTime() : Number.NaN;
    const dataAgeS = Number.isFinite(fetched) ? Math.max(0, (input.t - fetched) / 1000) : null;
    const dataStale = dataAgeS !== null && typeof area.maxAgeS === 'number' && dataAgeS > area.maxAgeS;
    let coverage: WarningReport['coverage'] = 'full';
    if (typeof area.covers === 'function') {
      if (!area.covers(input.lon, input.lat, 0))
        return unknown(undefined, dataAgeS, dataStale, horizon, input.issues);
      if (!area.covers(input.lon, input.lat, horizon)) coverage = 'partial';
    }
    use(area.index);
    return judge(input, horizon, coverage, dataAgeS, dataStale);
  }

  function judge(
    input: FlightInput,
    horizon: number,
    coverage: WarningReport['coverage'],
    dataAgeS: number | null,
    dataStale: boolean,
  ): WarningReport {
    const { lon, lat, t, altAglM, altAmslM, east, north } = input;
    if (Number.isFinite(lastLon)) travel += distanceM(lastLon, lastLat, lon, lat);
    lastLon = lon;
    lastLat = lat;
    const wide = Math.max(horizon, temporaryRadiusM);
    const ids = watchList(lon, lat, wide);
    const zones = (index as ZoneIndex).zones;
    const cosLat = Math.cos(lat * RAD);
    const px = cosLat * Math.cos(lon * RAD);
    const py = cosLat * Math.sin(lon * RAD);
    const pz = Math.sin(lat * RAD);
    query.lon = lon;
    query.lat = lat;
    query.altAglM = Number.isNaN(altAglM) ? undefined : altAglM;
    query.altAmslM = Number.isNaN(altAmslM) ? undefined : altAmslM;
    const inside: InsideZone[] = [];
    const approaching: ApproachingZone[] = [];
    const temporary: TemporaryRestriction[] = [];
    let ceilingM: number | null = null;
    let ceilingZone: ZoneRef | null = null;

    for (let k = 0; k < ids.length; k++) {
      const i = ids[k];
      const radius = timeLimited[i] ? wide : horizon;
      if (bound[i] - (travel - boundTravel[i]) > radius) continue;
      let tz = tracked[i];
      if (tz === null) tz = tracked[i] = trackZone(zones[i], reachM);
      // A restriction whose validity has ended is no longer airspace: not inside, ahead or upcoming.
      if (t >= tz.endsAt) continue;
      const cheap = zoneLowerBoundM(tz, lon, lat);
      if (cheap > radius) {
        bound[i] = cheap;
        boundTravel[i] = travel;
        continue;
      }
      let nearest = Number.POSITIVE_INFINITY;
      let relevant = Number.POSITIVE_INFINITY;
      let boundaryIn = Number.POSITIVE_INFINITY;
      let towardE = 0;
      let towardN = 0;
      let within = false;
      let active: boolean | null = null;
      for (const part of tz.parts) {
        measurePart(part, lon, lat, px, py, pz, m);
        if (m.distanceM < nearest) nearest = m.distanceM;
        if (m.inside) {
          active ??= isActiveAt(tz, t);
          if (active) {
            const limit = ceilingOf(tz, part.volume);
            if (limit !== null && (ceilingM === null || limit < ceilingM)) {
              ceilingM = limit;
              ceilingZone = tz.ref;
            }
          }
        }
        if (!tz.column && !withinLayer(tz, part.volume, altAglM, altAmslM)) continue;
        if (m.inside) {
          within = true;
          if (m.boundaryM < boundaryIn) boundaryIn = m.boundaryM;
        } else if (m.distanceM < relevant) {
          relevant = m.distanceM;
          towardE = m.towardE;
          towardN = m.towardN;
        }
      }
      bound[i] = nearest;
      boundTravel[i] = travel;
      if (nearest > radius) continue;
      active ??= isActiveAt(tz, t);
      if (within) {
        inside.push({ zone: tz.ref, consequence: tz.consequence, boundaryM: boundaryIn, active });
      } else if (relevant <= horizon) {
        const closing = Number.isNaN(east) ? 0 : east * towardE + north * towardN;
        approaching.push({
          zone: tz.ref,
          consequence: tz.consequence,
          distanceM: relevant,
          timeToEntryS: closing > MIN_CLOSING_MPS ? relevant / closing : null,
          closingSpeedMps: closing,
          active,
        });
      }
      if (timeLimited[i]) {
        const startsAt = startsAtWithin(tz, t, temporaryWindowMs);
        if (startsAt !== null || active) {
          temporary.push({
            zone: tz.ref,
            consequence: tz.consequence,
            activeNow: active,
            startsInS: active ? 0 : Math.max(0, ((startsAt as number) - t) / 1000),
            distanceM: within ? 0 : Math.min(relevant, nearest),
            inside: within,
          });
        }
      }
    }

    approaching.sort((a, b) => a.distanceM - b.distanceM);
    temporary.sort((a, b) => a.startsInS - b.startsInS || a.distanceM - b.distanceM);
    let status: WarningReport['status'] = 'ok';
    if (inside.some((z) => z.active && blocksFlight(z.consequence))) status = 'blocked';
    else if (
      coverage === 'partial' ||
      inside.some((z) => z.active && z.consequence !== 'altitude_limited') ||
      approaching.some((z) => z.active && warnsAhead(z.consequence)) ||
      (ceilingM !== null && altAglM > ceilingM) ||
      temporary.some((r) => r.inside && !r.activeNow)
    ) {
      status = 'warning';
    }
    return {
      status,
      coverage,
      inside,
      approaching,
      ceilingM,
      ceilingZone,
      temporary,
      dataAgeS,
      dataStale,
      horizonM: horizon,
      inputIssues: input.issues,
    };
  }

  /** The limit a volume the drone is horizontally inside puts over it, metres above ground, or null. */
  function ceilingOf(tz: TrackedZone, volume: number): number | null {
    const v = tz.zone.volumes[volume];
    if (tz.column) return heightAboveGround(v.upper, query);
    if (FLOOR_CATEGORIES.has(tz.zone.category) && (v.lower.value ?? 0) > 0)
      return heightAboveGround(v.lower, query);
    return null;
  }

  return {
    update(zones, state) {
      try {
        return run(zones, state);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return unknown(`warning engine: ${message}`, null, false, minHorizonM, NO_ISSUES);
      }
    },
    reset() {
      index = null;
      tracked = [];
      watch = null;
    },
  };
}

function unknown(
  error: string | undefined,
  dataAgeS: number | null,
  dataStale: boolean,
  horizonM: number,
  inputIssues: readonly string[],
): WarningReport {
  const report: WarningReport = {
    status: 'unknown',
    coverage: 'none',
    inside: [],
    approaching: [],
    ceilingM: null,
    ceilingZone: null,
    temporary: [],
    dataAgeS,
    dataStale,
    horizonM,
    inputIssues,
  };
  if (error !== undefined) report.error = error;
  return report;
}

function positive(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}
