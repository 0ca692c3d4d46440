import { distanceM } from '../../geo/index.ts';
import type { AltitudeLimit, Zone, ZoneCategory, ZoneGeometry } from '../../zone/index.ts';
import { SURFACE, UNLIMITED } from '../../zone/index.ts';
import {
  CIRCLE_RADII,
  type CircleRadii,
  DERIVED_MESSAGE,
  FULL_SHAPE_TYPES,
  GEO2,
  MAX_SHAPED_ABS_LAT,
  OURAIRPORTS_LICENCE,
  OURAIRPORTS_SOURCE,
  REDUCED_SHAPE_TYPES,
  RUNWAY_LENGTH_RANGE_M,
  RUNWAY_MAX_OFFSET_M,
} from './dimensions.ts';
import type { AirportRow, RunwayRow } from './read-rows.ts';
import { type RunwayFrame, runwayFrame, runwayLengthM } from './runway-frame.ts';
import { fullRunwayParts, type PartKey, type PolygonRings, reducedRunwayParts } from './runway-shapes.ts';

type ZoneKey = PartKey | 'warning';

interface ZoneKind {
  category: ZoneCategory;
  label: string;
  upper: AltitudeLimit;
}

// DJI zones bind from the ground up with no ceiling; only altitude zones have one.
const KINDS: Record<ZoneKey, ZoneKind> = {
  restricted: { category: 'restricted', label: 'restricted', upper: UNLIMITED },
  authorization: { category: 'authorization', label: 'authorization', upper: UNLIMITED },
  enhanced_warning: { category: 'enhanced_warning', label: 'enhanced warning', upper: UNLIMITED },
  warning: { category: 'warning', label: 'warning', upper: UNLIMITED },
  'altitude:60': {
    category: 'altitude',
    label: `altitude limit ${GEO2.innerCeilingM} m`,
    upper: { value: GEO2.innerCeilingM, unit: 'm', reference: 'AGL' },
  },
  'altitude:150': {
    category: 'altitude',
    label: `altitude limit ${GEO2.outerCeilingM} m`,
    upper: { value: GEO2.outerCeilingM, unit: 'm', reference: 'AGL' },
  },
};
const PART_ORDER: readonly PartKey[] = [
  'restricted',
  'authorization',
  'enhanced_warning',
  'altitude:60',
  'altitude:150',
];
const CIRCLE_ORDER = ['restricted', 'authorization', 'enhanced_warning', 'warning'] as const;

/** True when the importer knows how to draw zones for this OurAirports type ('closed' draws none). */
export function isKnownAirportType(type: string): boolean {
  return type === 'closed' || type in CIRCLE_RADII;
}

/**
 * The zones of one airport: runway-shaped when it is a large/medium/small airport with at least
 * one plausible open runway, else circles from CIRCLE_RADII; none for closed airports.
 * `key` is the airport's id stem (its ident, made unique by the caller).
 */
export function airportZones(
  airport: AirportRow,
  runways: readonly RunwayRow[],
  dataset: string,
  key: string,
): Zone[] {
  if (airport.type === 'closed') return [];
  const full = FULL_SHAPE_TYPES.has(airport.type);
  const frames = full || REDUCED_SHAPE_TYPES.has(airport.type) ? usableFrames(airport, runways) : [];
  const properties: Record<string, unknown> = {
    ident: airport.ident,
    icao: airport.icao,
    iata: airport.iata,
    type: airport.type,
    runways: runways.map((r) => r.ident).filter(Boolean),
    elevation_m: airport.elevationFt === null ? null : Math.round(airport.elevationFt * 3.048) / 10,
    municipality: airport.municipality,
    scheduled_service: airport.scheduled,
    shape: frames.length > 0 ? 'runways' : 'circle',
  };
  // One properties object per airport, shared by its zones: the world has ~100k zones.
  const make = (zoneKey: ZoneKey, geometry: ZoneGeometry): Zone =>
    buildZone(airport, dataset, key, zoneKey, geometry, properties);
  if (frames.length === 0) return circleZones(airport, make);
  const byKey = new Map<PartKey, PolygonRings[]>();
  for (const frame of frames) {
    const parts = full ? fullRunwayParts(frame) : reducedRunwayParts(frame, airport.scheduled);
    for (const { key: partKey, polygon } of parts) {
      const list = byKey.get(partKey);
      if (list) list.push(polygon);
      else byKey.set(partKey, [polygon]);
    }
  }
  const zones: Zone[] = [];
  for (const partKey of PART_ORDER) {
    const polygons = byKey.get(partKey);
    if (!polygons) continue;
    const geometry: ZoneGeometry =
      polygons.length === 1
        ? { type: 'Polygon', coordinates: polygons[0] }
        : { type: 'MultiPolygon', coordinates: polygons };
    zones.push(make(partKey, geometry));
  }
  return zones;
}

/** Open runways with both ends, of plausible length and near the airport; polar airports get none. */
function usableFrames(airport: AirportRow, runways: readonly RunwayRow[]): RunwayFrame[] {
  if (Math.abs(airport.lat) > MAX_SHAPED_ABS_LAT) return [];
  const frames: RunwayFrame[] = [];
  for (const { ends } of runways) {
    if (!ends) continue;
    const length = runwayLengthM(ends);
    if (length < RUNWAY_LENGTH_RANGE_M.min || length > RUNWAY_LENGTH_RANGE_M.max) continue;
    const offset = Math.max(
      distanceM(airport.lon, airport.lat, ends[0], ends[1]),
      distanceM(airport.lon, airport.lat, ends[2], ends[3]),
    );
    if (offset > RUNWAY_MAX_OFFSET_M) continue;
    frames.push(runwayFrame(ends));
  }
  return frames;
}

function circleZones(airport: AirportRow, make: (k: ZoneKey, g: ZoneGeometry) => Zone): Zone[] {
  const radii: CircleRadii | undefined =
    airport.type === 'small_airport' && airport.scheduled
      ? CIRCLE_RADII['small_airport:scheduled']
      : CIRCLE_RADII[airport.type];
  if (!radii) return [];
  const zones: Zone[] = [];
  for (const zoneKey of CIRCLE_ORDER) {
    const radius = radii[zoneKey];
    if (radius === undefined) continue;
    zones.push(make(zoneKey, { type: 'Circle', center: [airport.lon, airport.lat], radius_m: radius }));
  }
  return zones;
}

function buildZone(
  airport: AirportRow,
  dataset: string,
  key: string,
  zoneKey: ZoneKey,
  geometry: ZoneGeometry,
  properties: Record<string, unknown>,
): Zone {
  const kind = KINDS[zoneKey];
  const title = airport.name ? `${airport.name} (${airport.ident})` : airport.ident;
  return {
    id: `${dataset}:${key}:${zoneKey}`,
    name: `${title} — ${kind.label}`,
    country: airport.country,
    category: kind.category,
    reasons: ['AIR_TRAFFIC'],
    volumes: [{ geometry, lower: SURFACE, upper: kind.upper }],
    applicability: [],
    message: DERIVED_MESSAGE,
    source: OURAIRPORTS_SOURCE,
    licence: OURAIRPORTS_LICENCE,
    dataset,
    derived: true,
    properties,
  };
}
