import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { type Position, type Zone, zoneSchema } from '../../zone/index.ts';
import { parseOurAirports } from './index.ts';
import {
  checkFullZones,
  type Ends,
  geometryContains,
  isCounterClockwise,
  runwayProbe,
  zoneContains,
  zonePart,
} from './test-probes.ts';

const SNAPSHOT = new URL('../../../../../data/ourairports/', import.meta.url);
const SHARED = new URL('../../../../../../shared/data/airspace/ourairports/', import.meta.url);
const hasShared = existsSync(new URL('airports.csv', SHARED));

const airportsCsv = gunzipSync(readFileSync(new URL('airports.csv.gz', SNAPSHOT))).toString('utf8');
const runwaysCsv = gunzipSync(readFileSync(new URL('runways.csv.gz', SNAPSHOT))).toString('utf8');
const progress: [number, number | undefined][] = [];
let started = performance.now();
const snapshot = parseOurAirports(airportsCsv, runwaysCsv, {
  dataset: 'ourairports',
  onProgress: (done, total) => progress.push([done, total]),
});
const snapshotMs = performance.now() - started;
const byId = new Map(snapshot.zones.map((z) => [z.id, z]));
const zone = (id: string): Zone => {
  const z = byId.get(`ourairports:${id}`);
  assert.ok(z, id);
  return z;
};

// Runway ends from runways.csv as [leLon, leLat, heLon, heLat], in file order.
const LSZH: Ends[] = [
  [8.537469863891602, 47.458900451660156, 8.570449829101562, 47.456600189208984],
  [8.534729957580566, 47.48310089111328, 8.564459800720215, 47.461299896240234],
  [8.53594970703125, 47.47560119628906, 8.556730270385742, 47.44540023803711],
];
const KSFO: Ends[] = [
  [-122.3820038, 37.60900116, -122.3700027, 37.62720108],
  [-122.3809967, 37.60680008, -122.3669968, 37.62779999],
  [-122.39299774169922, 37.628700256347656, -122.35700225830078, 37.61349868774414],
  [-122.3909988, 37.62530136, -122.3580017, 37.61169815],
];

const fullZones = (ident: string) => ({
  restricted: zone(`${ident}:restricted`),
  authorization: zone(`${ident}:authorization`),
  enhanced_warning: zone(`${ident}:enhanced_warning`),
  altitude60: zone(`${ident}:altitude:60`),
  altitude150: zone(`${ident}:altitude:150`),
});

describe('OurAirports: the bundled snapshot', () => {
  it('shapes the world in a few seconds', (t) => {
    let vertices = 0;
    for (const z of snapshot.zones)
      for (const p of polygonsOf(z)) for (const ring of p) vertices += ring.length;
    t.diagnostic(
      `snapshot: ${snapshot.zones.length} zones, ${vertices} polygon vertices in ${snapshotMs.toFixed(0)} ms`,
    );
    t.diagnostic(`per category: ${JSON.stringify(snapshot.counts)}`);
    assert.ok(snapshotMs < 20_000, `${snapshotMs} ms`);
    assert.deepEqual(snapshot.issues, []);
  });

  it('counts agree with the airport types', () => {
    const airports = snapshot.zones
      .filter((z) => z.category === 'restricted')
      .map((z) => z.properties?.shape);
    const shaped = airports.filter((s) => s === 'runways').length;
    assert.ok(shaped >= 4400 && shaped <= 4453, `${shaped} large/medium airports shaped from runways`);
    assert.equal(snapshot.counts.altitude, 2 * shaped);
    assert.ok(snapshot.counts.restricted > 5000 && snapshot.counts.warning > 20_000);
  });

  it('reports progress every 5000 airports', () => {
    assert.deepEqual(progress[0], [5000, progress.at(-1)?.[1]]);
    assert.equal(progress.length, Math.ceil((progress.at(-1)?.[0] ?? 0) / 5000));
  });

  it('LSZH: rectangle, stadium, ring and wings per runway', () => {
    const z = fullZones('LSZH');
    assert.equal(z.restricted.name, 'Zürich Airport (LSZH) — restricted');
    LSZH.forEach((ends, i) => {
      const rw = runwayProbe(ends);
      const inPart = (key: keyof typeof z, [lon, lat]: [number, number]) =>
        geometryContains(zonePart(z[key], i), lon, lat);
      assert.ok(inPart('restricted', [ends[0], ends[1]]) && inPart('restricted', [ends[2], ends[3]]));
      assert.ok(inPart('restricted', rw.beyondA(2900)) && inPart('restricted', rw.beyondB(2900)));
      assert.ok(!inPart('restricted', rw.beyondA(3100)) && !inPart('restricted', rw.beyondB(3100)));
      assert.ok(inPart('restricted', rw.side(590)) && !inPart('restricted', rw.side(610)));
      assert.ok(inPart('authorization', rw.beyondB(3900)) && !inPart('authorization', rw.beyondB(4100)));
      assert.ok(
        !inPart('enhanced_warning', rw.beyondB(3900)) && inPart('enhanced_warning', rw.beyondB(4100)),
      );
      assert.ok(inPart('enhanced_warning', rw.side(5900)) && !inPart('enhanced_warning', rw.side(6100)));
      // Wings come two per runway (one per end), so test them against the whole zone.
      assert.ok(
        zoneContains(z.altitude60, ...rw.beyondB(3100)) && zoneContains(z.altitude150, ...rw.beyondA(6700)),
      );
    });
    assert.deepEqual(checkFullZones(z, LSZH, 3000, 7), []);
  });

  it('KSFO: four runways merged into one zone per category', () => {
    const z = fullZones('KSFO');
    const g = z.authorization.volumes[0].geometry;
    assert.equal(g.type === 'MultiPolygon' && g.coordinates.length, 4);
    assert.deepEqual(z.restricted.properties?.runways, ['01L/19R', '01R/19L', '10L/28R', '10R/28L']);
    assert.deepEqual(checkFullZones(z, KSFO, 3000, 11), []);
  });

  it('winds every ring by RFC 7946 and passes the zone schema (sampled)', () => {
    for (const [i, z] of snapshot.zones.entries()) {
      for (const p of polygonsOf(z)) {
        p.forEach((ring, r) => {
          assert.equal(isCounterClockwise(ring), r === 0, z.id);
        });
      }
      if (i % 97 === 0 || z.id.includes(':LSZH:')) zoneSchema.parse(z);
    }
  });
});

describe('OurAirports: the full shared dump', { skip: !hasShared && 'shared data folder absent' }, () => {
  it('shapes 85k airports and 47k runways in seconds, exactly like the trimmed snapshot', (t) => {
    const airports = readFileSync(new URL('airports.csv', SHARED), 'utf8');
    const runways = readFileSync(new URL('runways.csv', SHARED), 'utf8');
    started = performance.now();
    const full = parseOurAirports(airports, runways, { dataset: 'ourairports' });
    const ms = performance.now() - started;
    t.diagnostic(`full dump (12.5 MB + 3.9 MB): ${full.zones.length} zones in ${ms.toFixed(0)} ms`);
    assert.ok(ms < 20_000, `${ms} ms`);
    assert.deepEqual(full.counts, snapshot.counts);
    assert.equal(digest(full.zones), digest(snapshot.zones));
  });
});

function polygonsOf(z: Zone): Position[][][] {
  const g = z.volumes[0].geometry;
  return g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
}

function digest(zones: readonly Zone[]): string {
  const hash = createHash('sha256');
  for (const z of zones) hash.update(JSON.stringify(z));
  return hash.digest('hex');
}
