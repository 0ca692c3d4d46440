import { isZoneActive, isZoneActiveWithin, prepareGeometry, zoneEndsAt } from '@airlock/core/geofence';
import { limitToMetres, type Zone } from '@airlock/core/zone';
import { CONSEQUENCE_OF } from './consequence.ts';
import type { Consequence, ZoneRef } from './types.ts';
import { partLowerBoundM, prepareShapePart, type ShapePart } from './zone-shape.ts';

const MINUTE_MS = 60_000;

interface Layer {
  lowerM: number;
  lowerAgl: boolean;
  upperM: number;
  upperAgl: boolean;
}

/** A zone as the engine follows it: prepared once when it first comes near, then only read. */
export interface TrackedZone {
  readonly zone: Zone;
  readonly ref: ZoneRef;
  readonly consequence: Consequence;
  readonly parts: readonly ShapePart[];
  readonly layers: readonly Layer[];
  /** An altitude zone limits the whole column above its ground shape, whatever the drone's height. */
  readonly column: boolean;
  /** Applies at all times (no applicability entries): no clock needed. */
  readonly permanent: boolean;
  /** A temporary restriction, or one with a start, end or schedule: listed in `temporary`. */
  readonly timeLimited: boolean;
  /** When its validity ends for good (ms), or +Infinity: from then on the engine ignores it. */
  readonly endsAt: number;
  activeSecond: number;
  active: boolean;
  startsMinute: number;
  startsAt: number | null;
}

export function trackZone(zone: Zone, reachM: number): TrackedZone {
  const parts: ShapePart[] = [];
  zone.volumes.forEach((volume, v) => {
    for (const part of prepareGeometry(volume.geometry)) parts.push(prepareShapePart(part, v, reachM));
  });
  const permanent = zone.applicability.length === 0;
  return {
    zone,
    ref: Object.freeze({ id: zone.id, name: zone.name, category: zone.category }),
    consequence: CONSEQUENCE_OF[zone.category] ?? 'information',
    parts,
    layers: zone.volumes.map((v) => ({
      lowerM: limitToMetres(v.lower),
      lowerAgl: v.lower.reference === 'AGL',
      upperM: limitToMetres(v.upper),
      upperAgl: v.upper.reference === 'AGL',
    })),
    column: zone.category === 'altitude',
    permanent,
    timeLimited: zone.category === 'temporary' || !permanent,
    endsAt: zoneEndsAt(zone) ?? Number.POSITIVE_INFINITY,
    activeSecond: Number.NaN,
    active: permanent,
    startsMinute: Number.NaN,
    startsAt: null,
  };
}

/** A lower bound of the distance from the point to any part of the zone, from bounding boxes. */
export function zoneLowerBoundM(tz: TrackedZone, lon: number, lat: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (const part of tz.parts) {
    const b = partLowerBoundM(part, lon, lat);
    if (b < best) best = b;
  }
  return best;
}

/**
 * Between the volume's lower and upper limit. A limit that cannot be compared (the altitude in its
 * reference is unknown: NaN) counts as reached, so an unknown altitude is judged inside (fail safe).
 */
export function withinLayer(tz: TrackedZone, volume: number, altAglM: number, altAmslM: number): boolean {
  const l = tz.layers[volume];
  const lowerAlt = l.lowerAgl ? altAglM : altAmslM;
  const upperAlt = l.upperAgl ? altAglM : altAmslM;
  if (Number.isFinite(l.lowerM) && lowerAlt < l.lowerM) return false;
  if (Number.isFinite(l.upperM) && upperAlt > l.upperM) return false;
  return true;
}

/** Whether the zone applies at `t` (ms), worked out at most once per second of flight time. */
export function isActiveAt(tz: TrackedZone, t: number): boolean {
  if (tz.permanent) return true;
  const second = Math.floor(t / 1000);
  if (second !== tz.activeSecond) {
    tz.activeSecond = second;
    tz.active = isZoneActive(tz.zone, new Date(t));
  }
  return tz.active;
}

/**
 * When the zone next starts to apply within the window: `t` when it applies now, null when not within
 * the window. Worked out once per minute; schedules change on whole minutes, which it scans.
 */
export function startsAtWithin(tz: TrackedZone, t: number, windowMs: number): number | null {
  const minute = Math.floor(t / MINUTE_MS);
  if (minute === tz.startsMinute) return tz.startsAt;
  tz.startsMinute = minute;
  tz.startsAt = findStart(tz.zone, t, windowMs);
  return tz.startsAt;
}

function findStart(zone: Zone, t: number, windowMs: number): number | null {
  if (isZoneActive(zone, new Date(t))) return t;
  const to = t + windowMs;
  if (!isZoneActiveWithin(zone, new Date(t), new Date(to))) return null;
  let start = Number.POSITIVE_INFINITY;
  for (const a of zone.applicability) {
    const s = a.start ? Date.parse(a.start) : Number.NaN;
    if (s > t && s <= to && s < start && isZoneActive(zone, new Date(s))) start = s;
  }
  for (let m = (Math.floor(t / MINUTE_MS) + 1) * MINUTE_MS; m <= to && m < start; m += MINUTE_MS) {
    if (isZoneActive(zone, new Date(m))) {
      start = m;
      break;
    }
  }
  // isZoneActiveWithin saw it apply within the window: if the scan missed the moment, say "now".
  return Number.isFinite(start) ? start : t;
}
