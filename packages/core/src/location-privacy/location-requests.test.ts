import assert from 'node:assert/strict';
import { test } from 'node:test';
import { distanceM } from '../geo/index.ts';
import { CELL_COVERAGE_MARGIN_M } from './cell-coverage.ts';
import { cellAt, cellBounds, cellCentre } from './cell-grid.ts';
import {
  DEFAULT_LOOKAHEAD_M,
  DEFAULT_MECHANISM,
  type LocationRequest,
  locationRequests,
  MECHANISMS,
  UNIFORM_RADIUS_M,
} from './location-requests.ts';
import { seededRandom } from './random.ts';

const CELL_PATH = /^\/v1\/location\/cells\/\d{1,3}\.\d{1,4}$/;

function nearPoint(request: LocationRequest): { lon: number; lat: number; radius: number } {
  const match = /^\/v1\/location\/near\?lon=(-?\d+\.\d{5})&lat=(-?\d+\.\d{5})&radius_m=(\d+)$/.exec(
    request.path,
  );
  assert.ok(match, request.path);
  return { lon: Number(match[1]), lat: Number(match[2]), radius: Number(match[3]) };
}

test('defaults: cell mechanism, 5 km look-ahead', () => {
  assert.deepEqual([...MECHANISMS], ['cell', 'uniform']);
  assert.equal(DEFAULT_MECHANISM, 'cell');
  assert.equal(DEFAULT_LOOKAHEAD_M, 5000);
  assert.ok(CELL_COVERAGE_MARGIN_M >= DEFAULT_LOOKAHEAD_M);
});

test('cell: one GET naming the cell, no coordinate, no query', () => {
  const requests = locationRequests('cell', { lon: 2.3522, lat: 48.8566 });
  assert.deepEqual(requests, [{ method: 'GET', path: '/v1/location/cells/694.597' }]);
  const random = seededRandom(3);
  for (let i = 0; i < 10_000; i++) {
    const lon = random() * 360 - 180;
    const lat = random() * 180 - 90;
    const [request, ...rest] = locationRequests('cell', { lon, lat });
    assert.equal(rest.length, 0);
    assert.deepEqual(Object.keys(request).sort(), ['method', 'path']);
    assert.match(request.path, CELL_PATH);
    assert.ok(!request.path.includes(lon.toFixed(4)) && !request.path.includes(lat.toFixed(4)));
    // A function of the cell alone: the cell's centre gives the very same request.
    const [cx, cy] = cellCentre(cellAt(lon, lat));
    assert.deepEqual(locationRequests('cell', { lon: cx, lat: cy }), [request]);
  }
});

test('cell: two pilots anywhere in one cell send byte-identical requests', () => {
  const random = seededRandom(4);
  for (let i = 0; i < 10_000; i++) {
    const id = cellAt(random() * 360 - 180, random() * 180 - 90);
    const [w, s, e, n] = cellBounds(id);
    const a = { lon: w + random() * (e - w), lat: s + random() * (n - s) };
    const b = { lon: w + random() * (e - w), lat: s + random() * (n - s) };
    assert.equal(JSON.stringify(locationRequests('cell', a)), JSON.stringify(locationRequests('cell', b)));
  }
});

test('cell: 10,000 checks from one place send one request, whatever the random source', () => {
  const paths = new Set<string>();
  for (let i = 0; i < 10_000; i++) {
    paths.add(locationRequests('cell', { lon: 8.5417, lat: 47.3769 }, { random: Math.random })[0].path);
  }
  assert.equal(paths.size, 1);
});

