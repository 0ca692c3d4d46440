import type { Position } from '../../zone/index.ts';
import { GEO2, REDUCED } from './dimensions.ts';
import {
  mirrorPlane,
  type PlanePath,
  type RunwayFrame,
  rectanglePlane,
  reversedRing,
  stadiumPlane,
  toRing,
  wingPlane,
} from './runway-frame.ts';

/** Which zone of an airport a runway part belongs to; altitude parts are split by ceiling. */
export type PartKey = 'restricted' | 'authorization' | 'enhanced_warning' | 'altitude:60' | 'altitude:150';

/** A GeoJSON polygon's rings: outer counter-clockwise, holes clockwise (RFC 7946). */
export type PolygonRings = Position[][];

export interface RunwayPart {
  key: PartKey;
  polygon: PolygonRings;
}

const SPLAY = Math.tan((GEO2.wingSplayDeg * Math.PI) / 180);

/**
 * The DJI GEO 2.0 shapes of one runway: restricted rectangle, authorization stadium, enhanced
 * warning ring (the 6 km stadium with the authorization stadium as its hole, so each point is
 * in one of them per runway) and two altitude wings at each end.
 */
export function fullRunwayParts(frame: RunwayFrame): RunwayPart[] {
  const h = frame.halfLength;
  const end = h + GEO2.restrictedOverrunM;
  const authorization = toRing(frame, stadiumPlane(h, GEO2.authorizationRadiusM));
  const parts: RunwayPart[] = [
    part(frame, 'restricted', rectanglePlane(end, GEO2.restrictedHalfWidthM)),
    { key: 'authorization', polygon: [authorization] },
    {
      key: 'enhanced_warning',
      polygon: [toRing(frame, stadiumPlane(h, GEO2.enhancedWarningRadiusM)), reversedRing(authorization)],
    },
  ];
  const innerEnd = end + GEO2.innerWingLengthM;
  const outerEnd = innerEnd + GEO2.outerWingLengthM;
  const inner = wingPlane(end, end, innerEnd, GEO2.restrictedHalfWidthM, SPLAY);
  const outer = wingPlane(end, innerEnd, outerEnd, GEO2.restrictedHalfWidthM, SPLAY);
  for (const wing of [inner, mirrorPlane(inner)]) parts.push(part(frame, 'altitude:60', wing));
  for (const wing of [outer, mirrorPlane(outer)]) parts.push(part(frame, 'altitude:150', wing));
  return parts;
}

/**
 * The reduced shapes of a small airfield's runway: an enhanced warning stadium, or for scheduled
 * service an authorization stadium inside an enhanced warning ring.
 */
export function reducedRunwayParts(frame: RunwayFrame, scheduled: boolean): RunwayPart[] {
  const h = frame.halfLength;
  if (!scheduled) return [part(frame, 'enhanced_warning', stadiumPlane(h, REDUCED.warningRadiusM))];
  const authorization = toRing(frame, stadiumPlane(h, REDUCED.scheduledAuthorizationRadiusM));
  return [
    { key: 'authorization', polygon: [authorization] },
    {
      key: 'enhanced_warning',
      polygon: [toRing(frame, stadiumPlane(h, REDUCED.scheduledWarningRadiusM)), reversedRing(authorization)],
    },
  ];
}

function part(frame: RunwayFrame, key: PartKey, outer: PlanePath): RunwayPart {
  return { key, polygon: [toRing(frame, outer)] };
}
