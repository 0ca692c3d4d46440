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

/** A gx:Track of ten points 11.1 m apart northwards (100.07 m), one a second from `t0`. */
function gxTrack(lon: number, t0: number, inner = ''): string {
  const when = Array.from(
    { length: 10 },
    (_, i) => `<when>${new Date(Date.UTC(2024, 0, 1, 0, 0, t0 + i)).toISOString()}</when>`,
  );
  const coord = Array.from(
    { length: 10 },
    (_, i) => `<gx:coord>${lon} ${47 + i * 0.0001} ${500 + i}</gx:coord>`,
  );
  return `<gx:Track>${inner}${when.join('')}${coord.join('')}</gx:Track>`;
}
const KML_OPEN = '<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2">';

describe('parseKml: several tracks, inherited altitudeMode', () => {
  it('gx:MultiTrack with two gx:Track sharing times: apart, summed, altitudeMode inherited', () => {
    const xml = `${KML_OPEN}<Placemark><gx:MultiTrack><altitudeMode>absolute</altitudeMode>${gxTrack(8.0, 0)}${gxTrack(8.1, 0)}</gx:MultiTrack></Placemark></kml>`;
    const f = parseKml(xml);
    assert.deepEqual([...f.track.segment_starts], [0, 10]);
    const s = summarize(f);
    assert.ok(within(s.distance_m, 2 * 100.07, 0.01), `distance ${s.distance_m}`);
    assert.equal(s.max_alt_amsl_m, 509);
    assert.equal(s.start, '2024-01-01T00:00:00.000Z');
    assert.doesNotMatch(s.warnings.join(), /not "absolute"/);
  });

  it("altitudeMode on the Placemark or Folder counts; the track's own wins", () => {
    const onFolder = `${KML_OPEN}<Folder><altitudeMode>absolute</altitudeMode><Placemark>${gxTrack(8.0, 0)}</Placemark></Folder></kml>`;
    assert.equal(summarize(parseKml(onFolder)).max_alt_amsl_m, 509);
    const own = `${KML_OPEN}<Placemark><gx:MultiTrack><altitudeMode>absolute</altitudeMode>${gxTrack(8.0, 0, '<altitudeMode>relativeToGround</altitudeMode>')}</gx:MultiTrack></Placemark></kml>`;
    const s = summarize(parseKml(own));
    assert.equal(s.max_alt_amsl_m, null);
    assert.match(s.warnings.join(), /not "absolute"/);
    // A Point's altitudeMode stays with the Point.
    const point = `${KML_OPEN}<Placemark><Point><altitudeMode>absolute</altitudeMode><coordinates>8,47,1</coordinates></Point></Placemark><Placemark>${gxTrack(8.0, 0)}</Placemark></kml>`;
    assert.equal(summarize(parseKml(point)).max_alt_amsl_m, null);
  });

  it('several LineStrings in a MultiGeometry: no jumps between them', () => {
    const ls = (lon: number) =>
      `<LineString><coordinates>${Array.from({ length: 10 }, (_, i) => `${lon},${47 + i * 0.0001}`).join(' ')}</coordinates></LineString>`;
    const f = parseKml(
      `${KML_OPEN}<Placemark><MultiGeometry>${ls(8.0)}${ls(8.1)}</MultiGeometry></Placemark></kml>`,
    );
    assert.ok(within(summarize(f).distance_m, 2 * 100.07, 0.01));
  });
});
