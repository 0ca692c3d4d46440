import type { ZoneIndex } from '@airlock/core/geofence';
import type { ZoneCategory } from '@airlock/core/zone';

/**
 * What being in (or reaching) a zone means for the flight, as the major consumer drone apps show it.
 *
 * @example
 * const consequence: Consequence = CONSEQUENCE_OF.enhanced_warning; // 'confirmation_required'
 */
export type Consequence =
  | 'takeoff_blocked'
  | 'unlock_required'
  | 'confirmation_required'
  | 'information'
  | 'altitude_limited';

/**
 * 'unknown': no zone data covers the position, so nothing can be said; never read as clear.
 *
 * @example
 * const status: WarningStatus = airlock.warnings(state).status;
 * if (status === 'unknown') showBanner('No zone data here: airspace unknown'); // never read as clear
 */
export type WarningStatus = 'ok' | 'warning' | 'blocked' | 'unknown';

/**
 * A zone as a warning names it: id, name and category.
 *
 * @example
 * const report = airlock.warnings(state);
 * const names = report.inside.map((w) => { const z: ZoneRef = w.zone; return `${z.name} (${z.category})`; });
 */
export interface ZoneRef {
  readonly id: string;
  readonly name: string;
  readonly category: ZoneCategory;
}

/**
 * Zone data with what the engine needs to judge it: where it is complete and how old it is.
 *
 * @example
 * const data: ZoneData = { index: zoneIndex, fetchedAt: new Date(), maxAgeS: 3600 };
 * const report = createWarningEngine().update(data, state);
 */
export interface ZoneData {
  index: ZoneIndex;
  /** When the server gave or confirmed the data; gives the report's `dataAgeS`. */
  fetchedAt?: Date;
  /** The server's max-age, seconds; past it the report says `dataStale`. */
  maxAgeS?: number;
  /** Whether the data holds every zone within `radiusM` of the position. Absent: complete everywhere. */
  covers?(lon: number, lat: number, radiusM: number): boolean;
}

/**
 * The drone's state, as the flight controller reports it.
 *
 * @example
 * const state: FlightState = { lon: 8.5492, lat: 47.4582, altAglM: 40, velocity: { east: 3, north: 5 }, time: new Date() };
 * const report = airlock.warnings(state);
 */
export interface FlightState {
  lon: number;
  lat: number;
  /** Height above the take-off point / ground, metres. Unknown: every layer counts as reached. */
  altAglM?: number;
  /** Altitude above mean sea level, metres (needed for AMSL and flight-level limits). */
  altAmslM?: number;
  /** Ground speed, m/s, with the course over ground in degrees from north. */
  speedMps?: number;
  headingDeg?: number;
  /** Velocity in m/s; preferred over speed and heading when given. */
  velocity?: { east: number; north: number; up?: number };
  time: Date;
}

/**
 * A zone the drone is in: what it means for the flight, how far its edge is, and whether it applies now.
 *
 * @example
 * for (const w of airlock.warnings(state).inside as InsideZone[])
 *   if (w.active) alert(`${w.zone.name}: ${w.consequence}, ${Math.round(w.boundaryM)} m to its edge`);
 */
export interface InsideZone {
  zone: ZoneRef;
  consequence: Consequence;
  /** Metres to the nearest boundary (how far to get out). */
  boundaryM: number;
  /** The zone applies now (its schedule); an inactive one is listed but does not set the status. */
  active: boolean;
}

/**
 * A zone ahead within the horizon: its distance, the time to reach it at the present closing speed, and
 * what entering would mean.
 *
 * @example
 * for (const z of airlock.warnings(state).approaching as ApproachingZone[])
 *   if (z.timeToEntryS !== null && z.timeToEntryS < 30) warn(`${z.zone.name} in ${Math.round(z.timeToEntryS)} s`);
 */
export interface ApproachingZone {
  zone: ZoneRef;
  consequence: Consequence;
  distanceM: number;
  /** Seconds until entry at the present closing speed; null when not closing in. */
  timeToEntryS: number | null;
  /** Speed towards the zone's nearest boundary point, m/s (negative: moving away). */
  closingSpeedMps: number;
  active: boolean;
}

/**
 * A temporary restriction near the drone, active now or starting soon (NOTAM, TFR), and when it starts.
 *
 * @example
 * for (const t of airlock.warnings(state).temporary as TemporaryRestriction[])
 *   note(`${t.zone.name}: ${t.activeNow ? 'active now' : `starts in ${Math.round(t.startsInS / 60)} min`}, ${Math.round(t.distanceM)} m`);
 */
export interface TemporaryRestriction {
  zone: ZoneRef;
  consequence: Consequence;
  activeNow: boolean;
  /** Seconds until it starts applying; 0 when active now. */
  startsInS: number;
  distanceM: number;
  inside: boolean;
}

/**
 * The warnings for one state of the drone: status, the zones it is in and approaching, the ceiling in
 * force, temporary restrictions, and how complete and fresh the zone data was.
 *
 * @example
 * const report: WarningReport = airlock.warnings({ lon, lat, altAglM, velocity: { east, north }, time: new Date() });
 * render(report.status, report.inside, report.approaching, report.ceilingM, report.temporary);
 * if (report.dataStale) showBanner('Zone data is old');
 */
export interface WarningReport {
  status: WarningStatus;
  /** 'partial': the position is covered but not all of the horizon ahead; 'none': no data here. */
  coverage: 'full' | 'partial' | 'none';
  inside: InsideZone[];
  approaching: ApproachingZone[];
  /** Lowest ceiling in force here, metres above ground; null when none applies or it cannot be known. */
  ceilingM: number | null;
  ceilingZone: ZoneRef | null;
  temporary: TemporaryRestriction[];
  /** Seconds since the zone data was given or confirmed by the server; null when unknown. */
  dataAgeS: number | null;
  dataStale: boolean;
  /** How far ahead zones were looked for, metres. */
  horizonM: number;
  /** Inputs that were not usable and were ignored (e.g. a NaN altitude: every layer then counts). */
  inputIssues: readonly string[];
  error?: string;
}

/**
 * How far ahead the warning engine looks: distance and seconds of flight for approaching zones, and the
 * radius and time window for temporary restrictions.
 *
 * @example
 * const options: WarningEngineOptions = { minHorizonM: 500, horizonS: 90, temporaryWindowS: 7200 };
 * const airlock = createAirlock({ serverUrl, warnings: options });
 */
export interface WarningEngineOptions {
  /** Zones at least this close are listed as approaching, metres; default 1000. */
  minHorizonM?: number;
  /** ...and also those reached within this many seconds at the present speed; default 60. */
  horizonS?: number;
  /** Cap on the horizon, metres; default 10 000. */
  maxHorizonM?: number;
  /** Temporary restrictions are listed within this distance, metres; default 5000. */
  temporaryRadiusM?: number;
  /** ...when active now or starting within this many seconds; default 3600. */
  temporaryWindowS?: number;
}
