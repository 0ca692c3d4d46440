import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../../packages/server/src/testing/test-server.ts';
import { buildWeb } from '../../packages/web/scripts/build-web.mjs';
import { launchChromium } from '../testing/console-browser.ts';

/** Long enough for the server's rule (15 characters) and not a common password. */
export const PILOT_PASSWORD = 'correct horse battery staple';
export const NEW_PASSWORD = 'a longer and newer pass phrase';

const square = (lon: number, lat: number, d: number) => [
  [
    [lon - d, lat - d],
    [lon + d, lat - d],
    [lon + d, lat + d],
    [lon - d, lat + d],
    [lon - d, lat - d],
  ],
];

const zone = (id: string, name: string, category: string, lon: number, lat: number, d: number) => ({
  type: 'Feature',
  geometry: { type: 'Polygon', coordinates: square(lon, lat, d) },
  properties: {
    id,
    name,
    country: 'XX',
    category,
    reasons: ['OTHER'],
    applicability: [],
    source: 'console test',
    licence: 'CC0',
    dataset: 'console-test',
    lower: { value: 0, unit: 'm', reference: 'AGL' },
    upper: { value: 120, unit: 'm', reference: 'AGL' },
  },
});

/**
 * One zone on each test flight's track, so the map draws Airlock's zones under both and marks them
 * crossed: the PX4 SITL home in Zurich (sample_px4_events.ulg) and, over part of the track only so its
 * edges show, the ArduPilot field near Canberra (log171.bin).
 */
export const CONSOLE_ZONES = {
  type: 'FeatureCollection',
  features: [
    zone('console-test:zurich', 'Test restriction Zurich', 'restricted', 8.5456, 47.3977, 0.0004),
    zone('console-test:canberra', 'Test warning Canberra', 'warning', 149.166, -35.362, 0.0002),
  ],
};

export const OPERATOR_TOKEN = 'operator-token-0123456789';

/**
 * What every console browser test starts from: the console built, a server (an operator token, the
 * test zones imported) and Debian's Chromium, the two started side by side.
 */
export async function startConsole(
  options: { dataDir?: string; env?: Record<string, string> } = {},
): Promise<{ t: TestServer; browser: Browser }> {
  await buildWeb();
  const [t, browser] = await Promise.all([
    startTestServer({ ...options, env: { AIRLOCK_ADMIN_TOKEN: OPERATOR_TOKEN, ...options.env } }),
    launchChromium(),
  ]);
  const zones = await fetch(`${t.url}/v1/admin/datasets/console-test?format=geojson&licence=CC0`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${OPERATOR_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(CONSOLE_ZONES),
  });
  assert.equal(zones.status, 200, await zones.text());
  return { t, browser };
}

/** The server and the Chromium every console page module shares; set once the entry's before() ran. */
export interface ConsoleRun {
  t: TestServer;
  browser: Browser;
}

/**
 * Registers, in the describe() it is called in, a before() starting one console server (its data in a
 * temp dir; statistics published from groups of 1, for the operator's statistics page) and one
 * Chromium, and an after() closing both (it runs after every nested describe's own after()). Page
 * modules read `run.t` and `run.browser` in their hooks and tests, never at module top level.
 */
export function sharedConsole(): ConsoleRun {
  const run = {} as ConsoleRun;
  const dataDir = mkdtempSync(join(tmpdir(), 'airlock-console-'));
  before(async () => {
    Object.assign(run, await startConsole({ dataDir, env: { AIRLOCK_STATS_MIN_GROUP: '1' } }));
  });
  after(async () => {
    await run.browser?.close();
    await run.t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return run;
}

/** OpenAir text near Zurich: `good` small squares, then `bad` records with an unreadable point. */
export function openAirZurich(good: number, bad: number, prefix = 'Operator test'): string {
  const records: string[] = [];
  for (let i = 0; i < good; i++) {
    const lat = (47.38 + i * 0.01).toFixed(3);
    const north = (47.385 + i * 0.01).toFixed(3);
    records.push(
      `AC R\nAN ${prefix} ${i}\nAL SFC\nAH 400ft AGL\nDP ${lat}N 8.5E\nDP ${north}N 8.5E\nDP ${north}N 8.51E\n`,
    );
  }
  for (let i = 0; i < bad; i++) records.push(`AC R\nAN Bad ${i}\nAL SFC\nAH 400ft AGL\nDP 99:99:99 N 8E\n`);
  return records.join('\n');
}
