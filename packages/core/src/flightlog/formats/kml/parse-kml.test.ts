import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { summarize } from '../../model/index.ts';
import { sample, within } from '../../test-samples.ts';
import { parseKml } from './parse-kml.ts';

describe('parseKml', () => {
  it('Mini 2 KML: the thinned LineString (2,284 points), absolute altitudes, no time', () => {
    const f = parseKml(sample('kml/airdata_mini2_2021-09-05.kml'));
    const s = summarize(f);
    assert.equal(f.track.lat_deg.length, 2_284);
    // Airdata thins the KML (2,284 of 10,941 points), so its path is 2.5 % shorter than the GPX's.
    assert.ok(within(s.distance_m, 720.6, 0.005));
    assert.ok(within(s.max_alt_m, 117.7, 0.002));
    assert.equal(s.duration_s, null);
    assert.match(s.warnings.join(), /no timestamps/);
  });

  it('reads gx:Track with times', () => {
    const xml =
      '<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2"><Placemark>' +
      '<gx:Track><altitudeMode>absolute</altitudeMode><when>2024-01-01T00:00:00Z</when><when>2024-01-01T00:00:05Z</when>' +
      '<gx:coord>8.0 47.0 500</gx:coord><gx:coord>8.0 47.001 520</gx:coord></gx:Track></Placemark></kml>';
    const s = summarize(parseKml(xml));
    assert.equal(s.duration_s, 5);
    assert.equal(s.start, '2024-01-01T00:00:00.000Z');
    assert.equal(s.max_alt_amsl_m, 520);
  });
});
