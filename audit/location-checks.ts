// What a location check may send, by the mechanism in force (docs/location-privacy.md):
// `cell`: GET /v1/location/cells/{cell id} (or /v1/location/country), no query, no body.
// `uniform`: GET /v1/location/near?lon=…&lat=…&radius_m=… naming a point within 10 km of the true
// position, never the position itself, with radius 10 km + the look-ahead (widened by the fix's
// accuracy, as the SDK does), and nothing else.
import { parseCellId } from '@airlock/core';
import { distanceM } from '@airlock/core/geo';
import {
  CELL_COVERAGE_MARGIN_M,
  CELL_PATH_PREFIX,
  DEFAULT_LOOKAHEAD_M,
  NEAR_PATH,
  UNIFORM_RADIUS_M,
} from '@airlock/core/location-privacy';
import type { InForce } from './session.ts';

const COUNTRY_PATH = '/v1/location/country';
/** Five decimals, as the mechanism writes them: ≈ 1 m. */
const DEGREES = '-?\\d{1,3}\\.\\d{5}';
const NEAR_QUERY = new RegExp(`^lon=(${DEGREES})&lat=(${DEGREES})&radius_m=(\\d+)$`);
/** Five-decimal rounding moves a point by at most ~0.8 m. */
const ROUNDING_M = 1;

/** Why this location request was not allowed under `state` (empty when it was). */
export function locationViolations(path: string, query: string | undefined, body: Buffer, state: InForce) {
  const out: string[] = [];
  if (body.length > 0) out.push('a location check with a body');
  if (path === COUNTRY_PATH) {
    if (query !== undefined) out.push('a location check with a query or a body');
    return out;
  }
  if (state.mechanism === 'uniform') return [...out, ...uniformViolations(path, query, state)];
  if (query !== undefined) out.push('a location check with a query or a body');
  if (!path.startsWith(CELL_PATH_PREFIX))
    return [...out, 'a location request the cell mechanism never sends'];
  try {
    parseCellId(path.slice(CELL_PATH_PREFIX.length));
  } catch {
    out.push('a location check that is not a cell id');
  }
  return out;
}

/** Whether the request is the uniform mechanism's: its query holds a point by design. */
export function isUniformRequest(path: string, state: InForce): boolean {
  return state.mechanism === 'uniform' && path === NEAR_PATH;
}

function uniformViolations(path: string, query: string | undefined, state: InForce): string[] {
  if (path !== NEAR_PATH) return ['a location request the uniform mechanism never sends'];
  const m = NEAR_QUERY.exec(query ?? '');
  if (!m) return ['a uniform location check whose query is not exactly lon, lat and radius_m'];
  const at = state.position;
  if (!at) return ['a uniform location check sent where the scenario named no position'];
  const out: string[] = [];
  const reach = Math.min(CELL_COVERAGE_MARGIN_M, DEFAULT_LOOKAHEAD_M + (at.accuracyM ?? 0));
  if (Number(m[3]) !== Math.ceil(UNIFORM_RADIUS_M + reach))
    out.push(`a uniform location check with radius_m ${m[3]}`);
  const d = distanceM(at.lon, at.lat, Number(m[1]), Number(m[2]));
  if (d > UNIFORM_RADIUS_M + ROUNDING_M) out.push(`a uniform point ${Math.round(d)} m from the position`);
  if (d < ROUNDING_M) out.push('the true position sent as the uniform point');
  return out;
}
