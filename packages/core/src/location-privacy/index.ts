/**
 * Location privacy: turns the device's true position into the request a location check sends, and
 * defines the public cell grid the server answers by. See docs/location-privacy.md for the argument.
 * Attacks used by the benchmark live behind their own door, ./attacks/index.ts.
 */
export {
  CELL_COVERAGE_MARGIN_M,
  cellCoverage,
  coversLookAhead,
  isDiscInside,
} from './cell-coverage.ts';
export {
  BAND_COUNT,
  CELL_HEIGHT_DEG,
  CELL_MIN_SIZE_M,
  type CellAddress,
  cellAt,
  cellBounds,
  cellCentre,
  cellsInBand,
  type LonLatBox,
  parseCellId,
} from './cell-grid.ts';
export { type LocationAnswerBody, locationAnswerSchema } from './location-answer.ts';
export {
  CELL_PATH_PREFIX,
  cellRequest,
  DEFAULT_LOOKAHEAD_M,
  DEFAULT_MECHANISM,
  type LocationRequest,
  type LocationRequestOptions,
  locationRequests,
  MECHANISMS,
  type Mechanism,
  NEAR_PATH,
  UNIFORM_RADIUS_M,
} from './location-requests.ts';
export { type RandomSource, secureRandom, seededRandom } from './random.ts';
