/**
 * The privacy mechanisms: what a device sends for a location check, given its true position. Pure:
 * no I/O, no clock; the only input besides the position is the random source (uniform only).
 */
import { destination } from '../geo/index.ts';
import { CELL_COVERAGE_MARGIN_M, coversLookAhead } from './cell-coverage.ts';
import { cellAt, parseCellId } from './cell-grid.ts';
import { type RandomSource, secureRandom } from './random.ts';

/**
 * `cell` (default): the public grid cell; `uniform`: the reference drone maker's fresh 10 km offset.
 *
 * @example
 * MECHANISMS.includes(options.mechanism); // 'cell' or 'uniform'
 */
export const MECHANISMS = ['cell', 'uniform'] as const;
/**
 * A location-privacy mechanism: what a location check sends instead of the position.
 *
 * @example
 * const mechanism: Mechanism = 'cell';
 * locationRequests(mechanism, { lon: 8.5492, lat: 47.4582 }); // [{ method: 'GET', path: '/v1/location/cells/687.635' }]
 */
export type Mechanism = (typeof MECHANISMS)[number];
/**
 * The mechanism a location check uses unless told otherwise: `cell`.
 *
 * @example
 * createAirlock({ serverUrl, mechanism: DEFAULT_MECHANISM }); // the same as leaving it out
 */
export const DEFAULT_MECHANISM = 'cell' satisfies Mechanism;
/**
 * Zones within this distance of the true position must be in the answer (5 km).
 *
 * @example
 * locationRequests('cell', { lon: 8.5492, lat: 47.4582 }, { lookAheadM: DEFAULT_LOOKAHEAD_M });
 */
export const DEFAULT_LOOKAHEAD_M = 5000;
/**
 * Radius of the `uniform` mechanism's offset disc (10 km).
 *
 * @example
 * const radiusM = UNIFORM_RADIUS_M + lookAheadM; // what a `uniform` request asks for around its random point
 */
export const UNIFORM_RADIUS_M = 10_000;

/**
 * One HTTP request the device sends; nothing else (no query for cells, no body, no identifying header).
 *
 * @example
 * const [request]: LocationRequest[] = locationRequests('cell', { lon: 8.5492, lat: 47.4582 });
 * await transport.send({ category: 'location_check', ...request });
 */
export interface LocationRequest {
  method: 'GET';
  path: string;
}

/**
 * Options of `locationRequests`: the randomness (`uniform`), the look-ahead, and the cell the device
 * already holds (`cell`).
 *
 * @example
 * const options: LocationRequestOptions = { lookAheadM: 5000, currentCell: '687.635' };
 * locationRequests('cell', { lon: 8.5492, lat: 47.4582 }, options);
 */
export interface LocationRequestOptions {
  /** Randomness for `uniform`; defaults to `secureRandom`. `cell` uses none. */
  random?: RandomSource;
  /** Look-ahead distance L in metres, 0 ≤ L ≤ CELL_COVERAGE_MARGIN_M; default DEFAULT_LOOKAHEAD_M. */
  lookAheadM?: number;
  /**
   * `cell` only: the cell whose answer the device already holds. It is requested again (not the cell
   * of the new fix) while its coverage still reaches L around the position, so GPS jitter at a cell
   * edge cannot make the device alternate between two cells and reveal that it sits on the edge.
   */
  currentCell?: string;
}

/**
 * The path a cell request starts with; the cell id follows.
 *
 * @example
 * `${CELL_PATH_PREFIX}${cellAt(8.5492, 47.4582)}`; // '/v1/location/cells/687.635'
 */
export const CELL_PATH_PREFIX = '/v1/location/cells/';
/**
 * The path of a `uniform` request (`?lon=…&lat=…&radius_m=…` of the random point).
 *
 * @example
 * const url = `${serverUrl}${NEAR_PATH}?lon=8.61&lat=47.41&radius_m=15000`;
 */
export const NEAR_PATH = '/v1/location/near';

/**
 * The request for one cell: `GET /v1/location/cells/{cellId}`, identical for every device.
 *
 * @example
 * cellRequest('694.597'); // { method: 'GET', path: '/v1/location/cells/694.597' }
 */
export function cellRequest(cellId: string): LocationRequest {
  parseCellId(cellId);
  return { method: 'GET', path: `${CELL_PATH_PREFIX}${cellId}` };
}

/**
 * Turns the true position into the request(s) a location check sends.
 * - `cell`: one request naming the grid cell; the raw coordinate never leaves the device.
 * - `uniform`: one request for a fresh point uniformly within 10 km, with radius 10 km + L. Kept for
 *   comparison only: repeated checks average out (see bench/location-privacy-attack.ts).
 *
 * @example
 * locationRequests('cell', { lon: 2.3522, lat: 48.8566 });
 * // [{ method: 'GET', path: '/v1/location/cells/694.597' }]
 * locationRequests('uniform', { lon: 2.3522, lat: 48.8566 }, { random: seededRandom(1) });
 * // [{ method: 'GET', path: '/v1/location/near?lon=2.43754&lat=48.85137&radius_m=15000' }]
 */
export function locationRequests(
  mechanism: Mechanism,
  position: { lon: number; lat: number },
  options: LocationRequestOptions = {},
): LocationRequest[] {
  const lookAheadM = options.lookAheadM ?? DEFAULT_LOOKAHEAD_M;
  if (!(lookAheadM >= 0 && lookAheadM <= CELL_COVERAGE_MARGIN_M)) {
    throw new RangeError(`lookAheadM must be within [0, ${CELL_COVERAGE_MARGIN_M}] m, got ${lookAheadM}`);
  }
  const { lon, lat } = position;
  const cell = cellAt(lon, lat); // validates the position for both mechanisms
  if (mechanism === 'cell') {
    const current = options.currentCell;
    const keep = current !== undefined && coversLookAhead(current, lon, lat, lookAheadM);
    return [cellRequest(keep ? current : cell)];
  }
  if (mechanism === 'uniform') return [uniformRequest(lon, lat, lookAheadM, options.random ?? secureRandom)];
  throw new Error(
    `Unknown location privacy mechanism ${JSON.stringify(mechanism)}: expected ${MECHANISMS.join(' or ')}`,
  );
}

function uniformRequest(lon: number, lat: number, lookAheadM: number, random: RandomSource): LocationRequest {
  // sqrt makes the point uniform over the disc's area, not crowded at its centre.
  const distance = UNIFORM_RADIUS_M * Math.sqrt(random());
  const [x, y] = destination(lon, lat, distance, 360 * random());
  const radius = Math.ceil(UNIFORM_RADIUS_M + lookAheadM);
  return {
    method: 'GET',
    path: `${NEAR_PATH}?lon=${formatDegrees(x, true)}&lat=${formatDegrees(y)}&radius_m=${radius}`,
  };
}

/** Five decimals (≈ 1 m) in fixed notation, without "-0.00000" and with 180 spelled -180. */
function formatDegrees(value: number, isLongitude = false): string {
  let text = value.toFixed(5);
  if (text === '-0.00000') text = '0.00000';
  if (isLongitude && text === '180.00000') text = '-180.00000';
  return text;
}
