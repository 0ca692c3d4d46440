import assert from 'node:assert/strict';
import { test } from 'node:test';
import { iso1A2Code } from '@rapideditor/country-coder';
import { destination } from '../geo/index.ts';
import { seededRandom as rng } from '../testing/index.ts';
import { countriesNear } from './index.ts';

test('a point well inside a country gives that country alone', () => {
  assert.deepEqual(countriesNear(8.54, 47.37), ['CH']); // Zurich
  assert.deepEqual(countriesNear(8.54, 47.37, 5_000), ['CH']);
  assert.deepEqual(countriesNear(2.35, 48.86, 10_000), ['FR']); // Paris
});

test('near a border the radius brings in the neighbour', () => {
  // Kreuzlingen, ~6 km south of the Konstanz border in country-coder's geometry.
  assert.deepEqual(countriesNear(9.17, 47.6, 2_000), ['CH']);
  assert.deepEqual(countriesNear(9.17, 47.6, 10_000), ['CH', 'DE']);
});

test('small countries between ring samples are not missed', () => {
  assert.deepEqual(countriesNear(7.27, 43.7, 15_000), ['FR', 'MC']); // Nice → Monaco ~12 km
  assert.deepEqual(countriesNear(12.5, 41.9, 5_000), ['IT', 'VA']); // Rome centre → Vatican ~3 km
  assert.deepEqual(countriesNear(9.47, 47.17, 3_000), ['CH', 'LI']); // Buchs SG
});

test('at sea the answer is empty', () => {
  assert.deepEqual(countriesNear(-40, 35), []);
  assert.deepEqual(countriesNear(-40, 35, 10_000), []);
});

test('territories keep their own codes', () => {
  assert.deepEqual(countriesNear(-66.1, 18.4), ['PR']);
  assert.deepEqual(countriesNear(144.8, 13.45), ['GU']);
  assert.deepEqual(countriesNear(-2.1, 49.2), ['JE']);
});

test('bad input gives [], longitudes wrap, poles and the antimeridian work', () => {
  assert.deepEqual(countriesNear(Number.NaN, 47), []);
  assert.deepEqual(countriesNear(8.54, 91), []);
  assert.deepEqual(countriesNear(8.54 + 360, 47.37), ['CH']);
  assert.deepEqual(countriesNear(8.54, 47.37, Number.NaN), ['CH']);
  assert.deepEqual(countriesNear(8.54, 47.37, -5), ['CH']);
  assert.deepEqual(countriesNear(0, -89.9, 50_000), ['AQ']);
  // Taveuni (Fiji) straddles 180°; both sides must be found from either side.
  assert.ok(countriesNear(-179.95, -16.8, 30_000).includes('FJ'));
  assert.ok(countriesNear(179.95, -16.8, 30_000).includes('FJ'));
});

test('never misses what dense ring sampling finds', () => {
  const r = rng(7);
  for (let i = 0; i < 150; i++) {
    const lon = -10 + r() * 40;
    const lat = 36 + r() * 24;
    const radius = 2_000 + r() * 28_000;
    const near = new Set(countriesNear(lon, lat, radius));
    for (const fraction of [0.25, 0.5, 0.75, 1]) {
      for (let b = 0; b < 360; b += 6) {
        const [slon, slat] = destination(lon, lat, radius * fraction * 0.999, b);
        const code = iso1A2Code([slon, slat], { level: 'territory' });
        if (code)
          assert.ok(near.has(code), `${code} at ${slon},${slat} missing for ${lon},${lat} r=${radius}`);
      }
    }
  }
});
