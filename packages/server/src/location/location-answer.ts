import {
  CELL_COVERAGE_MARGIN_M,
  cellCoverage,
  countriesNear,
  type LocationAnswerBody,
  type LonLatBox,
  parseCellId,
  radioRulesFor,
  type Zone,
  type ZoneIndex,
  zonesToGeoJSON,
} from '@airlock/core';

/** What a location check answers: the same shape for the cell and the uniform mechanism (core's wire schema). */
export type LocationAnswer = LocationAnswerBody;

/**
 * What the airspace knows about time (AirspaceService): which zones are still valid, and how long an
 * answer holding them may be cached. Without it every zone is kept for the configured lifetime.
 */
export interface AnswerValidity {
  liveZones(zones: Zone[]): Zone[];
  lifetime(zones: readonly Zone[], maxAgeS: number): { maxAgeS: number; notAfter?: number };
}

function timed(
  zones: Zone[],
  maxAgeS: number,
  validity: AnswerValidity | undefined,
): { zones: Zone[]; max_age_s: number; valid_until?: string } {
  if (!validity) return { zones, max_age_s: maxAgeS };
  const live = validity.liveZones(zones);
  const life = validity.lifetime(live, maxAgeS);
  return {
    zones: live,
    max_age_s: life.maxAgeS,
    ...(life.notAfter !== undefined ? { valid_until: new Date(life.notAfter).toISOString() } : {}),
  };
}

/** Countries touching a box: sampled on a grid about 10 km apart plus the corners (see docs). */
export function countriesInBoxes(boxes: readonly LonLatBox[]): string[] {
  const found = new Set<string>();
  for (const [w, s, e, n] of boxes) {
    const steps = 8;
    for (let i = 0; i <= steps; i++) {
      for (let j = 0; j <= steps; j++) {
        const lon = w + ((e - w) * i) / steps;
        const lat = s + ((n - s) * j) / steps;
        for (const c of countriesNear(lon, lat, 0)) found.add(c);
      }
    }
  }
  return [...found].sort();
}

function unique(zones: Zone[]): Zone[] {
  const seen = new Set<string>();
  return zones.filter((z) => (seen.has(z.id) ? false : (seen.add(z.id), true)));
}

/** Every zone whose bounding box meets the cell's coverage area (conservative: never misses one). */
export function zonesForCell(index: ZoneIndex, cellId: string): Zone[] {
  return unique(
    cellCoverage(cellId, CELL_COVERAGE_MARGIN_M).flatMap(([w, s, e, n]) => index.inBBox(w, s, e, n)),
  );
}

/**
 * Every zone intersecting the cell's coverage area (the cell grown by CELL_COVERAGE_MARGIN_M), so the
 * answer is complete for any true position in the cell and any look-ahead up to that margin.
 * Throws RangeError for a malformed cell id.
 */
export function cellAnswer(
  index: ZoneIndex,
  cellId: string,
  datasetVersion: string,
  generatedAt: string,
  maxAgeS: number,
  validity?: AnswerValidity,
): LocationAnswer {
  parseCellId(cellId);
  const coverage = cellCoverage(cellId, CELL_COVERAGE_MARGIN_M);
  const { zones, ...time } = timed(zonesForCell(index, cellId), maxAgeS, validity);
  const countries = countriesInBoxes(coverage);
  return {
    cell: cellId,
    coverage,
    lookahead_max_m: CELL_COVERAGE_MARGIN_M,
    dataset_version: datasetVersion,
    generated_at: generatedAt,
    ...time,
    zones: zonesToGeoJSON(zones),
    countries,
    radio: radioRulesFor(countries),
  };
}

/** The reference mechanism's answer: every zone within radius_m of the reported point. */
export function nearAnswer(
  index: ZoneIndex,
  lon: number,
  lat: number,
  radiusM: number,
  datasetVersion: string,
  generatedAt: string,
  maxAgeS: number,
  validity?: AnswerValidity,
): LocationAnswer {
  const { zones, ...time } = timed(index.within(lon, lat, radiusM), maxAgeS, validity);
  const countries = countriesNear(lon, lat, radiusM);
  return {
    query: { lon, lat, radius_m: radiusM },
    lookahead_max_m: Math.max(0, radiusM - 10_000),
    dataset_version: datasetVersion,
    generated_at: generatedAt,
    ...time,
    zones: zonesToGeoJSON(zones),
    countries,
    radio: radioRulesFor(countries),
  };
}
