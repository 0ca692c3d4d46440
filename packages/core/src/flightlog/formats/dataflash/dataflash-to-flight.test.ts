import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { summarize } from '../../model/index.ts';
import { sample, sampleText, within } from '../../test-samples.ts';
import { parseDataFlash } from './dataflash-to-flight.ts';

describe('parseDataFlash', () => {
  it('log171.bin: the valid GPS path is 405 m (dronekit-la 405.04 m)', () => {
    const f = parseDataFlash(sample('dataflash/log171.bin'));
    const s = summarize(f);
    assert.ok(within(s.distance_m, 405.04, 0.01), `distance ${s.distance_m}`);
    assert.ok(within(s.max_distance_from_home_m, 82.98, 0.01), `max from home ${s.max_distance_from_home_m}`);
    assert.ok(within(s.duration_s, 242.6, 0.005));
    assert.equal(s.start?.slice(0, 10), '2015-11-21');
    assert.equal(s.app, 'APM:Copter V3.3-dev');
    assert.equal(s.aircraft, 'QUAD frame, PX4v2');
    assert.deepEqual(
      f.modes.map((m) => m.mode),
      ['LOITER', 'ACRO'],
    );
    assert.ok(f.events.some((e) => e.kind === 'armed'));
  });

  it('cuts the board serial out of boot messages', () => {
    const f = parseDataFlash(sample('dataflash/log171.bin'));
    const texts = f.events.map((e) => e.text ?? '').join('\n');
    assert.match(texts, /PX4v2 \[serial\]/);
    assert.doesNotMatch(texts, /PX4v2 [0-9A-F]{8}/);
  });

  it('normalises RCIN to sticks in -1..1 and reads the battery', () => {
    const f = parseDataFlash(sample('dataflash/log171.bin'));
    let seen = 0;
    for (const ch of ['stick_roll', 'stick_pitch', 'stick_yaw', 'stick_throttle'] as const) {
      for (const v of f.samples[ch]) {
        if (!Number.isFinite(v)) continue;
        seen++;
        assert.ok(v >= -1 && v <= 1);
      }
    }
    assert.ok(seen > 1000);
    const volts = f.samples.battery_v.filter(Number.isFinite);
    assert.ok(volts.length > 0 && volts.every((v) => v > 10 && v < 17), 'a 4S pack in volts');
  });

  it('imports truncated logs partially, with a warning', () => {
    for (const file of ['backend_log_80k.bin', 'pymavlink_test.BIN']) {
      const f = parseDataFlash(sample(`dataflash/${file}`));
      assert.ok(f.track.lat_deg.length > 0, file);
      assert.match(f.warnings.join('\n'), /truncated/);
    }
    assert.equal(parseDataFlash(sample('dataflash/pymavlink_test.BIN')).app, 'ArduPlane V3.8.2-dev');
  });

  it("pymavlink_test.BIN: every PARM as pymavlink's mavlogdump reads it (its published expected output)", () => {
    const expected = new Map<string, number>();
    const text = sampleText('reference-outputs/pymavlink_test.BIN.mavlogdump.expected.txt');
    for (const m of text.matchAll(/PARM \{TimeUS : \d+, Name : (\S+), Value : (\S+)\}/g))
      expected.set(m[1], Number(m[2]));
    assert.equal(expected.size, 809);
    const { values, changes } = parseDataFlash(sample('dataflash/pymavlink_test.BIN')).parameters;
    assert.equal(values.length, expected.size);
    // mavlogdump prints the float32 widened to a double; we keep its shortest decimal: the same float.
    for (const p of values) assert.equal(Math.fround(p.value), Math.fround(expected.get(p.name)!), p.name);
    assert.equal(values.find((p) => p.name === 'GND_ABS_PRESS')?.value, 94144.53);
    assert.equal(values.find((p) => p.name === 'FLTMODE1')?.value, 10);
    assert.deepEqual(changes, []);
  });

  it('backend_log_80k.bin: 1,077 parameters with the defaults ArduPilot 4.6 logs beside them', () => {
    const { values } = parseDataFlash(sample('dataflash/backend_log_80k.bin')).parameters;
    assert.equal(values.length, 1_077);
    assert.ok(values.every((p) => p.default !== null));
    const changed = values.filter((p) => p.value !== p.default);
    assert.ok(changed.length > 100 && changed.length < 400, `${changed.length} non-default`);
  });
});
