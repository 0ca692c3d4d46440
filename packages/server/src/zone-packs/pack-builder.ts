import { wrapLon } from '@airlock/core/geo';
import type { BBox, ZoneIndex } from '@airlock/core/geofence';
import type { Zone } from '@airlock/core/zone';
import { type PackRegion, parsePackId, tileCover, tilePackId, zoneKey } from '@airlock/core/zone-pack';

/** A region's zones and the ground they are complete for. */
export interface PackContent {
  cover: BBox[];
  countries: string[];
  zones: Zone[];
}

const WORLD: BBox[] = [[-180, -90, 180, 90]];

/**
 * The zones of a pack from the index: every zone whose box meets the pack's cover (the same rule as a
 * cell answer, so nothing the device needs inside the cover is missing). A country pack is the tiles
 * that hold any of the country's zones; a country with no zones has no pack.
 */
export function packContent(
  region: PackRegion,
  index: ZoneIndex,
  countryTiles: () => Map<string, string[]>,
): PackContent | null {
  if (region.kind === 'world') return { cover: WORLD, countries: [], zones: [...index.zones] };
  const tiles =
    region.kind === 'tile'
      ? [{ west: region.west, south: region.south }]
      : (countryTiles().get(region.country) ?? []).map(
          (id) => parsePackId(id) as { west: number; south: number },
        );
  if (tiles.length === 0) return null;
  const cover = tiles.flatMap((t) => tileCover(t.west, t.south));
  const seen = new Map<string, Zone>();
  for (const [w, s, e, n] of cover) for (const z of index.inBBox(w, s, e, n)) seen.set(zoneKey(z), z);
  const zones = [...seen.values()];
  const countries =
    region.kind === 'country'
      ? [region.country]
      : [
          ...new Set(zones.map((z) => z.country).filter((c): c is string => c !== null && c.length === 2)),
        ].sort();
  return { cover, countries, zones };
}

/** Country → the tile packs holding a point of its zones, from one pass over the index. */
export function tilesByCountry(index: ZoneIndex): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  for (const zone of index.zones) {
    if (zone.country === null || zone.country.length !== 2) continue;
    const [lon, lat] = anyPoint(zone);
    let set = out.get(zone.country);
    if (!set) out.set(zone.country, (set = new Set()));
    set.add(tilePackId(wrapLon(lon), lat));
  }
  return new Map([...out].map(([c, s]) => [c, [...s].sort()]));
}

function anyPoint(zone: Zone): [number, number] {
  const g = zone.volumes[0].geometry;
  if (g.type === 'Circle') return g.center;
  const ring = g.type === 'Polygon' ? g.coordinates[0] : g.coordinates[0][0];
  return [ring[0][0], ring[0][1]];
}
