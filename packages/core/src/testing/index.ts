/**
 * Helpers for tests and benches (`@airlock/core/testing`), not part of the library's API.
 */
import type { Zone, ZoneGeometry } from '../zone/index.ts';

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
