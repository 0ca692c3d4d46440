import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { summarize } from '../../model/index.ts';
import { sample } from '../../test-samples.ts';
import { parseULog } from './ulog-to-flight.ts';

function finiteCount(a: Float64Array): number {
  let n = 0;
  for (const v of a) if (Number.isFinite(v)) n++;
  return n;
}

describe('parseULog', () => {
  it('reads the old GPS schema (lat/lon int·1e-7, alt mm) and old sticks (x/y/z/r)', () => {
    const f = parseULog(sample('ulog/sample_log_small.ulg'));
    assert.ok(f.track.lat_deg.length > 0);
    // A real CubeOrange flight: latitude and AMSL altitude in range once scaled.
    for (const lat of f.track.lat_deg) assert.ok(Math.abs(lat) > 1 && Math.abs(lat) < 90);
    for (const alt of f.track.alt_amsl_m) assert.ok(alt > -500 && alt < 9000);
    assert.ok(finiteCount(f.samples.stick_throttle) > 0);
    for (const v of f.samples.stick_throttle) if (Number.isFinite(v)) assert.ok(v >= -1 && v <= 1);
    assert.equal(f.messages.vehicle_gps_position, 32);
  });

  it('reads the new GPS schema (latitude_deg, altitude_msl_m) and new sticks (roll/pitch/yaw/throttle)', () => {
    const f = parseULog(sample('ulog/sample_px4_events.ulg'));
    const s = summarize(f);
    assert.ok(f.track.lat_deg.length > 400);
    assert.ok(Math.abs(f.track.lat_deg[0] - 47.4) < 0.1, 'PX4 SITL home near Zurich');
    assert.ok(s.max_alt_amsl_m! > 480 && s.max_alt_amsl_m! < 500);
    assert.equal(s.start, '2024-03-18T14:49:10.346Z');
    assert.ok(s.max_alt_m! > 1.5 && s.max_alt_m! < 4, 'takes off to about 2.5 m');
    assert.deepEqual(
      f.modes.map((m) => m.mode),
      ['AUTO_LOITER', 'AUTO_TAKEOFF', 'AUTO_LOITER', 'AUTO_RTL', 'AUTO_LOITER'],
    );
    assert.ok(f.events.some((e) => e.kind === 'armed'));
    assert.ok(f.events.some((e) => e.kind === 'disarmed'));
  });

  it('keeps only fixes of type 3 or better', () => {
    const f = parseULog(sample('ulog/sample_logging_tagged_and_default_params.ulg'));
    // 31 raw fixes in the topic; the first ones before a 3D lock are dropped.
    assert.ok(f.track.lat_deg.length > 0 && f.track.lat_deg.length <= 31);
  });

  it('summarises a log without GPS honestly', () => {
    const s = summarize(parseULog(sample('ulog/sample.ulg')));
    assert.equal(s.duration_s, 68.993);
    assert.equal(s.distance_m, null);
    assert.equal(s.start, null);
    assert.equal(s.aircraft, 'AUAV_X21');
    assert.equal(s.messages.sensor_combined, 17_070);
    assert.match(s.warnings.join('\n'), /4 logging dropouts/);
    assert.match(s.warnings.join('\n'), /No valid GPS fix/);
  });

  it('does not expose the board uuid', () => {
    const f = parseULog(sample('ulog/sample_appended_multiple.ulg'));
    assert.ok(!JSON.stringify(summarize(f)).includes('0035002B3434511732343031'));
  });
});
