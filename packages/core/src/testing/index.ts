/**
 * Helpers for tests and benches (`@airlock/core/testing`), not part of the library's API.
 */
import type { Zone, ZoneGeometry } from '../zone/index.ts';

export { circleFlight, type DjiTestFix, type DjiTestRecord, djiTestRecord } from './dji-txt.ts';

/**
 * A valid zone with one volume from the ground up, unlimited: restricted, in Switzerland, from a
 * "test" source and dataset. `extra` replaces any field.
 *
 * @example
 * const z = testZone('z1', { type: 'Circle', center: [8.55, 47.45], radius_m: 2000 }, { category: 'warning' });
 */
export function testZone(id: string, geometry: ZoneGeometry, extra: Partial<Zone> = {}): Zone {
  return {
    id,
    name: id,
    country: 'CH',
    category: 'restricted',
    reasons: [],
    volumes: [
      {
        geometry,
        lower: { value: 0, unit: 'm', reference: 'AGL' },
        upper: { value: null, unit: 'm', reference: 'AMSL' },
      },
    ],
    applicability: [],
    source: 'test',
    licence: 'test',
    dataset: 'test',
    ...extra,
  };
}

/**
 * A deterministic random generator in [0, 1) (mulberry32): the same seed gives the same sequence on
 * every run and machine, so a randomised test or bench can be rerun exactly from its seed.
 *
 * @example
 * const random = seededRandom(42);
 * const lon = -180 + 360 * random();
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
