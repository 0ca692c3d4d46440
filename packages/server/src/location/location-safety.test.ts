// The safety property of the location check: for 100,000 random true positions worldwide (half of them
// near airports, where zones are dense), every zone within the look-ahead distance L of the true
// position is in the answer the server gives for what the device sent — for both mechanisms.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  cellAt,
  DEFAULT_LOOKAHEAD_M,
  destination,
  importZones,
  locationRequests,
  seededRandom,
  ZoneIndex,
} from '@airlock/core';
import { BUNDLED_DATA_DIR, readMaybeGzip } from '../airspace/index.ts';
import { zonesForCell } from './location-answer.ts';

const POSITIONS = 100_000;

test(`no zone within L is ever missing: ${POSITIONS} positions, cell and uniform mechanisms`, () => {
  const files = ['airports', 'runways'].map((n) => ({
    name: `${n}.csv`,
    text: readMaybeGzip(`${BUNDLED_DATA_DIR}/ourairports/${n}.csv.gz`),
  }));
  const { zones } = importZones('ourairports', files, { dataset: 'world' });
  const index = ZoneIndex.build(zones);
  const airports = zones.filter((z) => z.category === 'restricted');
  const random = seededRandom(20261124);
  const cellCache = new Map<string, Set<string>>();
  let checked = 0;
  let zonesWithinL = 0;
  let missedCell = 0;
  let missedUniform = 0;
  for (let i = 0; i < POSITIONS; i++) {
    let lon: number;
    let lat: number;
    if (i % 2 === 0) {
      const z = airports[Math.floor(random() * airports.length)];
      const g = z.volumes[0].geometry;
      const c =
        g.type === 'Circle' ? g.center : g.type === 'Polygon' ? g.coordinates[0][0] : g.coordinates[0][0][0];
      [lon, lat] = destination(c[0], c[1], random() * 20_000, random() * 360);
    } else {
      lon = random() * 360 - 180;
      lat = Math.asin(random() * 2 - 1) * (180 / Math.PI); // uniform on the sphere
    }
    const truth = index.within(lon, lat, DEFAULT_LOOKAHEAD_M);
    checked++;
    if (truth.length === 0) continue;
    zonesWithinL += truth.length;
    const cell = cellAt(lon, lat);
    let answer = cellCache.get(cell);
    if (!answer) {
      answer = new Set(zonesForCell(index, cell).map((z) => z.id));
      cellCache.set(cell, answer);
    }
    for (const z of truth) if (!answer.has(z.id)) missedCell++;
    // The reference mechanism: the server answers every zone within radius_m (10 km + L) of the reported point.
    const [req] = locationRequests('uniform', { lon, lat }, { random });
    const url = new URL(req.path, 'http://x');
    const near = new Set(
      index
        .within(
          Number(url.searchParams.get('lon')),
          Number(url.searchParams.get('lat')),
          Number(url.searchParams.get('radius_m')),
        )
        .map((z) => z.id),
    );
    for (const z of truth) if (!near.has(z.id)) missedUniform++;
  }
  assert.equal(checked, POSITIONS);
  assert.ok(
    zonesWithinL > 50_000,
    `only ${zonesWithinL} zone/position pairs within L: the test would prove little`,
  );
  assert.equal(missedCell, 0, 'cell mechanism missed zones');
  assert.equal(missedUniform, 0, 'uniform mechanism missed zones');
});
