import assert from 'node:assert/strict';
import { test } from 'node:test';
import { distanceM, EARTH_RADIUS_M } from '../geo/index.ts';
import {
  BAND_COUNT,
  CELL_HEIGHT_DEG,
  CELL_MIN_SIZE_M,
  cellAt,
  cellBounds,
  cellCentre,
  cellsInBand,
  parseCellId,
} from './cell-grid.ts';
import { seededRandom } from './random.ts';

const RAD = Math.PI / 180;

test('cell ids of known points (worked out by hand from the definition)', () => {
  // Paris: band floor(138.8566·5) = 694; poleward edge 49° → floor(1800·cos 49°) = 1180 cells;
  // index floor(182.3522·1180/360) = 597.
  assert.equal(cellAt(2.3522, 48.8566), '694.597');
  // Sydney: band floor(56.1312·5) = 280; poleward edge 34° → 1492 cells; floor(331.2093·1492/360) = 1372.
  assert.equal(cellAt(151.2093, -33.8688), '280.1372');
  // Null island: band 450 (poleward edge 0.2° → 1799 cells); floor(180·1799/360) = 899.
  assert.equal(cellAt(0, 0), '450.899');
  assert.equal(cellAt(-180, -90), '0.0');
  assert.equal(cellAt(0, -90), '0.0');
  assert.equal(cellAt(123, 90), '899.0', 'the north pole belongs to the last band');
  assert.equal(cellAt(180, 0), '450.0', '180 wraps to -180');
  assert.equal(cellAt(540.5, 0), cellAt(180.5, 0));
  assert.equal(cellAt(-179.999, 0.1), '450.0');
  assert.equal(cellAt(179.999, 0.1), '450.1798');
});

test('cellAt rejects positions that are not positions', () => {
  assert.throws(() => cellAt(Number.NaN, 0), /longitude/);
  assert.throws(() => cellAt(Number.POSITIVE_INFINITY, 0), /longitude/);
  assert.throws(() => cellAt(0, 90.0001), /latitude.*90\.0001/);
  assert.throws(() => cellAt(0, Number.NaN), /latitude/);
});

test('parseCellId accepts exactly one spelling per cell and names a bad id', () => {
  assert.deepEqual(parseCellId('694.597'), { band: 694, index: 597 });
  assert.deepEqual(parseCellId('0.0'), { band: 0, index: 0 });
  assert.deepEqual(parseCellId('899.0'), { band: 899, index: 0 });
  const bad = [
    '',
    '694',
    '694.',
    '.597',
    '0694.597',
    '694.0597',
    '-1.0',
    '+1.0',
    '900.0',
    '899.1',
    '694.1180',
    '1.5e2',
    ' 694.597',
    '694.597 ',
    '694.597\n',
    '694.597.1',
    '694,597',
    '694.597?x=1',
    '１.２',
  ];
  for (const id of bad)
    assert.throws(
      () => parseCellId(id),
      (e: Error) => e.message.includes(JSON.stringify(id).slice(1, -1)),
      id,
    );
  assert.throws(() => parseCellId(694 as unknown as string), /Invalid cell id 694/);
  assert.throws(() => parseCellId('694.0597'), RangeError);
  assert.throws(
    () => parseCellId('9'.repeat(100_000)),
    (e: Error) => e.message.length < 200,
  );
});

test('the grid does not depend on how an engine rounds Math.cos', () => {
  for (let band = 0; band < BAND_COUNT; band++) {
    const south = (band - 450) / 5;
    const poleward = Math.max(Math.abs(south), Math.abs(south + CELL_HEIGHT_DEG));
    const fit = 1800 * Math.cos(poleward * RAD);
    const gap = Math.abs(fit - Math.round(fit));
    assert.ok(gap < 1e-12 || gap > 1e-6, `band ${band}: 1800·cos = ${fit} is too close to an integer`);
  }
});

test('every cell is at least H ≈ 22.2 km wide and high, at the poles and at the antimeridian too', () => {
  assert.ok(CELL_MIN_SIZE_M > 22_238 && CELL_MIN_SIZE_M < 22_240);
  let narrowest = Number.POSITIVE_INFINITY;
  for (let band = 0; band < BAND_COUNT; band++) {
    const count = cellsInBand(band);
    const last = count - 1;
    for (const index of [0, Math.floor(count / 2), last]) {
      const [w, s, e, n] = cellBounds(`${band}.${index}`);
      const poleward = Math.max(Math.abs(s), Math.abs(n));
      const height = distanceM(w, s, w, n);
      // Width along the poleward edge, where a degree of longitude is shortest.
      const width = (e - w) * RAD * EARTH_RADIUS_M * Math.cos(poleward * RAD);
      assert.ok(height >= 22_238, `${band}.${index}: height ${height}`);
      if (count > 1) {
        assert.ok(width >= CELL_MIN_SIZE_M * (1 - 1e-12), `${band}.${index}: width ${width}`);
        // Straight across, corner to corner on the poleward edge: still ≥ 22 km (matters near the poles).
        const edgeLat = Math.abs(s) > Math.abs(n) ? s : n;
        const chord = distanceM(w, edgeLat, e, edgeLat);
        assert.ok(chord >= 22_000, `${band}.${index}: corner distance ${chord}`);
        narrowest = Math.min(narrowest, chord);
      }
    }
    assert.equal(cellBounds(`${band}.0`)[0], -180, `band ${band} starts at -180`);
    assert.equal(cellBounds(`${band}.${last}`)[2], 180, `band ${band} ends at 180`);
  }
  assert.equal(cellsInBand(0), 1, 'south polar cap');
  assert.equal(cellsInBand(BAND_COUNT - 1), 1, 'north polar cap');
  assert.ok(narrowest >= 22_000);
});

test('cellsInBand rejects a band outside the grid', () => {
  assert.throws(() => cellsInBand(900), /band/);
  assert.throws(() => cellsInBand(-1), /band/);
  assert.throws(() => cellsInBand(1.5), /band/);
});

test('cellAt(cellCentre(id)) === id and the south-west corner belongs to the cell, for every cell', () => {
  let cells = 0;
  for (let band = 0; band < BAND_COUNT; band++) {
    const count = cellsInBand(band);
    for (let index = 0; index < count; index++) {
      const id = `${band}.${index}`;
      const [lon, lat] = cellCentre(id);
      if (cellAt(lon, lat) !== id) assert.fail(`centre of ${id} maps to ${cellAt(lon, lat)}`);
      const [w, s] = cellBounds(id);
      if (cellAt(w, s) !== id) assert.fail(`south-west corner of ${id} maps to ${cellAt(w, s)}`);
      cells++;
    }
  }
  assert.ok(cells > 1_000_000, `${cells} cells`);
});

test('every position lies inside the bounds of its cell (half-open)', () => {
  const random = seededRandom(11);
  for (let i = 0; i < 100_000; i++) {
    const lon = random() * 360 - 180;
    const lat =
      i % 4 === 0 ? (random() < 0.5 ? -1 : 1) * (85 + random() * 5) : Math.asin(2 * random() - 1) / RAD;
    const [w, s, e, n] = cellBounds(cellAt(lon, lat));
    assert.ok(
      lon >= w && lon < e && lat >= s && (lat < n || lat === 90),
      `${lon},${lat} outside ${[w, s, e, n]}`,
    );
  }
});

test('polar caps are centred on the pole', () => {
  assert.deepEqual(cellCentre('0.0'), [0, -90]);
  assert.deepEqual(cellCentre('899.0'), [0, 90]);
  assert.deepEqual(cellBounds('0.0'), [-180, -90, 180, -89.8]);
});
