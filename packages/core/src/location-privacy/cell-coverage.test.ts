// The guarantee behind property 4: for any position p in a cell and any L ≤ the margin, the disc of
// radius L around p lies inside the cell's coverage, so the server's answer holds every zone within L.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { destination } from '../geo/index.ts';
import { CELL_COVERAGE_MARGIN_M, cellCoverage, coversLookAhead, isDiscInside } from './cell-coverage.ts';
import { BAND_COUNT, cellAt, cellBounds, cellsInBand, type LonLatBox } from './cell-grid.ts';
import { seededRandom } from './random.ts';

const RAD = Math.PI / 180;
const LOOKAHEADS = [5_000, CELL_COVERAGE_MARGIN_M];

function insideSome(lon: number, lat: number, boxes: readonly LonLatBox[]): boolean {
  return boxes.some(([w, s, e, n]) => lon >= w && lon <= e && lat >= s && lat <= n);
}

/** Independent of isDiscInside: walk the disc's rim with destination() and test each point. */
function rimInside(
  lon: number,
  lat: number,
  radiusM: number,
  boxes: readonly LonLatBox[],
  steps: number,
): boolean {
  for (let k = 0; k < steps; k++) {
    const [x, y] = destination(lon, lat, radiusM, (k * 360) / steps);
    if (!insideSome(x, y, boxes)) return false;
  }
  return true;
}

/** Uniform on the sphere, with extra weight where the geometry is hard: poles and antimeridian. */
function randomPosition(random: () => number, i: number): [number, number] {
  switch (i % 4) {
    case 0:
      return [random() * 360 - 180, (random() < 0.5 ? -1 : 1) * (85 + random() * 5)];
    case 1:
      return [(random() < 0.5 ? -180 : 179.5) + random() * 0.5, Math.asin(2 * random() - 1) / RAD];
    default:
      return [random() * 360 - 180, Math.asin(2 * random() - 1) / RAD];
  }
}

test('100,000 random positions: the look-ahead disc lies inside the coverage (L = 5 km and L = margin)', () => {
  const random = seededRandom(2024);
  for (let i = 0; i < 100_000; i++) {
    const [lon, lat] = randomPosition(random, i);
    const boxes = cellCoverage(cellAt(lon, lat), CELL_COVERAGE_MARGIN_M);
    for (const L of LOOKAHEADS) {
      if (!isDiscInside(lon, lat, L, boxes)) assert.fail(`disc ${L} m around ${lon},${lat} not covered`);
      if (!rimInside(lon, lat, L, boxes, 16)) assert.fail(`rim ${L} m around ${lon},${lat} not covered`);
    }
  }
});

test('worst cases: the corners of cells everywhere, densely sampled rims', () => {
  const tiny = 1e-9;
  for (let band = 0; band < BAND_COUNT; band += 7) {
    const count = cellsInBand(band);
    for (const index of [0, Math.floor(count / 3), count - 1]) {
      const id = `${band}.${index}`;
      const [w, s, e, n] = cellBounds(id);
      const boxes = cellCoverage(id, CELL_COVERAGE_MARGIN_M);
      const corners: [number, number][] = [
        [w, s],
        [e - tiny, s],
        [w, n - tiny],
        [e - tiny, n - tiny],
      ];
      for (const [lon, lat] of corners) {
        assert.equal(cellAt(lon, lat), id);
        for (const L of LOOKAHEADS) {
          assert.ok(isDiscInside(lon, lat, L, boxes), `${id} corner ${lon},${lat} L=${L}`);
          assert.ok(rimInside(lon, lat, L, boxes, 720), `${id} corner rim ${lon},${lat} L=${L}`);
        }
      }
    }
  }
});

test('the check is not vacuous: a disc larger than the margin at a cell edge is not covered', () => {
  for (const [lon, lat] of [
    [2.3522, 48.8566],
    [179.99, -16.8],
    [15.65, 78.22],
    [0, 0],
  ]) {
    const id = cellAt(lon, lat);
    const [, , e, n] = cellBounds(id);
    const boxes = cellCoverage(id, CELL_COVERAGE_MARGIN_M);
    const edge: [number, number] = [e - 1e-9, n - 1e-9];
    assert.ok(isDiscInside(edge[0], edge[1], CELL_COVERAGE_MARGIN_M, boxes));
    assert.ok(!isDiscInside(edge[0], edge[1], CELL_COVERAGE_MARGIN_M + 100, boxes), id);
    assert.ok(!rimInside(edge[0], edge[1], CELL_COVERAGE_MARGIN_M + 100, boxes, 720), id);
  }
});

test('coverage shape: split at the antimeridian, world-wide at the poles, tight elsewhere', () => {
  const fiji = cellCoverage(cellAt(179.99, -16.8), CELL_COVERAGE_MARGIN_M);
  assert.equal(fiji.length, 2);
  assert.ok(fiji.some((b) => b[2] === 180) && fiji.some((b) => b[0] === -180));
  for (const box of fiji) assert.ok(box[0] >= -180 && box[2] <= 180 && box[0] < box[2]);
  const pole = cellCoverage(cellAt(10, 89.7), CELL_COVERAGE_MARGIN_M);
  assert.deepEqual(pole.length, 1);
  assert.equal(pole[0][0], -180);
  assert.equal(pole[0][2], 180);
  assert.equal(pole[0][3], 90);
  // Paris: the cell (≈ 22 km) plus 2 × 25 km each way ≈ 72 km: not a continent.
  const [[w, s, e, n]] = cellCoverage(cellAt(2.3522, 48.8566), CELL_COVERAGE_MARGIN_M);
  const heightKm = (n - s) * RAD * 6371;
  const widthKm = (e - w) * RAD * 6371 * Math.cos(n * RAD);
  assert.ok(heightKm > 72 && heightKm < 73, `height ${heightKm}`);
  assert.ok(widthKm > 72 && widthKm < 74, `width ${widthKm}`);
  // Margin 0 is the cell itself, give or take the 1 m rounding slack.
  const [[w0, s0, e0, n0]] = cellCoverage('450.899', 0);
  const cell = cellBounds('450.899');
  assert.ok(cell[0] - w0 > 0 && cell[0] - w0 < 2e-5 && s0 < cell[1] && e0 > cell[2] && n0 - cell[3] < 2e-5);
});

test('coversLookAhead: the cached cell still serves up to margin − L beyond its edge', () => {
  const id = '694.597'; // Paris
  const [, , east] = cellBounds(id);
  const [justIn] = destination(east, 48.9, CELL_COVERAGE_MARGIN_M - 5_000 - 50, 90);
  // The longitude margin is taken at the grown box's poleward edge (49.22°), so at 48.9° it reaches
  // ≈ 160 m further than the margin: conservative, never short.
  const [justOut] = destination(east, 48.9, CELL_COVERAGE_MARGIN_M - 5_000 + 500, 90);
  assert.ok(coversLookAhead(id, justIn, 48.9, 5_000));
  assert.ok(!coversLookAhead(id, justOut, 48.9, 5_000));
});

test('cellCoverage rejects a bad margin or id', () => {
  assert.throws(() => cellCoverage('694.597', -1), /margin/);
  assert.throws(() => cellCoverage('694.597', Number.NaN), /margin/);
  assert.throws(() => cellCoverage('694.5970', 1000), /694\.5970/);
});
