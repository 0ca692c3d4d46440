import { type AltitudeLimit, limitToMetres, type Zone, type ZoneCategory } from '../zone/index.ts';
import { isZoneActive } from './activity.ts';
import type { ZoneIndex } from './zone-index.ts';

/**
 * What `assessPosition` judges: a position, what the device knows of its height, the moment for
 * schedules, and how far to look for nearby zones.
 *
 * @example
 * const q: PositionQuery = { lon: 8.5492, lat: 47.4582, altAglM: 40, at: new Date(), radiusM: 5000 };
 * const assessment = assessPosition(index, q);
 */
export interface PositionQuery {
  lon: number;
  lat: number;
  /** Height above the take-off point / ground, metres. Unknown: every layer counts as reached. */
  altAglM?: number;
  /** Altitude above mean sea level, metres, when the device knows it (needed for AMSL and FL limits). */
  altAmslM?: number;
  /** Ground elevation above sea level, metres: lets AMSL limits become heights above ground. */
  groundElevationM?: number;
  /** The moment to judge schedules at; default now. */
  at?: Date;
  /** How far to look for nearby zones; default 5 km. */
  radiusM?: number;
}

/**
 * One zone as `assessPosition` found it: distance, distance to its boundary, whether it applies now and
 * whether the position is inside it.
 *
 * @example
 * for (const hit of assessPosition(index, q).nearby as ZoneHit[]) console.log(hit.zone.name, hit.distanceM, hit.active);
 */
export interface ZoneHit {
  zone: Zone;
  /** Horizontal distance to the zone, 0 when inside. */
  distanceM: number;
  /** Distance to the zone's boundary (from inside: how far to get out). */
  boundaryM: number;
  active: boolean;
  /** Inside the zone's ground shape and between its lower and upper limits. */
  inside: boolean;
}

/**
 * What `assessPosition` returns: the zones the position is in, those nearby, and the ceiling in force.
 *
 * @example
 * const a: PositionAssessment = assessPosition(index, { lon: 8.5492, lat: 47.4582, altAglM: 40 });
 * if (a.inside.some((h) => h.active)) warn(a.inside.map((h) => h.zone.name));
 * if (a.ceilingM !== null) note(`ceiling ${a.ceilingM} m (${a.ceilingZone?.name})`);
 */
export interface PositionAssessment {
  /** Zones the position is inside (horizontally and vertically), active or not. */
  inside: ZoneHit[];
  /** Zones within the radius that the position is not inside. */
  nearby: ZoneHit[];
  /** Lowest altitude ceiling in force here in metres above ground, or null when none applies. */
  ceilingM: number | null;
  /** The zone that sets the ceiling. */
  ceilingZone: Zone | null;
}

const CEILING_CATEGORIES: ReadonlySet<ZoneCategory> = new Set(['altitude']);
const FLOOR_CATEGORIES: ReadonlySet<ZoneCategory> = new Set(['restricted', 'authorization', 'temporary']);

/**
 * Everything the geofence knows about one position: which zones contain it, which are active now,
 * the ceiling in force and how far each nearby zone's boundary is.
 *
 * @example
 * const index = ZoneIndex.build(zones);
 * const { inside, nearby, ceilingM } = assessPosition(index, { lon: 8.5492, lat: 47.4582, altAglM: 40 });
 */
export function assessPosition(index: ZoneIndex, q: PositionQuery): PositionAssessment {
  const at = q.at ?? new Date();
  const radius = q.radiusM ?? 5000;
  const inside: ZoneHit[] = [];
  const nearby: ZoneHit[] = [];
  let ceilingM: number | null = null;
  let ceilingZone: Zone | null = null;
  for (const { zone, distanceM } of index.near(q.lon, q.lat, radius)) {
    const active = isZoneActive(zone, at);
    const boundaryM = index.boundaryDistance(zone, q.lon, q.lat);
    let vertically = false;
    if (distanceM === 0) {
      for (const { zone: z, volume } of index.containing(q.lon, q.lat)) {
        if (z !== zone) continue;
        const v = zone.volumes[volume];
        if (withinLayer(v.lower, v.upper, q)) vertically = true;
        if (!active) continue;
        const limit = CEILING_CATEGORIES.has(zone.category)
          ? heightAboveGround(v.upper, q)
          : FLOOR_CATEGORIES.has(zone.category) && (v.lower.value ?? 0) > 0
            ? heightAboveGround(v.lower, q)
            : null;
        if (limit !== null && (ceilingM === null || limit < ceilingM)) {
          ceilingM = limit;
          ceilingZone = zone;
        }
      }
    }
    const hit: ZoneHit = { zone, distanceM, boundaryM, active, inside: distanceM === 0 && vertically };
    (hit.inside ? inside : nearby).push(hit);
  }
  return { inside, nearby, ceilingM, ceilingZone };
}

/**
 * A limit as metres above ground, or null when it cannot be known from what the device has.
 *
 * @example
 * const limit: AltitudeLimit = { value: 3000, unit: 'ft', reference: 'AMSL' };
 * heightAboveGround(limit, { lon: 8.55, lat: 47.46, groundElevationM: 430 }); // 914.4 - 430 = 484.4
 * heightAboveGround(limit, { lon: 8.55, lat: 47.46 }); // null: the ground's elevation is unknown
 */
export function heightAboveGround(limit: AltitudeLimit, q: PositionQuery): number | null {
  const m = limitToMetres(limit);
  if (!Number.isFinite(m)) return null;
  if (limit.reference === 'AGL') return m;
  if (q.groundElevationM !== undefined) return m - q.groundElevationM;
  if (q.altAmslM !== undefined && q.altAglM !== undefined) return m - (q.altAmslM - q.altAglM);
  return null;
}

/** Between the lower and upper limit; a limit that cannot be compared counts as reached (fail safe). */
function withinLayer(lower: AltitudeLimit, upper: AltitudeLimit, q: PositionQuery): boolean {
  return !isBeyond(lower, q, 'below') && !isBeyond(upper, q, 'above');
}

function isBeyond(limit: AltitudeLimit, q: PositionQuery, side: 'below' | 'above'): boolean {
  const m = limitToMetres(limit);
  if (!Number.isFinite(m)) return false;
  const alt = limit.reference === 'AGL' ? q.altAglM : q.altAmslM;
  if (alt === undefined) return false;
  return side === 'below' ? alt < m : alt > m;
}
