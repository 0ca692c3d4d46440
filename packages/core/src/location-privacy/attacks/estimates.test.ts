import assert from 'node:assert/strict';
import { test } from 'node:test';
import { distanceM } from '../../geo/index.ts';
import { cellCentre } from '../cell-grid.ts';
import { locationRequests } from '../location-requests.ts';
import { seededRandom } from '../random.ts';
import { estimateByAverage, estimateByEnclosingCircle, reportedPoint } from './estimates.ts';
import { localProjection } from './local-projection.ts';

test('local projection: exact distance from the origin, round trip, across the antimeridian and near a pole', () => {
  const random = seededRandom(10);
  for (const [lon0, lat0] of [
    [179.99, -16.8],
    [15.65, 78.22],
    [2.35, 48.86],
    [0, 89.9],
  ]) {
    const projection = localProjection(lon0, lat0);
    for (let i = 0; i < 1000; i++) {
      const x = (random() - 0.5) * 40_000;
      const y = (random() - 0.5) * 40_000;
      const [lon, lat] = projection.toSphere(x, y);
      assert.ok(Math.abs(distanceM(lon0, lat0, lon, lat) - Math.hypot(x, y)) < 1e-3);
      const [bx, by] = projection.toPlane(lon, lat);
      assert.ok(Math.hypot(bx - x, by - y) < 1e-3, `round trip at ${lon0},${lat0}: ${bx - x}, ${by - y}`);
    }
  }
});

test('reportedPoint reads both request kinds and rejects anything else', () => {
  assert.deepEqual(
    reportedPoint({ method: 'GET', path: '/v1/location/cells/694.597' }),
    cellCentre('694.597'),
  );
  assert.deepEqual(
    reportedPoint({ method: 'GET', path: '/v1/location/near?lon=-1.50000&lat=2.25000&radius_m=15000' }),
    [-1.5, 2.25],
  );
  assert.throws(() => reportedPoint({ method: 'GET', path: '/v1/zones' }), /not a location request/);
  assert.throws(
    () => reportedPoint({ method: 'GET', path: '/v1/location/cells/694.0597' }),
    /Invalid cell id/,
  );
});

test('attacks converge on a uniform offset, also across the antimeridian', () => {
  for (const [lon, lat] of [
    [179.999, -16.8],
    [15.65, 78.22],
  ]) {
    const random = seededRandom(12);
    const reports = Array.from({ length: 10_000 }, () =>
      reportedPoint(locationRequests('uniform', { lon, lat }, { random })[0]),
    );
    const mean = estimateByAverage(reports);
    const circle = estimateByEnclosingCircle(reports);
    assert.ok(distanceM(lon, lat, mean[0], mean[1]) < 250, 'averaging');
    assert.ok(distanceM(lon, lat, circle[0], circle[1]) < 25, 'enclosing circle');
  }
});

test('attacks learn nothing beyond the cell centre from cell requests', () => {
  const reports = Array.from({ length: 1000 }, () =>
    reportedPoint(locationRequests('cell', { lon: 2.3522, lat: 48.8566 })[0]),
  );
  const centre = cellCentre('694.597');
  for (const estimate of [estimateByAverage(reports), estimateByEnclosingCircle(reports)]) {
    assert.ok(distanceM(centre[0], centre[1], estimate[0], estimate[1]) < 1e-6);
  }
});
