/**
 * The fixed public grid of the `cell` mechanism: latitude bands of 0.2°, each split into equal
 * longitude cells at least as wide as the band is high. The grid is a wire contract between every
 * device and every server version: changing any constant here changes what the ids mean.
 */
import { EARTH_RADIUS_M, wrapLon } from '../geo/index.ts';

/**
 * [west, south, east, north] in degrees, west ≤ east, all within [-180, 180] × [-90, 90].
 *
 * @example
 * const [west, south, east, north]: LonLatBox = cellBounds('694.597');
 */
export type LonLatBox = [west: number, south: number, east: number, north: number];

/**
 * A cell id split into its parts: band (south to north) and index (west to east).
 *
 * @example
 * const { band, index }: CellAddress = parseCellId('694.597'); // band 694, index 597
 */
export interface CellAddress {
  band: number;
  index: number;
}

// An integer count per degree keeps every band edge a single correctly rounded division, so device
// and server compute bit-identical edges on every JavaScript engine.
const BANDS_PER_DEGREE = 5;
/**
 * Band height H in degrees (0.2°).
 *
 * @example
 * const band = Math.floor((lat + 90) / CELL_HEIGHT_DEG); // 0.2° bands from the South Pole
 */
export const CELL_HEIGHT_DEG = 1 / BANDS_PER_DEGREE;
/**
 * Number of latitude bands (900).
 *
 * @example
 * BAND_COUNT; // 900 bands of 0.2° from pole to pole
 */
export const BAND_COUNT = 180 * BANDS_PER_DEGREE;
/**
 * H as an arc in metres (≈ 22 239 m): the smallest width and height of any cell.
 *
 * @example
 * CELL_MIN_SIZE_M; // ≈ 22 239: no cell is narrower or lower than this
 */
export const CELL_MIN_SIZE_M = (CELL_HEIGHT_DEG * Math.PI * EARTH_RADIUS_M) / 180;

const RAD = Math.PI / 180;
// Math.cos is not correctly rounded on every engine. Across all bands 1800·cos(poleward edge) is
// either an exact integer (60°: 900) or at least 5e-4 away from one, so snapping by 1e-9 makes the
// floor identical everywhere (checked by a test).
const INTEGER_SNAP = 1e-9;

const CELLS_PER_BAND: readonly number[] = Array.from({ length: BAND_COUNT }, (_, band) => {
  const poleward = Math.max(Math.abs(bandSouth(band)), Math.abs(bandSouth(band + 1)));
  const fit = (360 / CELL_HEIGHT_DEG) * Math.cos(poleward * RAD);
  return Math.max(1, Math.floor(fit + INTEGER_SNAP));
});

function bandSouth(band: number): number {
  return (band - 90 * BANDS_PER_DEGREE) / BANDS_PER_DEGREE;
}

function cellWest(count: number, index: number): number {
  return -180 + (index * 360) / count;
}

function checkCoordinate(lon: number, lat: number): void {
  if (!Number.isFinite(lon)) throw new RangeError(`longitude must be a finite number, got ${lon}`);
  if (!(lat >= -90 && lat <= 90)) throw new RangeError(`latitude must be within [-90, 90], got ${lat}`);
}

/**
 * Number of cells in a latitude band: floor(360·cos(poleward edge)/H), at least 1, so no cell is
 * narrower than H even at its poleward edge.
 *
 * @example
 * cellsInBand(0); // 1 — the south polar cap is one cell
 */
export function cellsInBand(band: number): number {
  const count = CELLS_PER_BAND[band];
  if (count === undefined)
    throw new RangeError(`band must be an integer in [0, ${BAND_COUNT - 1}], got ${band}`);
  return count;
}

/**
 * The id of the grid cell containing a position. Cells are half-open: south and west edges belong to
 * the cell, except that latitude 90 belongs to the northernmost band. Longitude is wrapped first.
 *
 * @example
 * cellAt(2.3522, 48.8566); // '694.597' (Paris)
 */
export function cellAt(lon: number, lat: number): string {
  checkCoordinate(lon, lat);
  let band = Math.min(BAND_COUNT - 1, Math.floor((lat + 90) * BANDS_PER_DEGREE));
  // The multiplication rounds; settle against the exact edges that cellBounds reports.
  if (band > 0 && lat < bandSouth(band)) band--;
  else if (band < BAND_COUNT - 1 && lat >= bandSouth(band + 1)) band++;
  const count = CELLS_PER_BAND[band];
  // wrapLon adds and subtracts 180, which rounds: leave in-range longitudes exactly as they are.
  const x = lon >= -180 && lon < 180 ? lon : wrapLon(lon);
  let index = Math.min(count - 1, Math.max(0, Math.floor(((x + 180) * count) / 360)));
  if (index > 0 && x < cellWest(count, index)) index--;
  else if (index < count - 1 && x >= cellWest(count, index + 1)) index++;
  return `${band}.${index}`;
}

const CELL_ID = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,3})$/;

/**
 * Parses a cell id strictly: exactly `band.index`, decimal integers without sign or leading zeros,
 * both in range — so every cell has one spelling and byte-equal requests mean equal cells.
 *
 * @example
 * parseCellId('694.597'); // { band: 694, index: 597 }
 * parseCellId('694.0597'); // throws RangeError: Invalid cell id "694.0597": ...
 */
export function parseCellId(id: string): CellAddress {
  const match = typeof id === 'string' ? CELL_ID.exec(id) : null;
  if (!match) {
    // Quote at most 40 characters: the id may be hostile input on its way into a log or a 400 body.
    const shown = typeof id === 'string' && id.length > 40 ? `${id.slice(0, 40)}…` : id;
    throw new RangeError(
      `Invalid cell id ${JSON.stringify(shown)}: expected "band.index" (integers, no leading zeros)`,
    );
  }
  const band = Number(match[1]);
  const index = Number(match[2]);
  if (band >= BAND_COUNT)
    throw new RangeError(`Invalid cell id "${id}": band ${band} is not in [0, ${BAND_COUNT - 1}]`);
  const count = CELLS_PER_BAND[band];
  if (index >= count) throw new RangeError(`Invalid cell id "${id}": band ${band} has cells 0..${count - 1}`);
  return { band, index };
}

/**
 * The cell's box [west, south, east, north] in degrees; east of the last cell in a band is 180.
 *
 * @example
 * cellBounds('0.0'); // [-180, -90, 180, -89.8]
 */
export function cellBounds(id: string): LonLatBox {
  const { band, index } = parseCellId(id);
  const count = CELLS_PER_BAND[band];
  return [cellWest(count, index), bandSouth(band), cellWest(count, index + 1), bandSouth(band + 1)];
}

/**
 * The point an observer would guess: the middle of the box, or the pole for the two polar caps
 * (a cap spans all longitudes, so its middle is the pole).
 *
 * @example
 * const [lon, lat] = cellCentre('694.597');
 * cellAt(lon, lat); // '694.597'
 */
export function cellCentre(id: string): [lon: number, lat: number] {
  const [west, south, east, north] = cellBounds(id);
  if (east - west >= 360) return [0, south < 0 ? -90 : 90];
  return [(west + east) / 2, (south + north) / 2];
}
