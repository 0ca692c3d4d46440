import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { circleFlight, djiTestRecord } from '../../../testing/index.ts';
import { parseFlightLog } from '../../parse-flight-log.ts';
import { within } from '../../test-samples.ts';

/**
 * Versions 1–12 from records written in the documented layout (testing/dji-txt.ts). The same writer's
 * files were read by dji-log-parser-js 0.5.7 for every version (counts, positions, details equal);
 * real files of v3, v4 and v8 are checked in dji-real-records.test.ts.
 */
const START = Date.UTC(2016, 4, 1, 10, 0, 0);
const FIXES = circleFlight(47.4, 8.55, 50, 5, 60);
const PATH_M = 5 * 59.9;

function record(version: number, extra: Partial<Parameters<typeof djiTestRecord>[0]> = {}): Uint8Array {
  return djiTestRecord({
    version,
    startMs: START,
    fixes: FIXES,
    stated: { distance: PATH_M, duration_s: 60, max_height_m: 30, max_speed_mps: 5 },
    ...extra,
  });
}

const parse = (bytes: Uint8Array) =>
  parseFlightLog(bytes, { name: 'DJIFlightRecord_2016-05-01_[12-00-00].txt' });

describe('DJI records v1–12: the track, without keys', () => {
  for (let version = 1; version <= 12; version++) {
    it(`v${version}: every OSD position at its time, distance, height, speed, summary`, () => {
      const { flight, summary, warnings } = parse(record(version));
      assert.equal(summary.format, 'dji-txt');
      assert.deepEqual(warnings, []);
      const { track } = flight;
      assert.equal(track.lat_deg.length, FIXES.length);
      for (const i of [0, 1, 299, FIXES.length - 1]) {
        assert.ok(Math.abs(track.lat_deg[i] - FIXES[i].lat_deg) < 1e-9, `lat ${i}`);
        assert.ok(Math.abs(track.lon_deg[i] - FIXES[i].lon_deg) < 1e-9, `lon ${i}`);
        assert.ok(Math.abs(track.t_s[i] - FIXES[i].t_s) < 0.0015, `t ${i}: ${track.t_s[i]}`);
      }
      assert.ok(within(summary.distance_m, PATH_M, 0.002), `distance ${summary.distance_m}`);
      assert.equal(summary.start, '2016-05-01T10:00:00.000Z');
      assert.equal(summary.duration_s, 59.9);
      assert.equal(summary.max_alt_m, 30);
      assert.ok(Math.abs(summary.max_speed_mps! - 5) <= 0.1, `speed ${summary.max_speed_mps}`);
      assert.ok(within(summary.max_distance_from_home_m, 100, 0.001));
      assert.equal(summary.battery_used_pct, 59);
      assert.equal(summary.aircraft, 'DJI Phantom 3 Advanced');
      assert.equal(summary.app, 'DJI app 2.5.1');
      assert.equal(summary.messages.OSD, FIXES.length);
      assert.equal(summary.messages.Custom, FIXES.length);
      assert.deepEqual(flight.modes, [{ t_s: 0, mode: 'P-GPS' }]);
      assert.deepEqual(flight.events, [{ t_s: 0, kind: 'info', text: 'Home point recorded' }]);
    });
  }

  it('climb is positive up (DJI velocity is NED) and the heading runs 0..360', () => {
    const { samples } = parse(record(8)).flight;
    const i = samples.t_s.indexOf(10);
    assert.equal(samples.v_speed_mps[i], 1);
    assert.equal(samples.alt_rel_m[i], 10);
    for (const h of samples.heading_deg) assert.ok(h >= 0 && h < 360, `heading ${h}`);
  });

  it('v7–12 records are scrambled (the plain OSD bytes are nowhere in the file); v1–6 are not', () => {
    const lon = new Uint8Array(new Float64Array([FIXES[5].lon_deg * (Math.PI / 180)]).buffer);
    const has = (b: Uint8Array) => Buffer.from(b).includes(Buffer.from(lon));
    assert.equal(has(record(6)), true);
    for (const v of [7, 10, 12]) assert.equal(has(record(v)), false, `v${v}`);
  });

  it('without the app clock (no Custom records), times follow the 10 Hz OSD rate', () => {
    const { flight, summary } = parse(record(9, { noClock: true }));
    assert.equal(flight.track.t_s[10], 1);
    assert.equal(summary.start, '2016-05-01T10:00:00.000Z');
    assert.equal(summary.duration_s, 59.9);
  });

  it('positions without a valid GPS fix stay out of the track, and the report says how many', () => {
    const fixes = FIXES.map((f, i) => (i >= 100 && i < 120 ? { ...f, gpsValid: false } : f));
    const { flight, warnings } = parse(record(10, { fixes }));
    assert.equal(flight.track.lat_deg.length, FIXES.length - 20);
    assert.ok(warnings.some((w) => w.startsWith('20 OSD records without a valid GPS fix')));
  });

  it('a DJI GO summary distance in the wrong unit is called out against the track', () => {
    const { summary } = parse(
      record(11, { stated: { distance: 0.3, duration_s: 60, max_height_m: 30, max_speed_mps: 5 } }),
    );
    assert.ok(within(summary.distance_m, PATH_M, 0.002));
    assert.ok(summary.warnings.some((w) => /over 3 times the distance the file states \(0\.3 m\)/.test(w)));
  });

  it('a summary distance the flight could not have covered is dropped with a warning', () => {
    const bytes = record(12, {
      fixes: [],
      stated: { distance: 5000, duration_s: 60, max_height_m: 30, max_speed_mps: 5 },
    });
    const { summary } = parse(bytes);
    assert.equal(summary.distance_m, null);
    assert.ok(summary.warnings.some((w) => /distance 5000 is not plausible/.test(w)));
  });
});
