import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { after, test } from 'node:test';
import { circleRing } from '@airlock/core';
import { createLogger } from '../log/index.ts';
import { openDatabase } from '../storage/index.ts';
import { AirspaceService } from './airspace-service.ts';

const root = mkdtempSync(join(os.tmpdir(), 'airlock-import-off-thread-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** n small restricted areas spread over the world (deterministic). */
function geojson(prefix: string, n: number): string {
  const features = Array.from({ length: n }, (_, i) => ({
    type: 'Feature',
    id: `${prefix}${i}`,
    properties: { name: `${prefix} ${i}`, category: 'restricted' },
    geometry: {
      type: 'Polygon',
      coordinates: [circleRing(((i * 7.31) % 358) - 179, ((i * 3.17) % 160) - 80, 900, 8)],
    },
  }));
  return JSON.stringify({ type: 'FeatureCollection', features });
}

/**
 * The event loop's longest stall while `work` runs: the most a 10 ms timer came late (a drift probe,
 * which also sees stalls shorter than a whole tick), and monitorEventLoopDelay's maximum beside it.
 */
async function longestStall<T>(
  work: () => Promise<T>,
): Promise<{ result: T; driftMs: number; histMs: number }> {
  const hist = monitorEventLoopDelay({ resolution: 10 });
  hist.enable();
  let last = performance.now();
  let driftMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    driftMs = Math.max(driftMs, now - last - 10);
    last = now;
  }, 10);
  try {
    const result = await work();
    return { result, driftMs, histMs: hist.max / 1e6 };
  } finally {
    clearInterval(timer);
    hist.disable();
  }
}

test('importing a dataset beside a large stored index never stalls the event loop', async (t) => {
  const db = await openDatabase({ memory: true });
  const lines: Array<Record<string, unknown>> = [];
  const log = createLogger('info', (l) => lines.push(JSON.parse(l)));
  const indexDir = join(root, 'airspace-index');
  const airspace = new AirspaceService(db, log, { indexDir });
  try {
    await airspace.refresh();
    // The large dataset (its own import may stall: it parses 50k features here; not measured).
    await airspace.importDataset({ id: 'big', files: [{ name: 'big.geojson', text: geojson('b', 50_000) }] });
    assert.equal(airspace.index.size, 50_000);
    const before = airspace.fingerprint;

    const small = geojson('s', 20);
    const { result, driftMs, histMs } = await longestStall(() =>
      airspace.importDataset({ id: 'small', files: [{ name: 'small.geojson', text: small }] }),
    );
    const built = lines.filter((l) => l.msg === 'airspace index built').at(-1);
    t.diagnostic(
      `longest stall: drift ${driftMs.toFixed(0)} ms, histogram ${histMs.toFixed(0)} ms; ${JSON.stringify(built)}`,
    );
    assert.equal(result.changed, true);
    // The rebuild really happened meanwhile (on the worker): all 50k zones, a new fingerprint, one file.
    assert.equal(airspace.index.size, 50_020);
    assert.equal(built?.zones, 50_020);
    assert.equal(built?.zones_read, 0, 'the unchanged dataset came from the index file in use');
    assert.notEqual(airspace.fingerprint, before);
    assert.equal(readdirSync(indexDir).length, 1);
    assert.ok(driftMs < 200, `the event loop stalled ${driftMs.toFixed(0)} ms`);
    // The zones of both datasets answer: one from the reused file, one from the import.
    assert.deepEqual(
      airspace.index
        .containing(((7 * 7.31) % 358) - 179, ((7 * 3.17) % 160) - 80)
        .map((h) => h.zone.id)
        .sort(),
      ['big:b7', 'small:s7'],
    );
  } finally {
    airspace.close();
    await db.close();
  }
});
