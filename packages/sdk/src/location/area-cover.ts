import { distanceM } from '@airlock/core/geo';
import {
  CELL_COVERAGE_MARGIN_M,
  cellCoverage,
  isDiscInside,
  type LonLatBox,
} from '@airlock/core/location-privacy';

/**
 * The ground an answer is complete for: the boxes of a cell answer (the cell grown by the server's
 * margin), or the disc of a `near` answer. Plain data, so it can be stored beside the answer.
 *
 * @example
 * const cover: AreaCover = { cell: '694.597' }; // or { query: { lon: 8.54, lat: 47.37, radius_m: 5000 } }
 */
export interface AreaCover {
  cell?: string;
  boxes?: LonLatBox[];
  query?: { lon: number; lat: number; radius_m: number };
}

/**
 * Whether the answer holds every zone within `radiusM` of the position. A cell answer holds every zone
 * meeting its boxes, so the disc must lie inside them; a `near` answer every zone within radius_m of
 * its point, so the disc must lie inside that one.
 */
export function coversDisc(cover: AreaCover, lon: number, lat: number, radiusM: number): boolean {
  if (!(Number.isFinite(lon) && Number.isFinite(lat) && radiusM >= 0)) return false;
  if (cover.boxes) return isDiscInside(lon, lat, radiusM, cover.boxes);
  if (cover.cell) return isDiscInside(lon, lat, radiusM, cellCoverage(cover.cell, CELL_COVERAGE_MARGIN_M));
  if (cover.query) {
    const q = cover.query;
    return distanceM(lon, lat, q.lon, q.lat) + radiusM <= q.radius_m;
  }
  return false;
}
