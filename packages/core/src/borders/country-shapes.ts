/**
 * country-coder's border polygons, prepared once for distance queries: each polygon carries the
 * code iso1A2Code(…, { level: 'territory' }) would give for a point inside it, its bounding box,
 * and its rings as unit vectors. Long edges are split first: country-coder treats an edge as a
 * straight line in lon/lat (which-polygon's planar test), while the distance code measures along
 * great circles, and over a 5° edge on the 49th parallel the two part by ~10 km.
 */
import { borders, featuresContaining } from '@rapideditor/country-coder';

const RAD = Math.PI / 180;
/** Longest edge kept, in degrees: the great circle then strays < 50 m from the lon/lat line. */
const MAX_EDGE_DEG = 0.5;
/** Levels iso1A2Code skips when asked for the territory level. */
const NOT_A_TERRITORY = new Set([
  'subterritory',
  'subcountryGroup',
  'sharedLandform',
  'subunion',
  'union',
  'unitedNations',
]);

export interface CountryShape {
  readonly code: string;
  readonly minLon: number;
  readonly minLat: number;
  readonly maxLon: number;
  readonly maxLat: number;
  /** Each ring as x, y, z triples of unit vectors, closed (last vertex repeats the first). */
  readonly rings: readonly Float64Array[];
}

let shapes: readonly CountryShape[] | undefined;

/** Every border polygon with a territory-level code, built on first use (a few ms). */
export function countryShapes(): readonly CountryShape[] {
  shapes ??= buildShapes();
  return shapes;
}

function buildShapes(): CountryShape[] {
  const out: CountryShape[] = [];
  for (const feature of borders.features) {
    const geometry = feature.geometry;
    if (geometry === null || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) continue;
    const code = territoryCode(String(feature.properties.id));
    if (code === null) continue; // Northern Cyprus, Bir Tawil: country-coder codes them as nothing
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    for (const polygon of polygons) out.push(prepare(code, polygon as number[][][]));
  }
  return out;
}

/** The first code up the feature's chain that iso1A2Code would return at the territory level. */
function territoryCode(id: string): string | null {
  for (const f of featuresContaining(id)) {
    const { iso1A2, level } = f.properties;
    if (iso1A2 && !NOT_A_TERRITORY.has(level)) return iso1A2;
  }
  return null;
}

function prepare(code: string, polygon: number[][][]): CountryShape {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  const rings: Float64Array[] = [];
  for (const ring of polygon) {
    const xyz: number[] = [];
    for (let i = 0; i < ring.length; i++) {
      const [lon, lat] = ring[i];
      minLon = Math.min(minLon, lon);
      maxLon = Math.max(maxLon, lon);
      minLat = Math.min(minLat, lat);
      maxLat = Math.max(maxLat, lat);
      if (i > 0) {
        const [plon, plat] = ring[i - 1];
        const steps = Math.ceil(Math.max(Math.abs(lon - plon), Math.abs(lat - plat)) / MAX_EDGE_DEG);
        for (let s = 1; s < steps; s++)
          pushUnit(xyz, plon + ((lon - plon) * s) / steps, plat + ((lat - plat) * s) / steps);
      }
      pushUnit(xyz, lon, lat);
    }
    rings.push(Float64Array.from(xyz));
  }
  return { code, minLon, minLat, maxLon, maxLat, rings };
}

function pushUnit(out: number[], lon: number, lat: number): void {
  const c = Math.cos(lat * RAD);
  out.push(c * Math.cos(lon * RAD), c * Math.sin(lon * RAD), Math.sin(lat * RAD));
}
