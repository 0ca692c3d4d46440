/**
 * The area a `cell` answer covers: the cell grown by a fixed margin. The server answers a cell with
 * every zone that intersects this area, so a zone within the look-ahead distance of any position in
 * the cell is never missing (property 4 in docs/location-privacy.md).
 */
import { EARTH_RADIUS_M, wrapLon } from '../geo/index.ts';
import { cellBounds, type LonLatBox } from './cell-grid.ts';

/**
 * The margin the server grows every cell by (25 km). It bounds the look-ahead distance a device may
 * ask for: L ≤ margin. Part of the wire contract: a server with a smaller margin breaks the guarantee.
 *
 * @example
 * const lookAheadM = Math.min(requested, CELL_COVERAGE_MARGIN_M); // a cell answer covers 25 km past the cell
 */
export const CELL_COVERAGE_MARGIN_M = 25_000;

// Added to every margin so floating-point rounding in the server's intersection test (≈1e-9 m) can
// never drop a zone that touches the boundary exactly.
const ROUNDING_SLACK_M = 1;

const RAD = Math.PI / 180;
const DEG = 180 / Math.PI;
const WORLD_WIDE = (south: number, north: number): LonLatBox[] => [[-180, south, 180, north]];

/**
 * The cell grown by `marginM` metres on every side, on the sphere, as one box, or two when it crosses
 * the antimeridian. Latitude grows by the arc marginM/R; longitude by asin(sin(marginM/R)/cos φ) at
 * the most poleward latitude φ of the grown box (where a degree of longitude is shortest), which is
 * the exact half-width of a spherical cap there. A box that reaches a pole spans all longitudes.
 *
 * @example
 * cellCoverage(cellAt(2.3522, 48.8566), CELL_COVERAGE_MARGIN_M);
 * // [[1.7913…, 48.5751…, 2.7849…, 49.2248…]] — the Paris cell plus 25 km
 */
export function cellCoverage(id: string, marginM: number): LonLatBox[] {
  if (!(marginM >= 0 && Number.isFinite(marginM))) {
    throw new RangeError(`cellCoverage: margin must be a finite number of metres ≥ 0, got ${marginM}`);
  }
  const [west, south, east, north] = cellBounds(id);
  const arc = (marginM + ROUNDING_SLACK_M) / EARTH_RADIUS_M;
  const grownSouth = south - arc * DEG;
  const grownNorth = north + arc * DEG;
  if (grownSouth <= -90 || grownNorth >= 90)
    return WORLD_WIDE(Math.max(-90, grownSouth), Math.min(90, grownNorth));
  const poleward = Math.max(Math.abs(grownSouth), Math.abs(grownNorth));
  const ratio = Math.sin(arc) / Math.cos(poleward * RAD);
  if (ratio >= 1) return WORLD_WIDE(grownSouth, grownNorth);
  const dLon = Math.asin(ratio) * DEG;
  const grownWest = west - dLon;
  const grownEast = east + dLon;
  if (grownEast - grownWest >= 360) return WORLD_WIDE(grownSouth, grownNorth);
  if (grownWest < -180) {
    return [
      [-180, grownSouth, grownEast, grownNorth],
      [grownWest + 360, grownSouth, 180, grownNorth],
    ];
  }
  if (grownEast > 180) {
    return [
      [grownWest, grownSouth, 180, grownNorth],
      [-180, grownSouth, grownEast - 360, grownNorth],
    ];
  }
  return [[grownWest, grownSouth, grownEast, grownNorth]];
}

/**
 * Whether the disc of `radiusM` metres around a position lies wholly inside the union of the boxes.
 * Exact on the sphere: the disc spans latitudes φ ± r/R and longitudes λ ± asin(sin(r/R)/cos φ), or
 * every longitude when it contains a pole.
 *
 * @example
 * isDiscInside(2.35, 48.86, 5_000, cellCoverage(cellAt(2.35, 48.86), CELL_COVERAGE_MARGIN_M)); // true
 */
export function isDiscInside(
  lon: number,
  lat: number,
  radiusM: number,
  boxes: readonly LonLatBox[],
): boolean {
  const arc = radiusM / EARTH_RADIUS_M;
  const south = lat - arc * DEG;
  const north = lat + arc * DEG;
  const spansLatitudes = (box: LonLatBox): boolean =>
    box[1] <= Math.max(-90, south) && box[3] >= Math.min(90, north);
  const ratio = Math.sin(arc) / Math.cos(lat * RAD);
  if (south <= -90 || north >= 90 || !(ratio < 1)) {
    return boxes.some((box) => box[0] <= -180 && box[2] >= 180 && spansLatitudes(box));
  }
  const dLon = Math.asin(ratio) * DEG;
  const x = lon >= -180 && lon < 180 ? lon : wrapLon(lon);
  const lo = x - dLon;
  const hi = x + dLon;
  const pieces: [number, number][] =
    lo < -180
      ? [
          [lo + 360, 180],
          [-180, hi],
        ]
      : hi > 180
        ? [
            [lo, 180],
            [-180, hi - 360],
          ]
        : [[lo, hi]];
  return pieces.every(([a, b]) => boxes.some((box) => box[0] <= a && box[2] >= b && spansLatitudes(box)));
}

/**
 * Whether a cached answer for `cellId` still holds every zone within `lookAheadM` of the position:
 * true anywhere in the cell, and up to `margin − lookAheadM` beyond it. The SDK uses it to keep the
 * cell it has (see `locationRequests`' `currentCell`) instead of asking again.
 *
 * @example
 * coversLookAhead('694.597', 2.6, 48.9, 5_000); // true: 12 km east of the cell's edge is still covered
 * coversLookAhead('694.597', 2.9, 48.9, 5_000); // false: 34 km east is not
 */
export function coversLookAhead(
  cellId: string,
  lon: number,
  lat: number,
  lookAheadM: number,
  marginM: number = CELL_COVERAGE_MARGIN_M,
): boolean {
  return isDiscInside(lon, lat, lookAheadM, cellCoverage(cellId, marginM));
}