test('cell: the current cell is kept while it covers the look-ahead, so edge jitter sends one cell', () => {
  const [, , east] = cellBounds('694.597');
  const random = seededRandom(5);
  const stateless = new Set<string>();
  const sticky = new Set<string>();
  let current: string | undefined;
  for (let i = 0; i < 1000; i++) {
    // A pilot standing 2 m from the cell edge, GPS noise of a few metres.
    const position = { lon: east + (random() - 0.5) * 1e-4, lat: 48.9 };
    stateless.add(locationRequests('cell', position)[0].path);
    const [request] = locationRequests('cell', position, { currentCell: current });
    current = request.path.split('/').pop();
    sticky.add(request.path);
  }
  assert.equal(stateless.size, 2, 'without the current cell the edge shows');
  assert.equal(sticky.size, 1);
  // Far away the current cell no longer covers the look-ahead, and the cell of the fix is sent.
  const [far] = locationRequests('cell', { lon: 3.5, lat: 48.9 }, { currentCell: '694.597' });
  assert.equal(far.path, `/v1/location/cells/${cellAt(3.5, 48.9)}`);
  assert.throws(
    () => locationRequests('cell', { lon: 0, lat: 0 }, { currentCell: 'x' }),
    /Invalid cell id "x"/,
  );
});

test('uniform: every report within 10 km, spread over the disc (mean distance 2/3 R)', () => {
  for (const [lon, lat] of [
    [2.3522, 48.8566],
    [179.99, -16.8],
    [15.65, 78.22],
  ]) {
    const random = seededRandom(6);
    const n = 100_000;
    let sum = 0;
    const quadrants = [0, 0, 0, 0];
    for (let i = 0; i < n; i++) {
      const [request, ...rest] = locationRequests('uniform', { lon, lat }, { random });
      assert.equal(rest.length, 0);
      const p = nearPoint(request);
      assert.equal(p.radius, UNIFORM_RADIUS_M + DEFAULT_LOOKAHEAD_M);
      const d = distanceM(lon, lat, p.lon, p.lat);
      assert.ok(d <= UNIFORM_RADIUS_M + 1, `${d} m (rounding to 5 decimals adds ≤ 1 m)`);
      sum += d;
      let dLon = p.lon - lon;
      if (dLon > 180) dLon -= 360;
      if (dLon < -180) dLon += 360;
      quadrants[(dLon >= 0 ? 1 : 0) + (p.lat >= lat ? 2 : 0)]++;
    }
    const mean = sum / n;
    assert.ok(
      Math.abs(mean / ((2 / 3) * UNIFORM_RADIUS_M) - 1) < 0.02,
      `mean distance ${mean} at ${lon},${lat}`,
    );
    for (const q of quadrants) assert.ok(Math.abs(q / n - 0.25) < 0.01, `quadrant share ${q / n}`);
  }
});

test('uniform: fresh on every request (default secure source), radius 10 km + L', () => {
  const a = locationRequests('uniform', { lon: 8.5417, lat: 47.3769 });
  const b = locationRequests('uniform', { lon: 8.5417, lat: 47.3769 });
  assert.notEqual(a[0].path, b[0].path);
  const [wide] = locationRequests('uniform', { lon: 0, lat: 0 }, { lookAheadM: 25_000 });
  assert.equal(nearPoint(wide).radius, 35_000);
});

test('rejects a look-ahead beyond the coverage margin, an unknown mechanism and a bad position', () => {
  for (const lookAheadM of [-1, CELL_COVERAGE_MARGIN_M + 1, Number.NaN]) {
    for (const mechanism of MECHANISMS) {
      assert.throws(() => locationRequests(mechanism, { lon: 0, lat: 0 }, { lookAheadM }), /lookAheadM/);
    }
  }
  assert.doesNotThrow(() =>
    locationRequests('cell', { lon: 0, lat: 0 }, { lookAheadM: CELL_COVERAGE_MARGIN_M }),
  );
  assert.throws(
    () => locationRequests('exact' as 'cell', { lon: 0, lat: 0 }),
    /Unknown location privacy mechanism "exact"/,
  );
  assert.throws(() => locationRequests('cell', { lon: 0, lat: 91 }), /latitude/);
  assert.throws(() => locationRequests('uniform', { lon: Number.NaN, lat: 0 }), /longitude/);
});
