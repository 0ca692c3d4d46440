import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FlightLogError } from '../../errors.ts';
import { summarize } from '../../model/index.ts';
import { sample, seededBytes, within } from '../../test-samples.ts';
import { px4ModeName } from './px4-custom-mode.ts';
import { readTlog } from './read-tlog.ts';
import { parseTlog } from './tlog-to-flight.ts';
import { mavlinkCrc } from './x25-crc.ts';

const ALL = new Set([0, 1, 22, 24, 30, 33, 65, 74, 147, 253]);

/** The one v2 BATTERY_STATUS record of the capture, re-signed: incompat flag 1 + 13 signature bytes. */
function signedRecord(): Uint8Array {
  const src = sample('tlog/capture.mav2.battery_status.tlog').subarray(0, 56);
  const out = new Uint8Array(56 + 13);
  out.set(src);
  out[10] = 0x01; // MAVLINK_IFLAG_SIGNED
  const crc = mavlinkCrc(out, 9, 8 + 10 + 36, 154);
  out[54] = crc & 0xff;
  out[55] = crc >> 8;
  out.set(seededBytes(13, 9), 56);
  return out;
}

describe('readTlog', () => {
  it('vtol.tlog: counts every frame like pymavlink (23,894) and 799 GPS_RAW_INT', () => {
    const f = readTlog(sample('tlog/vtol.tlog'), ALL, () => {});
    assert.ok(f.frames >= 23_887 && f.frames <= 23_894, `frames ${f.frames}`);
    assert.equal(f.counts.get('GPS_RAW_INT'), 799);
    assert.equal(f.counts.get('PARAM_VALUE'), 1_147);
    assert.equal(f.crcErrors, 0);
  });

  it('decodes a MAVLink 2 frame, and a signed one, checking CRC_EXTRA', () => {
    let ids: number[] = [];
    const one = readTlog(sample('tlog/capture.mav2.battery_status.tlog'), ALL, (fr) => ids.push(fr.msgId));
    assert.deepEqual(ids, [147]);
    assert.equal(one.crcErrors, 0);
    ids = [];
    const r = signedRecord();
    const two = new Uint8Array(r.length * 2);
    two.set(r);
    two.set(r, r.length);
    const signed = readTlog(two, ALL, (fr) => ids.push(fr.msgId));
    assert.deepEqual(ids, [147, 147]);
    assert.deepEqual(signed.warnings, []);
  });

  it('skips garbage between records and names its offset; counts the CRC failures', () => {
    const bytes = sample('tlog/vtol.tlog');
    const broken = new Uint8Array(bytes.length + 500);
    broken.set(bytes.subarray(0, 400_000));
    broken.set(
      seededBytes(500, 21).map((b) => (b === 0xfe || b === 0xfd ? 0 : b)),
      400_000,
    );
    broken.set(bytes.subarray(400_000), 400_500);
    const f = readTlog(broken, ALL, () => {});
    assert.ok(f.frames >= 23_890, `frames ${f.frames}`);
    assert.match(f.warnings.join('\n'), /unreadable bytes at byte offset 400\d{3}/);
  });

  it('fails on bytes that are not a tlog', () => {
    assert.throws(() => readTlog(seededBytes(4096, 99), ALL, () => {}), FlightLogError);
  });
});

describe('parseTlog', () => {
  it('vtol.tlog: 1,827 m of valid track, modes and the firmware', () => {
    const f = parseTlog(sample('tlog/vtol.tlog'));
    const s = summarize(f);
    assert.ok(within(s.distance_m, 1_826.8, 0.01), `distance ${s.distance_m}`);
    assert.ok(within(s.duration_s, 207.6, 0.005));
    assert.equal(s.start?.slice(0, 10), '2018-08-08');
    assert.deepEqual(
      f.modes.map((m) => m.mode),
      ['QLOITER', 'CIRCLE', 'GUIDED', 'QLAND'],
    );
    assert.equal(s.app, 'ArduPlane V3.10.0-dev');
    assert.equal(f.track.lat_deg.length, f.messages.GPS_RAW_INT);
    for (const ch of ['stick_roll', 'stick_pitch', 'stick_yaw', 'stick_throttle'] as const) {
      assert.ok(f.samples[ch].some(Number.isFinite), ch);
    }
  });

  it('a one-frame v2 capture: battery read, no start (clock near epoch 0), no track', () => {
    const s = summarize(parseTlog(sample('tlog/capture.mav2.battery_status.tlog')));
    assert.equal(s.start, null);
    assert.equal(s.distance_m, null);
    assert.deepEqual(s.messages, { BATTERY_STATUS: 1 });
  });

  it('vtol.tlog: as many parameters as the vehicle says it has, and the ones the GCS set in flight', () => {
    const declared = new Set<number>();
    readTlog(sample('tlog/vtol.tlog'), new Set([22]), (fr) => {
      if (fr.sysId === 1) declared.add(fr.payload.getUint16(4, true)); // PARAM_VALUE.param_count
    });
    const { values, changes } = parseTlog(sample('tlog/vtol.tlog')).parameters;
    assert.deepEqual([...declared], [values.length]);
    assert.equal(values.find((p) => p.name === 'Q_ENABLE')?.value, 1, 'a QuadPlane');
    // MAVProxy sets its stream rates (SR0_*) after the first read.
    assert.ok(changes.length > 0 && changes.some((c) => c.name.startsWith('SR0_')));
  });

  it('names PX4 custom modes (main mode, AUTO sub mode) as the ULog importer does', () => {
    assert.equal(px4ModeName(3 << 16), 'POSCTL');
    assert.equal(px4ModeName((4 << 16) | (4 << 24)), 'AUTO_MISSION');
    assert.equal(px4ModeName((4 << 16) | (5 << 24)), 'AUTO_RTL');
    assert.equal(px4ModeName(6 << 16), 'OFFBOARD');
  });
});
