import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FlightLogError } from './errors.ts';
import { readDataFlash } from './formats/dataflash/index.ts';
import {
  FLIGHT_LIMITS,
  FlightBuilder,
  flightToCsv,
  flightToGeoJSON,
  flightToGpx,
  flightToKml,
} from './model/index.ts';
import { parseFlightLog } from './parse-flight-log.ts';
import { sample, sampleText } from './test-samples.ts';

/** pymavlink_test.BIN with every TimeUS after `from` set to all ones, as a corrupt clock writes them. */
function maxedTimestamps(from: number): Uint8Array {
  const bytes = sample('dataflash/pymavlink_test.BIN').slice();
  readDataFlash(bytes, {
    subscribe: (f) => {
      const ts = f.byName.get('TimeUS');
      return ts && ((_v, r) => r >= from && bytes.fill(0xff, r + ts.offset, r + ts.offset + 8));
    },
  });
  return bytes;
}

const exportsOf = (bytes: Uint8Array) => {
  const { flight } = parseFlightLog(bytes, { name: 'maxed.bin' });
  return [
    flightToCsv(flight),
    flightToGpx(flight),
    flightToKml(flight),
    JSON.stringify(flightToGeoJSON(flight)),
  ];
};

describe('absurd values in a log that imports', () => {
  it('drops DataFlash records with maxed timestamps, with a warning, and every export works', () => {
    const { summary, warnings } = parseFlightLog(maxedTimestamps(30_000), { name: 'maxed.bin' });
    // Before: duration_s 18446744073627.8 and export.csv threw "RangeError: Invalid time value".
    assert.ok(
      summary.duration_s !== null && summary.duration_s <= FLIGHT_LIMITS.maxSpanS,
      `${summary.duration_s}`,
    );
    assert.match(warnings.join('\n'), /timestamps more than 7 days .* dropped \(corrupt clock\)/);
    assert.match(warnings.join('\n'), /duration of 1844\d+\.\d+ s, which is not plausible/);
    assert.doesNotThrow(() => exportsOf(maxedTimestamps(30_000)));
  });

  it('refuses a DataFlash log whose every timestamp is maxed once nothing plausible is left', () => {
    const bytes = maxedTimestamps(0);
    const parsed = parseFlightLog(bytes, { name: 'maxed.bin' });
    // t = 0 is the first (maxed) record, so the rest are within the window: the flight is kept whole
    // and its duration is plausible.
    assert.ok(parsed.summary.duration_s !== null && parsed.summary.duration_s >= 0);
    assert.doesNotThrow(() => exportsOf(bytes));
  });

  it('holds the builder to the limits: NaN, ±Infinity, negative durations, years outside 1990–2100', () => {
    const b = new FlightBuilder('gpx');
    b.start = '2250-01-01T00:00:00.000Z';
    b.duration_s = -5;
    b.addFix(0, 47.1, 8.5, Number.POSITIVE_INFINITY);
    b.addFix(Number.POSITIVE_INFINITY, 47.2, 8.6, 400);
    b.addFix(10, 47.3, 8.7, 1e30);
    b.sample('h_speed_mps', 5, Number.NEGATIVE_INFINITY);
    b.sample('battery_v', 1e12, 12);
    b.event(Number.NEGATIVE_INFINITY, 'photo');
    b.stated = { distance_m: Number.NaN, max_speed_mps: 1e300 };
    const f = b.build();
    assert.equal(f.start, null);
    assert.equal(f.duration_s, 10);
    assert.equal(f.track.t_s.length, 2);
    assert.ok(f.track.alt_amsl_m.every(Number.isNaN));
    assert.equal(f.events.length, 0);
    assert.deepEqual(f.stated, {});
    const text = f.warnings.join('\n');
    for (const w of [
      /start time .* not a plausible date/,
      /duration of -5 s/,
      /3 records with timestamps/,
      /2 alt_amsl_m values/,
      /h_speed_mps/,
      /distance_m, max_speed_mps/,
    ])
      assert.match(text, w);
    assert.doesNotThrow(() => [flightToCsv(f), flightToGpx(f), flightToKml(f), flightToGeoJSON(f)]);
  });

  it('keeps two samples a week apart from becoming a 6-million-row grid', () => {
    const b = new FlightBuilder('airlock');
    b.sample('alt_rel_m', 0, 1);
    b.sample('alt_rel_m', FLIGHT_LIMITS.maxSpanS, 2);
    assert.ok(b.build().samples.t_s.length <= 256);
  });
});

describe('files with no flight data', () => {
  const csvHeader = `${sampleText('csv/airdata_mini2_2021-09-05.csv').split('\n')[0]}\n`;
  const cases: [string, Uint8Array | string][] = [
    ['a 16-byte ULog header', sample('ulog/sample.ulg').subarray(0, 16)],
    ['a 9-byte DataFlash header', sample('dataflash/log171.bin').subarray(0, 9)],
    ['<gpx></gpx>', '<gpx></gpx>'],
    ['a header-only Airdata CSV', csvHeader],
    ['a KML without coordinates', '<kml><Document></Document></kml>'],
  ];
  for (const [what, bytes] of cases) {
    it(`refuses ${what} with a FlightLogError that says so`, () => {
      assert.throws(
        () => parseFlightLog(bytes, { name: what.includes('CSV') ? 'x.csv' : undefined }),
        (e) => e instanceof FlightLogError && /^No flight data: /.test(e.message),
      );
    });
  }

  it('still re-reads such a file when asked not to require flight data (logs stored before the rule)', () => {
    const { summary } = parseFlightLog('<gpx></gpx>', { requireFlightData: false });
    assert.equal(summary.distance_m, null);
  });
});
