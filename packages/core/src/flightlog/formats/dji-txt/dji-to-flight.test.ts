import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { djiTestRecord } from '../../../testing/index.ts';
import { detectFlightLogFormat } from '../../detect.ts';
import { FlightLogError } from '../../errors.ts';
import { summarize } from '../../model/index.ts';
import { parseFlightLog } from '../../parse-flight-log.ts';
import { sample } from '../../test-samples.ts';
import { readDjiLayout } from './dji-layout.ts';
import { DJI_KEY_NOTICE, parseDjiTxt } from './dji-to-flight.ts';

const MINI2 = 'dji-txt/DJIFlightRecord_2021-09-05_[19-23-47]_mini2.txt';
const V132 = 'dji-txt/V132_DJIFlightRecord_2020-06-18_[19-01-24].txt';

describe('parseDjiTxt', () => {
  it('reads the v14 details offline: time, duration, distance (km in DJI Fly files), height, speed', () => {
    const layout = readDjiLayout(sample(MINI2));
    assert.equal(layout.version, 14);
    assert.equal(layout.details?.totalTimeS, 1254.4);
    assert.ok(Math.abs(layout.details!.totalDistanceRaw - 0.739) < 0.001);
    const s = summarize(parseDjiTxt(sample(MINI2)));
    assert.equal(s.start, '2021-09-06T02:23:47.611Z');
    assert.equal(s.duration_s, 1254.4);
    assert.ok(Math.abs(s.distance_m! - 739.1) < 1);
    assert.equal(s.max_alt_m, 117);
    assert.equal(s.max_speed_mps, 8.1);
    assert.equal(s.aircraft, 'DJI Mini 2');
    assert.equal(s.app, 'DJI Fly 1.4.8');
    assert.equal(s.messages.OSD, 11_609, 'one OSD record per CSV row');
    assert.equal(s.messages.JPEG, 8, 'the thumbnails after the end mark');
    assert.equal(parseDjiTxt(sample(MINI2)).track.lat_deg.length, 0, 'no track without the keys');
  });

  it('says clearly that the full decode needs a key from DJI and is off', () => {
    const s = summarize(parseDjiTxt(sample(MINI2)));
    assert.ok(s.warnings.includes(DJI_KEY_NOTICE));
    assert.match(DJI_KEY_NOTICE, /operator-supplied DJI API key/);
    assert.match(DJI_KEY_NOTICE, /off by default/);
  });

  it('older DJI app: metres; exposes the model, never the user-given name or serials', () => {
    const s = summarize(parseDjiTxt(sample(V132)));
    assert.ok(Math.abs(s.distance_m! - 170.44) < 0.01);
    assert.equal(s.aircraft, 'DJI Phantom 4 Pro V2');
    const json = JSON.stringify(parseDjiTxt(sample(V132)));
    assert.doesNotMatch(json, /瞿|无人机/, 'the user-given aircraft name stays out');
  });

  it('fails on a file too short for the prefix', () => {
    assert.throws(() => parseDjiTxt(new Uint8Array(50)), FlightLogError);
  });
});

describe('parseDjiTxt: units from the app, old versions', () => {
  it('DJI Pilot (enterprise) records store km, like DJI Fly: 0.739 is 739 m, not 0.74 m', () => {
    const bytes = sample(MINI2).slice();
    const view = new DataView(bytes.buffer);
    const versionBlock = 103 + view.getUint16(101, true);
    assert.equal(bytes[versionBlock], 1);
    bytes[versionBlock + 5] = 7; // the department: DJI Pilot
    const s = summarize(parseDjiTxt(bytes));
    assert.equal(s.app, 'DJI Pilot 1.4.8');
    assert.ok(Math.abs(s.distance_m! - 739.1) < 1, `distance ${s.distance_m}`);
  });

  it('version 4 (2015): 12-byte prefix, details after the records and the thumbnails', () => {
    const bytes = djiTestRecord({
      version: 4,
      startMs: Date.UTC(2015, 11, 29, 18, 5, 48),
      fixes: [],
      stated: { distance: 1482, duration_s: 300, max_height_m: 60, max_speed_mps: 12 },
    });
    assert.equal(detectFlightLogFormat(undefined, bytes), 'dji-txt');
    const s = summarize(parseDjiTxt(bytes));
    assert.equal(s.start, '2015-12-29T18:05:48.000Z');
    assert.equal(s.duration_s, 300);
    assert.equal(s.distance_m, 1482);
    assert.equal(s.max_alt_m, 60);
    assert.equal(s.aircraft, 'DJI Phantom 3 Advanced');
    assert.equal(s.messages.JPEG, 1);
    assert.equal(
      parseFlightLog(bytes, { name: 'DJIFlightRecord_2015-12-29_[19-05-48].txt' }).summary.format,
      'dji-txt',
    );
  });
});
