/**
 * Every number that decides an airport zone's shape, in one place so docs/airport-zones.md and the
 * code cannot drift apart. Distances in metres, ceilings in metres above ground.
 */

/**
 * DJI GEO 2.0 "bow tie" (ICAO Annex 14 obstacle limitation surfaces), applied to large and medium airports.
 *
 * @example
 * const restrictedWidthM = 2 * GEO2.restrictedHalfWidthM; // 1200 m around a large airport's runway
 */
export const GEO2 = {
  /** Restricted rectangle: 1.2 km wide in total. */
  restrictedHalfWidthM: 600,
  /** Restricted rectangle: runway plus this much past each end. */
  restrictedOverrunM: 3000,
  /** Authorization: every point within this distance of the runway segment (a stadium). */
  authorizationRadiusM: 4000,
  /** Enhanced warning: a further 2 km around the authorization stadium. */
  enhancedWarningRadiusM: 6000,
  /** Altitude wings splay outward from the rectangle's corners at this angle to the centreline. */
  wingSplayDeg: 8.5,
  /** First wing section (60 m ceiling), measured along the extended centreline. */
  innerWingLengthM: 3600,
  innerCeilingM: 60,
  /** Second wing section (150 m ceiling), beyond the first. */
  outerWingLengthM: 8400,
  outerCeilingM: 150,
} as const;

/**
 * Small airfields with runway ends get a reduced shape, as DJI rates them low risk. 1.5 km follows
 * the common European rule of thumb (e.g. Germany's LuftVO §21h keeps drones 1.5 km from airfields);
 * scheduled passenger service raises the risk, so those get authorization plus a warning ring.
 *
 * @example
 * REDUCED.warningRadiusM; // 1500: enhanced warning around a non-scheduled small airport's runway
 */
export const REDUCED = {
  /** Non-scheduled small airport: enhanced warning within this distance of the runway. */
  warningRadiusM: 1500,
  /** Scheduled small airport: authorization within this distance of the runway ... */
  scheduledAuthorizationRadiusM: 1500,
  /** ... and enhanced warning out to this distance. */
  scheduledWarningRadiusM: 3000,
} as const;

/**
 * Largest gap between a curved boundary and its polygon. Curves are circumscribed (every chord
 * touches the true circle), so polygons are never smaller than the true shape and at most this much
 * larger: 16 chords per half-circle at 4 km, 20 at 6 km.
 *
 * @example
 * const ring = circleRing(lon, lat, 5000, CHORD_ERROR_M); // an airport circle as the importer draws it
 */
export const CHORD_ERROR_M = 20;

/**
 * Runway ends further apart than any real runway (the longest is about 5.5 km) or closer than a
 * usable strip are data errors (KCLE 06R/24L ends lie 13 km apart); such runways are not shaped.
 */
export const RUNWAY_LENGTH_RANGE_M = { min: 100, max: 6000 } as const;

/**
 * Runway ends further than this from the airport's reference point are data errors too (UUMU 12R
 * lies 590 km away); 99% of runway ends are within 3.8 km of their airport.
 */
export const RUNWAY_MAX_OFFSET_M = 8000;

/** Runway shapes need a bearing; at the poles there is none, so those airports get circles. */
export const MAX_SHAPED_ABS_LAT = 85;

/**
 * Radii (m) of the circles given to airports without a usable runway; absent = no zone of that category.
 *
 * @example
 * const radii: CircleRadii = CIRCLE_RADII.large_airport; // { restricted: 3000, authorization: 5000, enhanced_warning: 8000 }
 */
export interface CircleRadii {
  restricted?: number;
  authorization?: number;
  enhanced_warning?: number;
  warning?: number;
}

/**
 * Circle fallback per OurAirports type ("small_airport:scheduled" = small airport with scheduled service).
 *
 * @example
 * CIRCLE_RADII['small_airport:scheduled']; // { authorization: 1500, enhanced_warning: 3000 }
 */
export const CIRCLE_RADII: Readonly<Record<string, CircleRadii>> = {
  large_airport: { restricted: 3000, authorization: 5000, enhanced_warning: 8000 },
  medium_airport: { restricted: 1500, authorization: 4000, enhanced_warning: 6000 },
  'small_airport:scheduled': { authorization: 1500, enhanced_warning: 3000 },
  small_airport: { enhanced_warning: 1500 },
  seaplane_base: { warning: 1500 },
  balloonport: { warning: 1000 },
  heliport: { warning: 500 },
};

/** Airport types that may be shaped from runways; the rest (heliports, seaplane bases ...) are always circles. */
export const FULL_SHAPE_TYPES: ReadonlySet<string> = new Set(['large_airport', 'medium_airport']);
export const REDUCED_SHAPE_TYPES: ReadonlySet<string> = new Set(['small_airport']);

/**
 * The `source` of every zone the OurAirports importer derives.
 *
 * @example
 * const derived = zones.filter((z) => z.source === OURAIRPORTS_SOURCE);
 */
export const OURAIRPORTS_SOURCE = 'ourairports';
/**
 * The `licence` of every zone the OurAirports importer derives: public-domain data, shapes by Airlock.
 *
 * @example
 * zone.licence === OURAIRPORTS_LICENCE; // true for every zone the OurAirports importer derives
 */
export const OURAIRPORTS_LICENCE =
  'Public Domain (OurAirports, Unlicense); zone shapes derived by Airlock — advisory';
export const DERIVED_MESSAGE =
  'Derived by Airlock from OurAirports airport and runway data in the style of DJI GEO 2.0 airport zones. ' +
  'Advisory only: not official airspace; check the national UAS geographical zones and NOTAMs.';
