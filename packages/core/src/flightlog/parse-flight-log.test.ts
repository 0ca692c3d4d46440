import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectFlightLogFormat } from './detect.ts';
import { FlightLogError } from './errors.ts';
import { parseFlightLog } from './parse-flight-log.ts';
import { sample, seededBytes, within } from './test-samples.ts';

const CASES: [string, string][] = [
  ['ulog/sample.ulg', 'ulog'],
  ['ulog/sample_px4_events.ulg', 'ulog'],
  ['dataflash/log171.bin', 'dataflash'],
  ['dataflash/pymavlink_test.BIN', 'dataflash'],
  ['tlog/vtol.tlog', 'tlog'],
  ['tlog/capture.mav2.battery_status.tlog', 'tlog'],
  ['csv/airdata_air2s_2021-09-05.csv', 'airdata-csv'],
  ['gpx/airdata_mini2_2021-09-05.gpx', 'gpx'],
  ['kml/airdata_mini2_2021-09-05.kml', 'kml'],
  ['dji-txt/V132_DJIFlightRecord_2020-06-18_[19-01-24].txt', 'dji-txt'],
];

describe('detectFlightLogFormat', () => {
  for (const [path, format] of CASES) {
    it(`${path} → ${format}, with or without its name`, () => {
      const bytes = sample(path);
      assert.equal(detectFlightLogFormat(path, bytes), format);
      if (path.includes('capture')) return; // one frame + trailing bytes: only its name makes it a tlog
      assert.equal(detectFlightLogFormat(undefined, bytes), format);
    });
  }
});

describe('parseFlightLog', () => {
  it('gives the reference distances along the valid track', () => {
    const expect: [string, number][] = [
      ['dataflash/log171.bin', 405],
      ['tlog/vtol.tlog', 1_827],
      ['csv/airdata_mini2_2021-09-05.csv', 739],
      ['csv/airdata_air2s_2021-09-05.csv', 1_647],
    ];
    for (const [path, metres] of expect) {
      const { summary } = parseFlightLog(sample(path), { name: path });
      assert.ok(within(summary.distance_m, metres, 0.01), `${path}: ${summary.distance_m}`);
    }
  });

  it('returns the summary shape the CLI prints', () => {
    const { summary, warnings } = parseFlightLog(sample('tlog/vtol.tlog'));
    for (const key of [
      'format',
      'start',
      'duration_s',
      'distance_m',
      'max_alt_m',
      'max_speed_mps',
      'messages',
      'warnings',
    ]) {
      assert.ok(key in summary, key);
    }
    assert.equal(summary.messages.GPS_RAW_INT, 799);
    assert.deepEqual(warnings, summary.warnings);
    assert.doesNotThrow(() => JSON.stringify(summary));
  });

  it('imports truncated files partially with a warning, not an error', () => {
    for (const path of ['dataflash/backend_log_80k.bin', 'dataflash/pymavlink_test.BIN']) {
      assert.match(parseFlightLog(sample(path)).warnings.join('\n'), /truncated/);
    }
    const cut = sample('tlog/vtol.tlog').subarray(0, 500_001);
    const r = parseFlightLog(cut);
    assert.match(r.warnings.join('\n'), /truncated: the frame at byte offset \d+/);
    assert.ok(r.summary.distance_m! > 100);
  });

  it('fails on random bytes with a message that says what was expected', () => {
    for (const seed of [1, 2, 3]) {
      assert.throws(
        () => parseFlightLog(seededBytes(65_536, seed), { name: 'upload.bin' }),
        (e) =>
          e instanceof FlightLogError &&
          /Unrecognised flight log format for "upload\.bin"|byte offset \d+/.test(e.message),
      );
    }
    assert.throws(() => parseFlightLog(new Uint8Array(0)), /Unrecognised flight log format/);
  });

  it('turns a read past the end of a damaged header into a FlightLogError', () => {
    const bytes = sample('ulog/sample.ulg').subarray(0, 20);
    assert.throws(() => parseFlightLog(bytes), FlightLogError);
    const dji = sample('dji-txt/V132_DJIFlightRecord_2020-06-18_[19-01-24].txt').slice(0, 300);
    assert.throws(() => parseFlightLog(dji, { format: 'dji-txt' }), FlightLogError);
  });
});
