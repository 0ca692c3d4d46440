/**
 * Reproducible random land points: half uniform over the sphere, half within 50 km of an airport
 * (uniform distance, so denser near the airport, where the zones are). "Land" is what
 * @rapideditor/country-coder assigns a country to; its borders reach some way out to sea.
 */
import { destination } from '@airlock/core';
import { iso1A2Code } from '@rapideditor/country-coder';
import { seededRandom } from './stats.ts';

const DEG = 180 / Math.PI;

export interface LandPoints {
  lon: Float64Array;
  lat: Float64Array;
  /** 1 when the point was drawn near an airport, 0 when uniform over the land. */
  nearAirport: Uint8Array;
  /** Candidates drawn in all (the rest fell in the sea). */
  drawn: number;
}

/** `count` land points from `seed`; even indices uniform, odd ones within `nearM` of a site. */
export function randomLandPoints(
  count: number,
  sites: ReadonlyArray<{ lon: number; lat: number }>,
  seed: number,
  nearM = 50_000,
): LandPoints {
  if (sites.length === 0) throw new Error('randomLandPoints: no airport sites to draw near');
  const random = seededRandom(seed);
  const lon = new Float64Array(count);
  const lat = new Float64Array(count);
  const nearAirport = new Uint8Array(count);
  let drawn = 0;
  for (let i = 0; i < count; i++) {
    const near = i % 2 === 1;
    for (;;) {
      drawn++;
      let p: [number, number];
      if (near) {
        const site = sites[Math.floor(random() * sites.length)];
        p = destination(site.lon, site.lat, random() * nearM, random() * 360);
      } else {
        // Uniform by area: latitude from the arcsine of a uniform variate.
        p = [random() * 360 - 180, Math.asin(2 * random() - 1) * DEG];
      }
      if (iso1A2Code(p) === null) continue;
      lon[i] = p[0];
      lat[i] = p[1];
      nearAirport[i] = near ? 1 : 0;
      break;
    }
  }
  return { lon, lat, nearAirport, drawn };
}
