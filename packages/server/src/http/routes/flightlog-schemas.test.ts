// The response schemas of /track, /series and the GeoJSON export describe what the routes really send:
// real logs of several formats, put through the same functions the import and export use, must parse
// and come out of the schema unchanged (zod would drop a key the schema does not know).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { flightToGeoJSON, parseFlightLog } from '@airlock/core';
import { buildChartSeries } from '../../flightlogs/chart-series.ts';
import { TRACK_POINTS } from '../../flightlogs/index.ts';
import { seriesSchema, trackSchema } from './flightlog-schemas.ts';

const LOGS = new URL('../../../../../../shared/data/flightlogs/', import.meta.url);
const files = [
  'ulog/sample_px4_events.ulg',
  'ulog/sample.ulg', // no GPS fix: no track feature, events only
  'dataflash/log171.bin',
  'gpx/airdata_mini2_2021-09-05.gpx',
];

for (const file of files) {
  test(`track, series and GeoJSON export of ${file} match their schemas`, () => {
    const bytes = new Uint8Array(readFileSync(new URL(file, LOGS)));
    const { flight } = parseFlightLog(bytes, { name: file });
    for (const track of [flightToGeoJSON(flight, { maxPoints: TRACK_POINTS }), flightToGeoJSON(flight)]) {
      const json = JSON.parse(JSON.stringify(track));
      assert.deepEqual(trackSchema.parse(json), json);
    }
    const series = JSON.parse(JSON.stringify(buildChartSeries(flight.samples)));
    assert.deepEqual(seriesSchema.parse(series), series);
  });
}

test('the schemas refuse what the console could not draw', () => {
  const line = { type: 'LineString', coordinates: [[8.5, 47.4, 480]] };
  const props = { kind: 'track', format: 'ulog', start: null, duration_s: 1, times_s: [0] };
  const ok = {
    type: 'FeatureCollection',
    features: [{ type: 'Feature', geometry: line, properties: props }],
  };
  assert.ok(trackSchema.safeParse(ok).success);
  const noLat = structuredClone(ok);
  noLat.features[0].geometry.coordinates = [[8.5]];
  assert.equal(trackSchema.safeParse(noLat).success, false);
  const badKind = { ...ok, features: [{ ...ok.features[0], properties: { kind: 'selfie', t_s: 1 } }] };
  assert.equal(trackSchema.safeParse(badKind).success, false);
  assert.equal(
    seriesSchema.safeParse({ step_s: 1, t_s: [0], channels: { alt_rel_m: ['high'] } }).success,
    false,
  );
});
