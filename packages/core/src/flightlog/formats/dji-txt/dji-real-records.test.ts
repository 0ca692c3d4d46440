import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { trackDistance } from '../../model/index.ts';
import { parseFlightLog } from '../../parse-flight-log.ts';
import { SAMPLES, sample } from '../../test-samples.ts';

/**
 * Real DJI GO records of versions 3, 4 and 8 (public repositories: SOURCES.md), against dji-log-parser-js
 * 0.5.7 run on the same files: record counts, the frames' positions and app clock, and the path through
 * its frames (it drops each file's last OSD, so the path is compared over the same fixes). Skipped, and
 * named, until the files are in shared/data.
 */
interface Expected {
  file: string;
  version: number;
  start: string;
  counts: Record<string, number>;
  /** Reference frames: index, app clock (ISO), latitude, longitude. */
  frames: [number, string, number, number][];
  /** Haversine path through the reference's frames (all OSD but the last), metres. */
  refPath_m: number;
  maxHeight_m: number;
  maxSpeed_mps: number;
  aircraft: string;
  app: string;
}

const FILES: Expected[] = [
  {
    file: 'dji-txt/DJIFlightRecord_2015-06-10_[12-38-57]_v3.txt',
    version: 3,
    start: '2015-06-10T16:38:57.100Z',
    counts: { OSD: 2247, Gimbal: 2247, RC: 2247, Custom: 2247, Home: 224, SmartBattery: 224, JPEG: 2 },
    frames: [
      [0, '2015-06-10T16:38:57.113Z', 28.745827067746937, -81.52870512759539],
      [100, '2015-06-10T16:39:07.860Z', 28.745823791829363, -81.52870863414681],
      [2245, '2015-06-10T16:43:01.708Z', 28.74586148074746, -81.52860131532574],
    ],
    refPath_m: 170.765,
    maxHeight_m: 5.9,
    maxSpeed_mps: 4.1,
    aircraft: 'DJI Phantom 3 Pro',
    app: 'DJI app 1.1.0',
  },
  {
    file: 'dji-txt/DJIFlightRecord_2015-12-29_[19-05-48]_v4.txt',
    version: 4,
    start: '2015-12-29T19:05:48.484Z',
    counts: { OSD: 872, Gimbal: 872, RC: 872, Custom: 872, Deform: 174, Home: 87, AppTip: 2, JPEG: 2 },
    frames: [
      [0, '2015-12-29T19:05:48.486Z', 53.73587938722398, -1.7665183228942154],
      [100, '2015-12-29T19:05:58.899Z', 53.73592010637574, -1.7666235908014691],
      [870, '2015-12-29T19:07:21.224Z', 53.7358975970114, -1.7665801222483661],
    ],
    refPath_m: 30.762,
    maxHeight_m: 39.5,
    maxSpeed_mps: 2.75,
    aircraft: 'DJI Phantom 3 Pro',
    app: 'DJI app 2.4.3',
  },
  {
    file: 'dji-txt/DJIFlightRecord_2017-09-21_[15-37-52]_v8.txt',
    version: 8,
    start: '2017-09-21T19:37:52.374Z',
    counts: { OSD: 228, Gimbal: 209, RC: 88, Custom: 228, Home: 4, Camera: 24, AppWarn: 12, MCParams: 2 },
    frames: [
      [0, '2017-09-21T19:37:52.476Z', 28.923401260134757, -81.93684473460982],
      [100, '2017-09-21T19:38:02.483Z', 28.923398972584568, -81.93684421340389],
      [226, '2017-09-21T19:38:15.175Z', 28.923405589423147, -81.9368465376412],
    ],
    refPath_m: 3.038,
    maxHeight_m: 1.4,
    maxSpeed_mps: 0.1,
    aircraft: 'DJI Phantom 4 Pro',
    app: 'DJI app 4.1.9',
  },
];

describe('real DJI GO records (v3, v4, v8) against dji-log-parser', () => {
  for (const x of FILES) {
    const missing = !existsSync(new URL(x.file, SAMPLES)) && `${x.file} is not in shared/data yet`;
    it(`v${x.version}: ${x.file}`, { skip: missing }, () => {
      const bytes = sample(x.file);
      assert.equal(bytes[10], x.version);
      const { flight, summary, warnings } = parseFlightLog(bytes, { name: x.file });
      assert.deepEqual(warnings, []);
      for (const [name, n] of Object.entries(x.counts)) assert.equal(summary.messages[name], n, name);
      const { track } = flight;
      assert.equal(track.lat_deg.length, x.counts.OSD, 'one fix per OSD record');
      for (const [i, clock, lat, lon] of x.frames) {
        assert.ok(
          Math.abs(track.lat_deg[i] - lat) < 1e-12 && Math.abs(track.lon_deg[i] - lon) < 1e-12,
          `fix ${i}`,
        );
        assert.equal(Date.parse(x.start) + Math.round(track.t_s[i] * 1000), Date.parse(clock), `time ${i}`);
      }
      const n = track.lat_deg.length - 1;
      const cut = { ...track, lat_deg: track.lat_deg.subarray(0, n), lon_deg: track.lon_deg.subarray(0, n) };
      assert.ok(Math.abs(trackDistance(cut) - x.refPath_m) < 0.01, `path ${trackDistance(cut)}`);
      assert.equal(summary.start, x.start);
      assert.equal(summary.max_alt_m, x.maxHeight_m);
      assert.equal(summary.max_speed_mps, x.maxSpeed_mps);
      assert.equal(summary.aircraft, x.aircraft);
      assert.equal(summary.app, x.app);
    });
  }
});
