import { iso1A2Code } from '@rapideditor/country-coder';
import { distanceToSegmentVec, EARTH_RADIUS_M, wrapLon } from '../geo/index.ts';
import { type CountryShape, countryShapes } from './country-shapes.ts';

const RAD = Math.PI / 180;
const DEG = 180 / Math.PI;

/**
 * ISO 3166-1 alpha-2 codes of the country or territory at [lon, lat] and of every other one whose
 * border comes within `radiusM` metres, sorted; empty at sea. Territories keep their own codes
 * (Puerto Rico is 'PR', Jersey 'JE'), as country-coder gives them at its territory level.
 *
 * Rather than sampling points on rings (which misses Monaco, Vatican City or a 6 km-wide strip of
 * Liechtenstein between two samples), it measures the distance to every nearby border polygon, so
 * a country inside the radius is never left out. Borders are country-coder's: simplified, and
 * inaccurate near coasts and borders by up to a few km. Pass a radius that covers that as well as
 * the position's own uncertainty.
 *
 * @example
 * countriesNear(8.54, 47.37);          // ['CH'] (Zurich)
 * countriesNear(9.17, 47.6, 10_000);   // ['CH', 'DE'] (near Kreuzlingen/Konstanz)
 * countriesNear(-40, 35, 10_000);      // [] (mid-Atlantic)
 */
export function countriesNear(lon: number, lat: number, radiusM = 0): string[] {
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || lat < -90 || lat > 90) return [];
  const plon = wrapLon(lon);
  const found = new Set<string>();
  const here = iso1A2Code([plon, lat], { level: 'territory' });
  if (here) found.add(here);
  const angle = Number.isFinite(radiusM) && radiusM > 0 ? Math.min(radiusM / EARTH_RADIUS_M, Math.PI) : 0;
  if (angle === 0) return [...found];

  const cosLat = Math.cos(lat * RAD);
  const px = cosLat * Math.cos(plon * RAD);
  const py = cosLat * Math.sin(plon * RAD);
  const pz = Math.sin(lat * RAD);
  const dLat = angle * DEG;
  // Widest longitude offset of the spherical cap; a cap over a pole spans every longitude.
  const dLon = Math.abs(lat) + dLat >= 90 ? 360 : Math.asin(Math.min(1, Math.sin(angle) / cosLat)) * DEG;
  for (const shape of countryShapes()) {
    if (found.has(shape.code)) continue;
    if (lat + dLat < shape.minLat || lat - dLat > shape.maxLat) continue;
    if (lonGap(plon, shape.minLon, shape.maxLon) > dLon) continue;
    if (comesWithin(shape, px, py, pz, angle)) found.add(shape.code);
  }
  return [...found].sort();
}

/** Degrees of longitude from `lon` to the interval [min, max], the short way round. */
function lonGap(lon: number, min: number, max: number): number {
  if (lon >= min && lon <= max) return 0;
  return Math.min((((min - lon) % 360) + 360) % 360, (((lon - max) % 360) + 360) % 360);
}

/** Whether any edge of the shape lies within `angle` radians of P (a point inside is handled by iso1A2Code). */
function comesWithin(shape: CountryShape, px: number, py: number, pz: number, angle: number): boolean {
  for (const v of shape.rings) {
    for (let i = 3; i < v.length; i += 3) {
      const d = distanceToSegmentVec(px, py, pz, v[i - 3], v[i - 2], v[i - 1], v[i], v[i + 1], v[i + 2]);
      if (d <= angle) return true;
    }
  }
  return false;
}
