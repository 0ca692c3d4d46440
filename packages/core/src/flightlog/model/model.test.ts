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
import { diffParameters, MAX_PARAMETERS, shortestFloat32 } from './parameters.ts';
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

describe('flight parameters', () => {
  it('keeps the first value of each name, later different values as changes, and skips garbage', () => {
    const b = new FlightBuilder('dataflash');
    b.parameter('WPNAV_SPEED', 500, 0);
    b.parameter('ANGLE_MAX', 3000, 0.1);
    b.parameter('WPNAV_SPEED', 500, 10); // logged again, same value: no change
    b.parameter('WPNAV_SPEED', 800, 20);
    b.parameter('bad name', 1, 0);
    b.parameter('NAN_VALUE', Number.NaN, 0);
    b.parameterDefault('ANGLE_MAX', 4500);
    b.parameterDefault('WPNAV_SPEED', Number.NaN); // ArduPilot's "no default": not counted
    const f = b.build();
    assert.deepEqual(f.parameters.values, [
      { name: 'ANGLE_MAX', value: 3000, default: 4500 },
      { name: 'WPNAV_SPEED', value: 500, default: null },
    ]);
    assert.deepEqual(f.parameters.changes, [{ t_s: 20, name: 'WPNAV_SPEED', value: 800 }]);
    assert.match(f.warnings.join('\n'), /2 parameter records were skipped/);
  });

  it('caps the number of names a hostile file can make it keep', () => {
    const b = new FlightBuilder('dataflash');
    for (let i = 0; i <= MAX_PARAMETERS; i++) b.parameter(`P${i}`, i, 0);
    const f = b.build();
    assert.equal(f.parameters.values.length, MAX_PARAMETERS);
    assert.match(f.warnings.join('\n'), /1 parameter records were skipped/);
  });

  it('shows a float32 as its shortest decimal', () => {
    assert.equal(shortestFloat32(Math.fround(0.15)), 0.15);
    assert.equal(shortestFloat32(Math.fround(94144.53125)), 94144.53);
    assert.equal(shortestFloat32(Math.fround(1e-7)), 1e-7);
    assert.equal(shortestFloat32(3000), 3000);
  });

  it('diffs two flights: added, removed and changed, by name', () => {
    const p = (values: Array<[string, number]>) => ({
      values: values.map(([name, value]) => ({ name, value, default: null })),
      changes: [],
    });
    const d = diffParameters(
      p([
        ['A', 1],
        ['B', 2],
        ['C', 3],
      ]),
      p([
        ['B', 2],
        ['C', 4],
        ['D', 5],
      ]),
    );
    assert.deepEqual(d, {
      added: [{ name: 'D', value: 5 }],
      removed: [{ name: 'A', value: 1 }],
      changed: [{ name: 'C', from: 3, to: 4 }],
    });
    assert.deepEqual(diffParameters(vtol.parameters, vtol.parameters), {
      added: [],
      removed: [],
      changed: [],
    });
  });
});
