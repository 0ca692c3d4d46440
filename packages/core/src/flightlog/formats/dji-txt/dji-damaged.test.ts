import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { distanceM } from '../../../geo/index.ts';
import { circleFlight, djiTestRecord } from '../../../testing/index.ts';
import { FlightLogError } from '../../errors.ts';
import { parseFlightLog } from '../../parse-flight-log.ts';
import { seededBytes } from '../../test-samples.ts';

/** Cut and damaged v1–12 records: what comes before the damage is imported, and the report says where. */
const START = Date.UTC(2017, 8, 21, 19, 37, 52);
const FIXES = circleFlight(28.92, -81.93, 40, 4, 30);
const record = (version: number) =>
  djiTestRecord({
    version,
    startMs: START,
    fixes: FIXES,
    stated: { distance: 119.6, duration_s: 30, max_height_m: 30, max_speed_mps: 4 },
  });
const parse = (bytes: Uint8Array) =>
  parseFlightLog(bytes, { name: 'DJIFlightRecord_2017-09-21_[15-37-52].txt' });

/** Every fix lies on the flown circle: damage never turns into a made-up position. */
function onTheCircle(lat: Float64Array, lon: Float64Array): boolean {
  const cLat = 28.92;
  const cLon = -81.93 + 40 / ((Math.PI / 180) * 6_371_008.8 * Math.cos((cLat * Math.PI) / 180));
  return lat.every((la, i) => Math.abs(distanceM(cLon, cLat, lon[i], la) - 40) < 0.5);
}

describe('DJI records v1–12: cut off or damaged', () => {
  for (const version of [4, 8, 11]) {
    it(`v${version} cut inside its records: the fixes before the cut, the details named as missing`, () => {
      const bytes = record(version);
      const { flight, summary, warnings } = parse(bytes.subarray(0, Math.floor(bytes.length * 0.6)));
      const n = flight.track.lat_deg.length;
      assert.ok(n > 100 && n < FIXES.length, `fixes ${n}`);
      assert.ok(onTheCircle(flight.track.lat_deg, flight.track.lon_deg));
      assert.ok(
        warnings.some((w) => /details block at byte offset \d+ .* lies past the end of the file/.test(w)),
      );
      assert.ok(
        warnings.some((w) => /truncated: the record at byte offset \d+/.test(w)),
        warnings.join('\n'),
      );
      // The app's clock still gives the start; the aircraft and the stated figures are unknown.
      assert.equal(summary.start, '2017-09-21T19:37:52.000Z');
      assert.equal(summary.aircraft, null);
      assert.ok(summary.distance_m! > 50);
    });
  }

  it('v12 (details first) cut inside its records keeps its summary and the fixes before the cut', () => {
    const bytes = record(12);
    const { flight, summary, warnings } = parse(bytes.subarray(0, bytes.length - 5000));
    assert.ok(flight.track.lat_deg.length < FIXES.length);
    assert.equal(summary.aircraft, 'DJI Phantom 3 Advanced');
    assert.ok(warnings.some((w) => /truncated/.test(w)));
  });

  for (const version of [3, 9]) {
    it(`v${version} with 40 bytes overwritten mid-file: framing found again, the rest read`, () => {
      const bytes = record(version).slice();
      const at = Math.floor(bytes.length / 2);
      bytes.set(seededBytes(40, version), at);
      const { flight, warnings } = parse(bytes);
      const n = flight.track.lat_deg.length;
      assert.ok(n >= FIXES.length - 3 && n < FIXES.length, `fixes ${n}`);
      assert.ok(onTheCircle(flight.track.lat_deg, flight.track.lon_deg));
      assert.ok(
        warnings.some((w) => /framing lost at byte offset \d+ .*: \d+ bytes in all were skipped/.test(w)),
      );
    });
  }

  it('random damage and cuts in every version: an import or a FlightLogError, nothing else', () => {
    let imported = 0;
    for (let version = 1; version <= 12; version++) {
      const clean = record(version);
      for (let seed = 1; seed <= 25; seed++) {
        const noise = seededBytes(64, seed * 31 + version);
        const bytes = clean.slice(0, clean.length - noise[0] * 40);
        for (let k = 0; k < 8; k++)
          bytes[((noise[2 * k + 1] << 8) | noise[2 * k + 2]) % bytes.length] = noise[k + 20];
        try {
          const { flight } = parse(bytes);
          imported++;
          assert.ok(flight.track.lat_deg.every((la) => la >= -90 && la <= 90));
        } catch (e) {
          assert.ok(e instanceof FlightLogError, `v${version} seed ${seed}: ${e}`);
        }
      }
    }
    assert.ok(imported > 250, `imported ${imported} of 300`);
  });
});
