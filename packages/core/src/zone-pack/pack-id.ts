import { type BBox, growBBox, splitAtAntimeridian } from '../geofence/index.ts';
import { CELL_COVERAGE_MARGIN_M } from '../location-privacy/index.ts';

/** Tiles are fixed 5° squares of longitude and latitude, named by their south-west corner. */
export const PACK_TILE_DEG = 5;
/**
 * Every pack covers its tiles grown by this margin, the same as a cell answer's: a device anywhere in
 * the tile with a look-ahead up to it finds every zone it needs in the one pack.
 */
export const PACK_MARGIN_M = CELL_COVERAGE_MARGIN_M;

export type PackRegion =
  | { kind: 'world' }
  | { kind: 'country'; country: string }
  | { kind: 'tile'; west: number; south: number };

const TILE_ID = /^tile-([NS])(\d{2})([EW])(\d{3})$/;
const COUNTRY_ID = /^country-([A-Z]{2})$/;

/** `tile-N45E005` (the tile from 5°E 45°N to 10°E 50°N), `country-CH`, or `world`. */
export function parsePackId(id: string): PackRegion | null {
  if (id === 'world') return { kind: 'world' };
  const c = COUNTRY_ID.exec(id);
  if (c) return { kind: 'country', country: c[1] };
  const t = TILE_ID.exec(id);
  if (!t) return null;
  const south = (t[1] === 'S' ? -1 : 1) * Number(t[2]);
  const west = (t[3] === 'W' ? -1 : 1) * Number(t[4]);
  const ok =
    south % PACK_TILE_DEG === 0 &&
    west % PACK_TILE_DEG === 0 &&
    south >= -90 &&
    south < 90 &&
    west >= -180 &&
    west < 180;
  return ok ? { kind: 'tile', west, south } : null;
}

/** The id of the tile pack holding the position (a point on a tile's north or east edge is in the next). */
export function tilePackId(lon: number, lat: number): string {
  const south = Math.min(90 - PACK_TILE_DEG, Math.floor(lat / PACK_TILE_DEG) * PACK_TILE_DEG);
  const west = Math.min(180 - PACK_TILE_DEG, Math.floor(lon / PACK_TILE_DEG) * PACK_TILE_DEG);
  const ns = `${south < 0 ? 'S' : 'N'}${String(Math.abs(south)).padStart(2, '0')}`;
  const ew = `${west < 0 ? 'W' : 'E'}${String(Math.abs(west)).padStart(3, '0')}`;
  return `tile-${ns}${ew}`;
}

/** The tile's own square. */
export function tileBox(west: number, south: number): BBox {
  return [west, south, west + PACK_TILE_DEG, south + PACK_TILE_DEG];
}

/** The ground a tile pack is complete for: the tile grown by the margin (two boxes across ±180°). */
export function tileCover(west: number, south: number): BBox[] {
  return splitAtAntimeridian(growBBox(tileBox(west, south), PACK_MARGIN_M));
}
