import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FlightLogError } from '../../errors.ts';
import { summarize } from '../../model/index.ts';
import { sample, within } from '../../test-samples.ts';
import { parseGpx } from './parse-gpx.ts';

describe('parseGpx', () => {
  it('Mini 2 GPX: 10,941 points, 738.5 m, 1254.3 s, 117.7 m above the first point', () => {
    const s = summarize(parseGpx(sample('gpx/airdata_mini2_2021-09-05.gpx')));
    assert.equal(s.messages.trkpt, 10_941);
    assert.ok(within(s.distance_m, 738.5, 0.01));
    assert.ok(within(s.duration_s, 1254.3, 0.001));
    assert.ok(within(s.max_alt_m, 117.7, 0.002));
    assert.ok(within(s.max_speed_mps, 8.1, 0.01));
  });

  it('tolerates namespace prefixes, entities and a missing end', () => {
    const xml =
      '<?xml version="1.0"?><g:gpx xmlns:g="http://www.topografix.com/GPX/1/1"><!-- c --><g:trk><g:trkseg>' +
      '<g:trkpt lat=\'47.0\' lon="8.0"><g:ele>500</g:ele><g:time>2024-01-01T00:00:00Z</g:time></g:trkpt>' +
      '<g:trkpt lat="47.001" lon="8.0"><g:ele>510</g:ele><g:time>2024-01-01T00:00:10Z</g:time></g:trkpt>';
    const f = parseGpx(xml);
    assert.equal(f.track.lat_deg.length, 2);
    assert.equal(f.duration_s, 10);
    assert.equal(summarize(f).max_alt_m, 10);
    assert.match(f.warnings.join(), /cut off/);
  });

  it('names the line of a broken point, and refuses non-GPX', () => {
    assert.throws(
      () => parseGpx('<gpx>\n<trk><trkseg>\n<trkpt lat="x" lon="8"/></trkseg></trk></gpx>'),
      (e) => e instanceof FlightLogError && e.line === 3,
    );
    assert.throws(() => parseGpx('<kml></kml>'), /Not a GPX file/);
  });
});

/** Ten points 11.1 m apart northwards (100.07 m in all), one a second from `t0` seconds after 00:00. */
function points(lon: number, t0: number): string {
  return Array.from({ length: 10 }, (_, i) => {
    const time = new Date(Date.UTC(2024, 0, 1, 0, 0, t0 + i)).toISOString();
    return `<trkpt lat="${47 + i * 0.0001}" lon="${lon}"><ele>${500 + i}</ele><time>${time}</time></trkpt>`;
  }).join('');
}

describe('parseGpx: several tracks', () => {
  // Two lines 7.6 km apart over the same ten seconds: joined by time they zig-zag for 137 km.
  const a = points(8.0, 0);
  const b = points(8.1, 0);
  for (const [name, xml] of [
    ['two <trk>', `<gpx><trk><trkseg>${a}</trkseg></trk><trk><trkseg>${b}</trkseg></trk></gpx>`],
    ['two <trkseg> in one <trk>', `<gpx><trk><trkseg>${a}</trkseg><trkseg>${b}</trkseg></trk></gpx>`],
  ]) {
    it(`${name} sharing times: segments kept apart, distance summed within them`, () => {
      const f = parseGpx(xml);
      assert.deepEqual([...f.track.segment_starts], [0, 10]);
      const s = summarize(f);
      assert.ok(within(s.distance_m, 2 * 100.07, 0.01), `distance ${s.distance_m}`);
      assert.equal(s.duration_s, 9);
    });
  }

  it('one after the other: the start is the earliest time in the file, whatever the track order', () => {
    const xml = `<gpx><trk><trkseg>${points(8.1, 300)}</trkseg></trk><trk><trkseg>${points(8.0, 0)}</trkseg></trk></gpx>`;
    const f = parseGpx(xml);
    assert.equal(f.start, '2024-01-01T00:00:00.000Z');
    assert.equal(f.duration_s, 309);
    // Segments are ordered by their first time: the earlier track comes first.
    assert.equal(f.track.lon_deg[0], 8.0);
    assert.ok(within(summarize(f).distance_m, 2 * 100.07, 0.01));
  });

  it('tracks recorded months apart are a collection, not a corrupt clock: every point is kept', () => {
    // togeojson's blue_hills.gpx holds walks from many days: a 7-day limit dropped 2,421 of its points.
    const day = 86_400;
    const xml = `<gpx>${[0, 40, 140].map((d) => `<trk><trkseg>${points(8.0 + d / 1000, d * day)}</trkseg></trk>`).join('')}</gpx>`;
    const f = parseGpx(xml);
    assert.equal(f.track.lon_deg.length, 30);
    assert.deepEqual([...f.track.segment_starts], [0, 10, 20]);
    assert.equal(f.duration_s, 140 * day + 9);
    assert.deepEqual(f.warnings, []);
  });
});
