import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { concat } from '../../../bytes/index.ts';
import { detectFlightLogFormat } from '../../detect.ts';
import { FlightLogError } from '../../errors.ts';
import { parseFlightLog } from '../../parse-flight-log.ts';
import {
  encodeAirlockEnd,
  encodeAirlockEvent,
  encodeAirlockHeader,
  encodeAirlockInfo,
  encodeAirlockMode,
  encodeAirlockSamples,
} from './encode-airlock.ts';
import { AFLR_SAMPLE_FIELDS, type AirlockSample } from './index.ts';
import { readAirlockRecord } from './read-airlock.ts';

const START = Date.parse('2026-06-01T09:30:00Z');

function sampleAt(i: number): AirlockSample {
  const t = i / 10;
  return {
    t_ms: i * 100,
    lat_deg: 47.3769 + 0.00001 * t,
    lon_deg: 8.5417 - 0.000013 * t,
    alt_rel_m: Math.min(60, 2 * t),
    alt_amsl_m: 408 + Math.min(60, 2 * t),
    h_speed_mps: 5 + Math.sin(t),
    v_speed_mps: t < 30 ? 2 : 0,
    heading_deg: (350 + 3 * t) % 360,
    stick_roll: 0,
    stick_pitch: 0.5,
    stick_yaw: i % 50 === 0 ? 0.2 : 0,
    stick_throttle: t < 30 ? 0.6 : 0,
    battery_pct: 100 - t / 10,
    battery_v: Number.NaN,
    fix_ok: i < 5 ? 0 : 1,
  };
}

function flightBytes(n: number, chunk = 10): Uint8Array {
  const parts = [
    encodeAirlockHeader(),
    encodeAirlockInfo({ start_ms: START, aircraft: 'Test Quad', app: 'Airlock SDK test' }),
    encodeAirlockMode(0, 'MANUAL'),
  ];
  for (let i = 0; i < n; i += chunk) {
    parts.push(
      encodeAirlockSamples(Array.from({ length: Math.min(chunk, n - i) }, (_, k) => sampleAt(i + k))),
    );
  }
  parts.push(encodeAirlockEvent(1500, 'photo'), encodeAirlockEvent(2000, 'warning', 'Low battery: 20 %'));
  parts.push(encodeAirlockMode(2500, 'RTL'), encodeAirlockEnd((n - 1) * 100));
  return concat(...parts);
}

describe('Airlock flight record (AFLR)', () => {
  it('round-trips every field within its quantum, and is detected by its magic', () => {
    const bytes = flightBytes(600);
    assert.equal(detectFlightLogFormat(undefined, bytes), 'airlock');
    const c = readAirlockRecord(bytes);
    assert.deepEqual(c.warnings, []);
    assert.equal(c.samples.length, 600);
    for (let i = 0; i < 600; i++) {
      const want = sampleAt(i);
      const got = c.samples[i];
      assert.equal(got.t_ms, want.t_ms);
      for (const f of AFLR_SAMPLE_FIELDS) {
        if (Number.isNaN(want[f.name])) assert.ok(Number.isNaN(got[f.name]), f.name);
        else {
          // Heading 359.96 is stored as 0.0: compare on the circle.
          const d = Math.abs(got[f.name] - want[f.name]);
          assert.ok(Math.min(d, f.wrap ? 360 - d : d) <= 0.5 / f.scale + 1e-12, `${f.name} at ${i}`);
        }
      }
    }
    const { flight, summary } = parseFlightLog(bytes);
    assert.equal(flight.format, 'airlock');
    assert.equal(flight.start, '2026-06-01T09:30:00.000Z');
    assert.equal(flight.aircraft, 'Test Quad');
    assert.equal(flight.track.lat_deg.length, 595); // the first five samples had no fix
    assert.equal(summary.duration_s, 59.9);
    assert.equal(summary.max_alt_m, 60);
    assert.deepEqual(
      flight.events.map((e) => [e.t_s, e.kind, e.text]),
      [
        [1.5, 'photo', undefined],
        [2, 'warning', 'Low battery: 20 %'],
      ],
    );
    assert.deepEqual(flight.modes, [
      { t_s: 0, mode: 'MANUAL' },
      { t_s: 2.5, mode: 'RTL' },
    ]);
    assert.equal(flight.messages.sample, 600);
  });

  it('stops cleanly at a torn final record and names its offset', () => {
    const whole = flightBytes(100);
    const withoutEnd = whole.subarray(0, whole.length - encodeAirlockEnd(9900).length);
    for (const cut of [1, 5, 17, 40]) {
      const torn = withoutEnd.subarray(0, withoutEnd.length - cut);
      const c = readAirlockRecord(torn);
      assert.equal(c.warnings.length, 1, `cut ${cut}`);
      assert.ok(c.tornAt !== null && c.tornAt < torn.length);
      assert.match(c.warnings[0], new RegExp(`cut off at byte offset ${c.tornAt} `));
      assert.equal(c.readBytes, c.tornAt);
      const { flight } = parseFlightLog(torn);
      assert.ok(flight.track.lat_deg.length > 0);
    }
  });

  it('skips a damaged record to the next intact one; a file of zeros after a crash reads as torn', () => {
    const bytes = flightBytes(100).slice();
    const at = 200;
    bytes[at] ^= 0xff;
    const c = readAirlockRecord(bytes);
    assert.match(
      c.warnings.join('\n'),
      /Damaged bytes at byte offset \d+ \(0x[0-9a-f]+\): \d+ bytes skipped/,
    );
    assert.ok(c.samples.length >= 90 && c.samples.length < 100);
    assert.equal(c.end_ms, 9900);
    const zeros = concat(flightBytes(20), new Uint8Array(4096));
    const z = readAirlockRecord(zeros);
    assert.equal(z.samples.length, 20);
    assert.match(z.warnings.join(), /cut off at byte offset/);
  });

  it('refuses a wrong magic or a newer version, naming the offset', () => {
    const bytes = flightBytes(5);
    assert.throws(() => readAirlockRecord(bytes.subarray(1)), FlightLogError);
    const newer = bytes.slice();
    newer[4] = 9;
    assert.throws(() => parseFlightLog(newer, { format: 'airlock' }), /version 9 at byte offset 4/);
  });

  it('stays compact: a 10 Hz flight in 10-sample chunks takes under 24 bytes per sample', () => {
    const n = 6000;
    const perSample = (flightBytes(n, 10).length - flightBytes(0).length) / n;
    assert.ok(perSample < 24, `${perSample.toFixed(1)} bytes per sample`);
    console.log(`AFLR: ${perSample.toFixed(2)} bytes per sample`);
  });
});
