import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { summarize } from '../../model/index.ts';
import { sample } from '../../test-samples.ts';
import { readULog } from './read-ulog.ts';
import { parseULog } from './ulog-to-flight.ts';

/**
 * An independent reading of a ULog's parameter messages, written here from the format's definition
 * (docs.px4.io, "ULog File Format") and sharing no code with the reader: after the 16-byte header every
 * message is uint16 size, uint8 type, then `size` bytes. 'P' is uint8 key_len, "type name", value;
 * 'Q' puts a uint8 default_types before that. The data section starts at the first 'A'. Only for
 * intact files (no sync recovery, no appended data).
 */
function rawParameters(bytes: Uint8Array) {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const initial = new Map<string, number>();
  const changed: Array<[string, number]> = [];
  const systemDefaults = new Map<string, number>();
  let inData = false;
  const entry = (at: number, end: number): [string, number] => {
    const len = bytes[at];
    const [type, name] = new TextDecoder().decode(bytes.subarray(at + 1, at + 1 + len)).split(' ');
    const value = type === 'float' ? v.getFloat32(at + 1 + len, true) : v.getInt32(at + 1 + len, true);
    assert.ok(type === 'float' || type === 'int32_t', type);
    assert.equal(end - (at + 1 + len), 4);
    return [name, value];
  };
  for (let pos = 16; pos + 3 <= bytes.length; ) {
    const size = v.getUint16(pos, true);
    const type = String.fromCharCode(bytes[pos + 2]);
    const end = pos + 3 + size;
    if (end > bytes.length) break;
    if (type === 'A') inData = true;
    if (type === 'P') {
      const [name, value] = entry(pos + 3, end);
      if (inData) changed.push([name, value]);
      else initial.set(name, value);
    }
    if (type === 'Q' && (bytes[pos + 3] & 1) !== 0) systemDefaults.set(...entry(pos + 4, end));
    pos = end;
  }
  return { initial, changed, systemDefaults };
}

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

  it('reads the parameters, their in-flight changes and defaults as a plain walk of the messages does', () => {
    for (const name of [
      'sample.ulg',
      'sample_px4_events.ulg',
      'sample_logging_tagged_and_default_params.ulg',
    ]) {
      const bytes = sample(`ulog/${name}`);
      const raw = rawParameters(bytes);
      const { values } = parseULog(bytes).parameters;
      assert.equal(values.length, raw.initial.size, name);
      for (const p of values) {
        assert.equal(Math.fround(p.value), Math.fround(raw.initial.get(p.name)!), `${name} ${p.name}`);
        const d = raw.systemDefaults.get(p.name);
        assert.equal(
          p.default === null ? undefined : Math.fround(p.default),
          d === undefined ? d : Math.fround(d),
        );
      }
    }
    const f = parseULog(sample('ulog/sample.ulg'));
    // 6 'P' messages after logging started (SOURCES.md: "6 changed parameters"), 4 of them a new value.
    assert.equal(rawParameters(sample('ulog/sample.ulg')).changed.length, 6);
    assert.equal(readULog(sample('ulog/sample.ulg')).changedParams.length, 6);
    assert.deepEqual(
      f.parameters.changes.map((c) => `${c.name}=${c.value}`),
      ['COM_AUTOS_PAR=0', 'COM_AUTOS_PAR=1', 'COM_AUTOS_PAR=0', 'COM_AUTOS_PAR=1'],
    );
    assert.ok(
      f.parameters.changes.every((c, i, a) => c.t_s > 40 && c.t_s < 69 && (i === 0 || c.t_s >= a[i - 1].t_s)),
    );
    const byName = new Map(f.parameters.values.map((p) => [p.name, p]));
    assert.equal(byName.get('ATT_BIAS_MAX')?.value, 0.05, 'a float32 shown as its shortest decimal');
    const tagged = parseULog(sample('ulog/sample_px4_events.ulg')).parameters.values;
    assert.ok(tagged.filter((p) => p.default !== null).length >= 50, 'the defaults PX4 logs with Q');
  });
});
