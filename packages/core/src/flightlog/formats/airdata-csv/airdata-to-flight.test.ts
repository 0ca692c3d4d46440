import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FlightLogError } from '../../errors.ts';
import { summarize } from '../../model/index.ts';
import { sample, within } from '../../test-samples.ts';
import { parseAirdataCsv } from './airdata-to-flight.ts';
import { parseHeader } from './header-units.ts';

describe('parseAirdataCsv', () => {
  it('Mini 2: 739 m, 1254.4 s, 117.7 m above take-off, 8.1 m/s', () => {
    const s = summarize(parseAirdataCsv(sample('csv/airdata_mini2_2021-09-05.csv')));
    assert.ok(within(s.distance_m, 739.1, 0.01), `distance ${s.distance_m}`);
    assert.equal(s.duration_s, 1254.4);
    assert.ok(within(s.max_alt_m, 117.7, 0.002), 'height_above_takeoff(feet) converted');
    assert.ok(within(s.max_speed_mps, 8.1, 0.01), 'speed(mph) converted');
    assert.equal(s.start, '2021-09-06T02:23:48.000Z');
    assert.equal(s.messages.row, 11_609);
  });

  it('Air 2S: 1,647 m with the 116 rows at 0,0 (before GPS lock) dropped', () => {
    const f = parseAirdataCsv(sample('csv/airdata_air2s_2021-09-05.csv'));
    assert.ok(within(summarize(f).distance_m, 1_647.4, 0.01));
    assert.equal(f.track.lat_deg.length, f.messages.row - 116);
  });

  it('reads photos, video start/stop, app messages and flight states', () => {
    const f = parseAirdataCsv(sample('csv/airdata_mini2_2021-09-05.csv'));
    assert.equal(f.events.filter((e) => e.kind === 'photo').length, 34);
    assert.equal(f.events.filter((e) => e.kind === 'video_start').length, 3);
    assert.ok(f.events.some((e) => e.kind === 'warning' && /Low battery/.test(e.text ?? '')));
    assert.ok(f.modes.some((m) => m.mode === 'P-GPS'));
    const thr = f.samples.stick_throttle.filter(Number.isFinite);
    assert.ok(thr.every((v) => v >= -1 && v <= 1) && thr.includes(-1), 'raw 364..1684 normalised');
  });

  it('takes units from the header names', () => {
    const cols = parseHeader([
      'time(millisecond)',
      ' xSpeed(mph)',
      'altitude(meters)',
      'OSD.height [ft]',
      'speed(km/h)',
    ]);
    assert.equal(cols.get('time')?.toSI, 0.001);
    assert.equal(cols.get('xspeed')?.toSI, 0.44704);
    assert.equal(cols.get('altitude')?.toSI, 1);
    assert.equal(cols.get('osd.height')?.toSI, 0.3048);
    assert.ok(Math.abs(cols.get('speed')!.toSI - 1 / 3.6) < 1e-12);
    const csv =
      'time(millisecond),datetime(utc),latitude,longitude,height_above_takeoff(meters),speed(m/s)\n' +
      '0,2024-01-01 10:00:00,47.0,8.0,0,0\n1000,2024-01-01 10:00:01,47.0001,8.0,10,5\n';
    const s = summarize(parseAirdataCsv(csv));
    assert.equal(s.max_alt_m, 10);
    assert.equal(s.max_speed_mps, 5);
    assert.ok(within(s.distance_m, 11.12, 0.01));
  });

  it('refuses a CSV without position columns, naming line 1', () => {
    assert.throws(
      () => parseAirdataCsv('a,b\n1,2\n'),
      (e) => e instanceof FlightLogError && e.line === 1,
    );
  });
});
