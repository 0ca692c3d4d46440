import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseGpx } from '../formats/gpx/parse-gpx.ts';
import { parseKml } from '../formats/kml/parse-kml.ts';
import { within } from '../test-samples.ts';
import { flightToCsv, flightToGeoJSON, flightToGpx, flightToKml, summarize } from './index.ts';

function points(lon: number): string {
  return Array.from({ length: 10 }, (_, i) => {
    const time = new Date(Date.UTC(2024, 0, 1, 0, 0, i)).toISOString();
    return `<trkpt lat="${47 + i * 0.0001}" lon="${lon}"><ele>${500 + i}</ele><time>${time}</time></trkpt>`;
  }).join('');
}

// Two tracks over the same ten seconds, 7.6 km apart: 200 m in all, 137 km if joined by time.
const flight = parseGpx(
  `<gpx><trk><trkseg>${points(8.0)}</trkseg></trk><trk><trkseg>${points(8.1)}</trkseg></trk></gpx>`,
);

describe('exports keep the track segments', () => {
  it('GPX: one trkseg per segment, and reads back to the same distance', () => {
    const gpx = flightToGpx(flight);
    assert.equal(gpx.match(/<trkseg>/g)?.length, 2);
    assert.ok(within(summarize(parseGpx(gpx)).distance_m, 200.14, 0.01));
    assert.equal(flightToGpx(flight, { maxPoints: 6 }).match(/<trkseg>/g)?.length, 2);
  });

  it('KML: a MultiGeometry of LineStrings, read back to the same distance', () => {
    const kml = flightToKml(flight);
    assert.equal(kml.match(/<LineString>/g)?.length, 2);
    assert.ok(within(summarize(parseKml(kml)).distance_m, 200.14, 0.01));
  });

  it('GeoJSON: a MultiLineString with times per line', () => {
    const track = flightToGeoJSON(flight).features[0] as {
      geometry: { type: string; coordinates: number[][][] };
      properties: { times_s: number[][] };
    };
    assert.equal(track.geometry.type, 'MultiLineString');
    assert.deepEqual(
      track.geometry.coordinates.map((l) => l.length),
      [10, 10],
    );
    assert.equal(track.properties.times_s[1][9], 9);
  });

  it('CSV: fix by fix with the segment of each (one time grid cannot hold lines at the same times)', () => {
    const rows = flightToCsv(flight).trim().split('\n');
    assert.equal(rows[0], 'segment,time_s,time_utc,lat_deg,lon_deg,alt_amsl_m');
    assert.equal(rows.length, 21);
    assert.match(rows[11], /^2,0,2024-01-01T00:00:00.000Z,47,8.1,500$/);
  });
});
