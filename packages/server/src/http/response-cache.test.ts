import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { testZone } from '@airlock/core/testing';
import { ResponseCache, type UrlEntry } from './response-cache.ts';

const MiB = 2 ** 20;
/** Incompressible JSON text of about `bytes` bytes, so gzip does not hide the size. */
const text = (bytes: number) => JSON.stringify({ noise: randomBytes(Math.ceil(bytes / 2)).toString('hex') });
const urlEntry = (entry: UrlEntry['entry']): UrlEntry => ({
  entry,
  generation: 'g1',
  contentType: 'application/json',
  maxAgeS: 60,
  route: '/v1/x',
});

test('answers, URLs and feature texts together stay within the one budget', () => {
  const cache = new ResponseCache(4 * MiB);
  for (let i = 0; i < 2000; i++) {
    const entry = cache.getText(`tile:${i}`, () => text(10_000));
    cache.rememberUrl(`/v1/zones/tiles/${i}`, urlEntry(entry));
    cache.rememberUrl(`/v1/zones/tiles/${i}.geojson?pad=${'x'.repeat(2000)}`, urlEntry(entry));
    cache.features.feature(testZone(`z${i}`, { type: 'Circle', center: [8, 47], radius_m: 100 }));
    assert.ok(cache.usage.bytes <= 4 * MiB, `${cache.usage.bytes} bytes after ${i + 1} answers`);
  }
  // The budget is used, not left empty by over-eager eviction.
  assert.ok(cache.usage.bytes > 3 * MiB, `${cache.usage.bytes}`);
});

test("an evicted answer's URLs go with it; a URL served from the index keeps its answer", () => {
  const cache = new ResponseCache(MiB);
  const hot = cache.getText('tile:hot', () => text(10_000));
  cache.rememberUrl('/hot', urlEntry(hot));
  const cold = cache.getText('tile:cold', () => text(10_000));
  cache.rememberUrl('/cold', urlEntry(cold));
  for (let i = 0; i < 500; i++) {
    cache.getText(`tile:${i}`, () => text(10_000));
    // The hot URL is asked all the time, only through the index (the route never sees it).
    assert.equal(cache.lookupUrl('/hot', 'g1')?.entry, hot);
  }
  assert.equal(cache.lookupUrl('/cold', 'g1'), undefined);
  assert.equal(
    cache.getText('tile:hot', () => 'rebuilt'),
    hot,
    'the hot answer was never evicted',
  );
  assert.equal(cache.lookupUrl('/hot', 'g2'), undefined, 'another airspace generation is a miss');
});

test('an answer too big for its share of the budget is sent but not kept, and not indexed', () => {
  const cache = new ResponseCache(64 * MiB);
  let builds = 0;
  const build = () => {
    builds++;
    return text(2.5 * MiB); // hex: ~1.3 MiB of gzip, over the 1 MiB share
  };
  const big = cache.getText('bbox:big', build);
  assert.ok(big.gzip.byteLength > 0, 'gzip is made when asked');
  cache.rememberUrl('/v1/zones?bbox=big', urlEntry(big));
  assert.equal(cache.lookupUrl('/v1/zones?bbox=big', 'g1'), undefined);
  cache.getText('bbox:big', build);
  assert.equal(builds, 2);
  assert.ok(cache.usage.bytes < MiB, `${cache.usage.bytes}`);
});

test('a big answer that compresses within its share is kept: the share is judged on what is kept (gzip)', () => {
  const cache = new ResponseCache(64 * MiB);
  let builds = 0;
  // ~1.3 MiB of zone-like JSON, ~1/10 of that in gzip: a zoom-10 tile over a busy airport.
  const build = () => {
    builds++;
    const features = Array.from({ length: 9000 }, (_, i) => ({
      type: 'Feature',
      id: `zone-${i}`,
      properties: { name: `CTR ${i % 97}`, lower_m: 0, upper_m: 1500 },
      geometry: { type: 'Point', coordinates: [8 + (i % 100) / 1000, 47 + i / 100_000] },
    }));
    return JSON.stringify({ type: 'FeatureCollection', features });
  };
  const big = cache.getText('tile:big', build);
  assert.ok(big.body.byteLength > MiB, `${big.body.byteLength} bytes of JSON`);
  cache.rememberUrl('/v1/zones/tiles/10/1/1', urlEntry(big));
  assert.equal(cache.lookupUrl('/v1/zones/tiles/10/1/1', 'g1')?.entry, big);
  assert.equal(cache.getText('tile:big', build), big);
  assert.equal(builds, 1);
});
