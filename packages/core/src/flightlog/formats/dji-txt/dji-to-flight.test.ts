import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FlightLogError } from '../../errors.ts';
import { summarize } from '../../model/index.ts';
import { sample } from '../../test-samples.ts';
import { DJI_KEY_NOTICE, parseDjiTxt } from './dji-to-flight.ts';
import { readDjiDetails } from './read-dji-details.ts';

const MINI2 = 'dji-txt/DJIFlightRecord_2021-09-05_[19-23-47]_mini2.txt';
const V132 = 'dji-txt/V132_DJIFlightRecord_2020-06-18_[19-01-24].txt';

describe('parseDjiTxt', () => {
  it('reads the v14 details offline: time, duration, distance (km in DJI Fly files), height, speed', () => {
    const d = readDjiDetails(sample(MINI2));
    assert.equal(d.version, 14);
    assert.equal(d.totalTimeS, 1254.4);
    assert.ok(Math.abs(d.totalDistanceRaw - 0.739) < 0.001);
    const s = summarize(parseDjiTxt(sample(MINI2)));
    assert.equal(s.start, '2021-09-06T02:23:47.611Z');
    assert.equal(s.duration_s, 1254.4);
    assert.ok(Math.abs(s.distance_m! - 739.1) < 1);
    assert.equal(s.max_alt_m, 117);
    assert.equal(s.max_speed_mps, 8.1);
    assert.equal(s.aircraft, 'DJI Mini 2');
    assert.equal(s.app, 'DJI Fly 1.4.8');
    assert.equal(s.messages.OSD, 11_609, 'one OSD record per CSV row');
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
