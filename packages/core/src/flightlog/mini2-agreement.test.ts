import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFlightLog } from './parse-flight-log.ts';
import { sample, within } from './test-samples.ts';

/** One DJI Mini 2 flight (2021-09-06 02:23:47Z) exported four ways; the importers must agree on it. */
const FILES = {
  csv: 'csv/airdata_mini2_2021-09-05.csv',
  gpx: 'gpx/airdata_mini2_2021-09-05.gpx',
  kml: 'kml/airdata_mini2_2021-09-05.kml',
  dji: 'dji-txt/DJIFlightRecord_2021-09-05_[19-23-47]_mini2.txt',
};

describe('the Mini 2 flight in CSV, GPX, KML and DJI .txt', () => {
  const s = Object.fromEntries(
    Object.entries(FILES).map(([k, path]) => [k, parseFlightLog(sample(path), { name: path }).summary]),
  );

  it('each file is detected as its own format', () => {
    assert.deepEqual(
      Object.values(s).map((x) => x.format),
      ['airdata-csv', 'gpx', 'kml', 'dji-txt'],
    );
  });

  it('agree on duration within 1 s (KML carries no time)', () => {
    for (const k of ['gpx', 'dji']) assert.ok(Math.abs(s[k].duration_s! - s.csv.duration_s!) <= 1, k);
    assert.equal(s.kml.duration_s, null);
  });

  it('agree on distance within 1 % (the thinned KML within 3 %)', () => {
    const ref = s.csv.distance_m!;
    assert.ok(within(ref, 739.1, 0.01));
    for (const k of ['gpx', 'dji']) assert.ok(within(s[k].distance_m, ref, 0.01), `${k} ${s[k].distance_m}`);
    assert.ok(within(s.kml.distance_m, ref, 0.03), `kml ${s.kml.distance_m}`);
  });

  it('agree on max height above take-off within 1 m', () => {
    for (const k of ['gpx', 'kml', 'dji']) assert.ok(Math.abs(s[k].max_alt_m! - s.csv.max_alt_m!) <= 1, k);
  });

  it('agree on the start time within 1 s', () => {
    for (const k of ['gpx', 'dji'])
      assert.ok(Math.abs(Date.parse(s[k].start!) - Date.parse(s.csv.start!)) <= 1000, k);
  });
});
