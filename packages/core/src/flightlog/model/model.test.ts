import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseGpx } from '../formats/gpx/index.ts';
import { parseKml } from '../formats/kml/index.ts';
import { parseTlog } from '../formats/tlog/index.ts';
import { sample, within } from '../test-samples.ts';
import { downsampleTrack } from './downsample-track.ts';
import { flightToCsv } from './export-csv.ts';
import { flightToGeoJSON } from './export-geojson.ts';
import { flightToGpx } from './export-gpx.ts';
import { flightToKml } from './export-kml.ts';
import { FlightBuilder } from './flight-builder.ts';
import { summarize } from './summarize.ts';
import { trackDistance } from './track-distance.ts';

const vtol = parseTlog(sample('tlog/vtol.tlog'));

describe('flight model', () => {
  it('drops 0,0 and out-of-range fixes before distances', () => {
    const b = new FlightBuilder('gpx');
    b.addFix(0, 47, 8, 500);
    b.addFix(1, 0, 0, 0);
    b.addFix(2, 95, 8, 0);
    b.addFix(3, 47.001, 8, 500);
    const f = b.build();
    assert.equal(f.track.lat_deg.length, 2);
    assert.ok(within(trackDistance(f), 111.2, 0.001));
  });

  it('puts channels of different rates on one grid, without holding across long gaps', () => {
    const b = new FlightBuilder('ulog');
    for (let i = 0; i <= 1000; i++) b.sample('heading_deg', i / 100, 90);
    b.sample('battery_pct', 0, 100);
    b.sample('battery_pct', 1, 99);
    const f = b.build({ sampleRateHz: 10 });
    assert.equal(f.samples.t_s.length, 101);
    assert.equal(f.samples.battery_pct[15], 99);
    assert.ok(Number.isNaN(f.samples.battery_pct[100]), 'not held 9 s past its last sample');
    assert.equal(summarize(f).battery_used_pct, 1);
  });

  it('downsamples to the budget, keeps both ends and the shape', () => {
    const small = downsampleTrack(vtol, 100);
    assert.equal(small.lat_deg.length, 100);
    assert.equal(small.t_s[0], vtol.track.t_s[0]);
    assert.equal(small.t_s[99], vtol.track.t_s.at(-1));
    assert.ok(within(trackDistance(small), trackDistance(vtol), 0.05));
    for (let i = 1; i < small.t_s.length; i++) assert.ok(small.t_s[i] > small.t_s[i - 1]);
  });
});

describe('exports', () => {
  it('GeoJSON: a LineString of [lon, lat, alt] and event points', () => {
    const g = flightToGeoJSON(vtol, { maxPoints: 500 });
    const line = g.features[0] as { geometry: { type: string; coordinates: number[][] } };
    assert.equal(line.geometry.type, 'LineString');
    assert.equal(line.geometry.coordinates.length, 500);
    assert.equal(line.geometry.coordinates[0].length, 3);
    assert.ok(g.features.length > 1);
  });

  it('CSV: units in the header, one row per sample, the mode in force', () => {
    const csv = flightToCsv(vtol).trim().split('\n');
    assert.match(csv[0], /^time_s,time_utc,lat_deg,lon_deg,alt_rel_m,alt_amsl_m,h_speed_mps,/);
    assert.equal(csv.length, vtol.samples.t_s.length + 1);
    assert.match(csv[1000], /,QLOITER|,CIRCLE|,GUIDED|,QLAND$/);
  });

  it('GPX and KML exports read back to the same track', () => {
    const gpx = parseGpx(flightToGpx(vtol));
    assert.ok(within(summarize(gpx).distance_m, summarize(vtol).distance_m!, 0.001));
    // GPX starts at its first point, which is the first valid fix.
    assert.equal(Date.parse(gpx.start!), Date.parse(vtol.start!) + Math.round(vtol.track.t_s[0] * 1000));
    const kml = parseKml(flightToKml(vtol, { maxPoints: 2000 }));
    assert.equal(kml.track.lat_deg.length, 799);
    assert.ok(within(summarize(kml).max_alt_amsl_m, summarize(vtol).max_alt_amsl_m!, 0.001));
  });
});
