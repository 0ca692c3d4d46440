import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { importZones, zonesToGeoJSON } from '@airlock/core';
import { BUNDLED_DATA_DIR, readMaybeGzip } from '../airspace/index.ts';
import { ByteLru } from './byte-lru.ts';
import { FeatureJsonCache } from './feature-json.ts';

const SHARED = new URL('../../../../../shared/data/airspace/', import.meta.url);
const options = { dataset: 'test' };

test('cached feature texts make exactly the JSON of zonesToGeoJSON, for every kind of zone', () => {
  const zones = [
    // Circles, runway polygons, fans (derived OurAirports shapes, the bundled data).
    ...importZones(
      'ourairports',
      [
        { name: 'airports.csv', text: readMaybeGzip(`${BUNDLED_DATA_DIR}/ourairports/airports.csv.gz`) },
        { name: 'runways.csv', text: readMaybeGzip(`${BUNDLED_DATA_DIR}/ourairports/runways.csv.gz`) },
      ],
      options,
    ).zones.filter((z) => z.country === 'CH'),
    // Arcs and several layers (OpenAir), authority and schedules (ED-269).
    ...importZones(
      'openair',
      [{ name: 'ksgu.txt', text: readFileSync(new URL('openair/ksgu-airspaces.txt', SHARED), 'utf8') }],
      options,
    ).zones,
    ...importZones(
      'ed269',
      [
        {
          name: 'che.json',
          text: readFileSync(new URL('ed269/interuss-geo-awareness-che-1.json', SHARED), 'utf8'),
        },
      ],
      options,
    ).zones,
  ];
  assert.ok(zones.length > 100);
  const cache = new FeatureJsonCache(new ByteLru(50 * 1024));
  for (const slice of [zones, zones.slice(0, 1), [], zones.slice(40, 140), zones]) {
    assert.equal(cache.featureCollection(slice), JSON.stringify(zonesToGeoJSON(slice)));
  }
});
