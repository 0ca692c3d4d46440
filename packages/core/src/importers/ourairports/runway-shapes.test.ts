import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { destination, distanceM, segmentsForChordError } from '../../geo/index.ts';
import type { Position, Zone } from '../../zone/index.ts';
import { parseOurAirports } from './index.ts';
import { AIRPORTS_CSV, RUNWAYS_CSV, SCHEDULED_RUNWAY, SMALL_RUNWAY, TEST1_RUNWAY } from './test-fixture.ts';
import {
  checkFullZones,
  geometryContains,
  isCounterClockwise,
  runwayProbe,
  zoneContains,
} from './test-probes.ts';

const { zones } = parseOurAirports(AIRPORTS_CSV, RUNWAYS_CSV, { dataset: 'oa' });
const byId = (id: string): Zone => {
  const zone = zones.find((z) => z.id === `oa:${id}`);
  assert.ok(zone, `zone oa:${id}`);
  return zone;
};
const rw = runwayProbe(TEST1_RUNWAY);
const inZone = (id: string, [lon, lat]: [number, number]) => zoneContains(byId(id), lon, lat);
const polygonsOf = (zone: Zone): Position[][][] => {
  const g = zone.volumes[0].geometry;
  return g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
};

describe('GEO 2.0 runway shapes (synthetic 3 km runway)', () => {
  it('restricted: runway plus 3 km past each end, 1.2 km wide', () => {
    const id = 'TEST1:restricted';
    assert.ok(
      inZone(id, [TEST1_RUNWAY[0], TEST1_RUNWAY[1]]) && inZone(id, [TEST1_RUNWAY[2], TEST1_RUNWAY[3]]),
    );
    assert.ok(inZone(id, rw.beyondB(2900)) && inZone(id, rw.beyondA(2900)));
    assert.ok(!inZone(id, rw.beyondB(3100)) && !inZone(id, rw.beyondA(3100)));
    assert.ok(inZone(id, rw.side(590)) && inZone(id, rw.side(-590)));
    assert.ok(!inZone(id, rw.side(610)) && !inZone(id, rw.side(-610)));
  });

  it('authorization: within 4 km of the runway; enhanced warning: the 2 km ring beyond it', () => {
    // Directions within 90° of "outward" keep the runway end the nearest point of the runway.
    for (const [lon, lat, outward] of [
      [TEST1_RUNWAY[2], TEST1_RUNWAY[3], rw.axis],
      [TEST1_RUNWAY[0], TEST1_RUNWAY[1], rw.axis + 180],
    ]) {
      for (const turn of [-89, -45, 0, 30, 89]) {
        const near = (m: number) => destination(lon, lat, m, outward + turn);
        assert.ok(inZone('TEST1:authorization', near(3900)), `3.9 km at ${outward + turn}°`);
        assert.ok(!inZone('TEST1:authorization', near(4100)), `4.1 km at ${outward + turn}°`);
        assert.ok(!inZone('TEST1:enhanced_warning', near(3900)), 'the authorization stadium is a hole');
        assert.ok(
          inZone('TEST1:enhanced_warning', near(4100)) && inZone('TEST1:enhanced_warning', near(5900)),
        );
        assert.ok(!inZone('TEST1:enhanced_warning', near(6100)));
      }
    }
    assert.ok(inZone('TEST1:authorization', rw.side(3900)) && !inZone('TEST1:authorization', rw.side(4100)));
  });

  it('altitude wings splay 8.5° from the rectangle corners: 60 m for 3.6 km, then 150 m for 8.4 km', () => {
    const tan = Math.tan((8.5 * Math.PI) / 180);
    const at = (beyondEnd: number, cross: number) => {
      const [lon, lat] = rw.beyondB(3000 + beyondEnd);
      return destination(lon, lat, cross, rw.axis + 90);
    };
    assert.ok(inZone('TEST1:altitude:60', at(100, 0)) && !inZone('TEST1:altitude:60', at(-100, 0)));
    assert.ok(inZone('TEST1:altitude:60', at(3500, 600 + 3500 * tan - 15)));
    assert.ok(!inZone('TEST1:altitude:60', at(3500, 600 + 3500 * tan + 15)));
    assert.ok(!inZone('TEST1:altitude:60', at(3700, 0)) && inZone('TEST1:altitude:150', at(3700, 0)));
    assert.ok(inZone('TEST1:altitude:150', at(11_900, 600 + 11_900 * tan - 15)));
    assert.ok(!inZone('TEST1:altitude:150', at(12_100, 0)));
    assert.equal(polygonsOf(byId('TEST1:altitude:60')).length, 2);
  });

  it('agrees with the definitions at 3000 random points', () => {
    const full = {
      restricted: byId('TEST1:restricted'),
      authorization: byId('TEST1:authorization'),
      enhanced_warning: byId('TEST1:enhanced_warning'),
      altitude60: byId('TEST1:altitude:60'),
      altitude150: byId('TEST1:altitude:150'),
    };
    assert.deepEqual(checkFullZones(full, [TEST1_RUNWAY], 3000), []);
  });

  it('winds outer rings counter-clockwise and holes clockwise, with ~20 m chords', () => {
    for (const zone of zones) {
      for (const polygon of polygonsOf(zone)) {
        polygon.forEach((ring, i) => {
          assert.equal(isCounterClockwise(ring), i === 0, `${zone.id} ring ${i}`);
        });
      }
    }
    const n = segmentsForChordError(4000, 180, 20);
    assert.equal(n, 16);
    assert.equal(polygonsOf(byId('TEST1:authorization'))[0][0].length, 2 * (n + 1) + 1);
  });

  it('reduced shapes: 1.5 km warning stadium, or 1.5 km authorization in a 3 km ring when scheduled', () => {
    const small = runwayProbe(SMALL_RUNWAY);
    const sched = runwayProbe(SCHEDULED_RUNWAY);
    const g = (id: string) => byId(id).volumes[0].geometry;
    assert.ok(geometryContains(g('SMA1:enhanced_warning'), ...small.side(1450)));
    assert.ok(!geometryContains(g('SMA1:enhanced_warning'), ...small.side(1550)));
    assert.ok(geometryContains(g('SMA2:authorization'), ...sched.beyondB(1450)));
    assert.ok(!geometryContains(g('SMA2:enhanced_warning'), ...sched.beyondB(1450)));
    assert.ok(geometryContains(g('SMA2:enhanced_warning'), ...sched.beyondB(2950)));
    assert.ok(!geometryContains(g('SMA2:enhanced_warning'), ...sched.beyondB(3050)));
  });

  it('continues rings past ±180° instead of jumping across the antimeridian', () => {
    const ring = polygonsOf(byId('ANTI:enhanced_warning'))[0][0];
    for (let i = 1; i < ring.length; i++) assert.ok(Math.abs(ring[i][0] - ring[i - 1][0]) < 1);
    assert.ok(ring.some(([lon]) => lon > 180));
    const hop = distanceM(ring[0][0], ring[0][1], ring[1][0], ring[1][1]);
    assert.ok(hop < 2500, `${hop} m between vertices`);
  });
});
