/** Web Mercator tiles around airports, for the HTTP benches. */
import type { ZoneIndex } from '@airlock/core';
import type { AirportSite } from './world-zones.ts';

export interface Tile {
  z: number;
  x: number;
  y: number;
}

export const tilePath = (t: Tile): string => `/v1/zones/tiles/${t.z}/${t.x}/${t.y}`;

/** The tile containing [lon, lat] at zoom z. */
export function tileAt(lon: number, lat: number, z: number): Tile {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  const x = Math.min(n - 1, Math.max(0, Math.floor(((lon + 180) / 360) * n)));
  const y = Math.min(
    n - 1,
    Math.max(0, Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)),
  );
  return { z, x, y };
}

/**
 * The busiest airports first: large airports, then medium ones, each by runway count and zone count
 * (OurAirports has no traffic figures), ties by ident so the order is stable.
 */
export function rankAirports(sites: readonly AirportSite[]): AirportSite[] {
  const rank = (t: string) => (t === 'large_airport' ? 0 : t === 'medium_airport' ? 1 : 2);
  return sites
    .filter((s) => rank(s.type) < 2)
    .sort(
      (a, b) =>
        rank(a.type) - rank(b.type) ||
        b.runways - a.runways ||
        b.zoneCount - a.zoneCount ||
        (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    );
}

/**
 * Up to `count` distinct tiles with zones: for each airport in order, the tiles `ring` steps around
 * its own tile at zooms 10, 11 and 12 (ring 0 = just its tile, zoom cycling with the airport).
 */
export function tilesAround(
  airports: readonly AirportSite[],
  index: ZoneIndex,
  count: number,
  ring: number,
  exclude: ReadonlySet<string> = new Set(),
): Tile[] {
  const seen = new Set<string>(exclude);
  const out: Tile[] = [];
  for (let a = 0; a < airports.length && out.length < count; a++) {
    const zooms = ring === 0 ? [10 + (a % 3)] : [10, 11, 12];
    for (const z of zooms) {
      const c = tileAt(airports[a].lon, airports[a].lat, z);
      for (let dx = -ring; dx <= ring; dx++) {
        for (let dy = -ring; dy <= ring; dy++) {
          const t = { z, x: c.x + dx, y: c.y + dy };
          const key = tilePath(t);
          if (t.x < 0 || t.y < 0 || t.x >= 2 ** z || t.y >= 2 ** z || seen.has(key)) continue;
          seen.add(key);
          if (index.inTile(t.z, t.x, t.y).length === 0) continue;
          out.push(t);
          if (out.length >= count) return out;
        }
      }
    }
  }
  return out;
}
