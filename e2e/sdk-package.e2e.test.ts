// The SDK as an app installs it: `npm pack` of @airlock/core and @airlock/sdk (their prepack builds
// dist/ with .d.ts), `npm ci --offline` of the two tarballs (see testing/offline-lock.ts) into an empty folder, and a location
// check against a real server from plain `node`: no TypeScript loader, no workspace, no tsconfig paths.
// The same install then carries examples/location-check (type-checked, built by vite, served beside a
// real `airlock serve` and run in Chromium): one pack and install for both, as `npm test` has little
// time to spare.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Loopback, startLoopback } from '../packages/server/src/testing/loopback.ts';
import { airlockEnv, BIN, type ServeProcess, serve } from './testing/airlock-process.ts';
import { launchChromium, watchedPage } from './testing/console-browser.ts';
import { copyExample, runNode, startPreview } from './testing/example-app.ts';
import { offlineLock } from './testing/offline-lock.ts';
import { type PackedTarball, packSdk } from './testing/sdk-tarballs.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHE_SAMPLE = fileURLToPath(
  new URL('../../shared/data/airspace/ed269/interuss-geo-awareness-che-1.json', import.meta.url),
);
// Nothing of this process's TypeScript loader (--import tsx) may reach the app.
const { NODE_OPTIONS: _loader, ...PLAIN_ENV } = process.env;

/** What the app runs: the main entry and every subpath, a location check at Montreux (ED-269 sample). */
const APP = `
import { createAirlock, createLocationChecker, createTransport, memoryStorage } from '@airlock/sdk';
import { createTelemetry } from '@airlock/sdk/telemetry';
import { createFlightRecorder, memoryAppendStore } from '@airlock/sdk/recorder';
import { createSync } from '@airlock/sdk/sync';
import { resolveRegion } from '@airlock/sdk/region';
import { ZONE_CATEGORIES } from '@airlock/core/zone';

const serverUrl = process.argv[2];
const airlock = createAirlock({ serverUrl, autoCheck: false });
const check = await airlock.checkLocation({ lon: 6.9125, lat: 46.4334, accuracyM: 5 });
const report = airlock.warnings({ lon: 6.9125, lat: 46.4334, altAglM: 40, time: new Date() });
const ledger = await airlock.ledger.list();
const cell = await airlock.region({ gps: { lon: 6.9125, lat: 46.4334 } });
const borders = await resolveRegion({ gps: { lon: 6.9125, lat: 46.4334, accuracyM: 10 } });
const alone = await createLocationChecker({ transport: createTransport({ serverUrl }), storage: memoryStorage() })
  .check({ lon: 6.9125, lat: 46.4334 });
console.log(JSON.stringify({
  coverage: check.coverage, source: check.source, zoneCount: check.zoneCount, countries: check.countries,
  error: check.error ?? null, status: report.status, ledger: ledger.map((e) => e.category),
  cell: [cell.source, cell.countries], borders: [borders.source, borders.countries], alone: alone.zoneCount,
  kinds: [typeof createTelemetry, typeof createFlightRecorder, typeof memoryAppendStore, typeof createSync],
  categories: ZONE_CATEGORIES.length,
}));
airlock.close();
`;

function run(
  cmd: string,
  args: string[],
  cwd: string,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env: PLAIN_ENV, timeout: 20_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('@airlock/core and @airlock/sdk from their npm tarballs', () => {
  let work: string;
  let loopback: Loopback;
  let tarballs: PackedTarball[];
  // For the example: a real `airlock serve`, started first so that its start-up (migrations, keys:
  // tens of seconds on a busy machine) runs while npm packs and installs.
  let serving: Promise<ServeProcess> | undefined;

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'airlock-sdk-package-'));
    serving = serve({ AIRLOCK_LOAD_BUNDLED_AIRSPACE: 'false', AIRLOCK_DATA_DIR: join(work, 'airlock-data') });
    serving.catch(() => {}); // awaited, and reported, by the example's test
    tarballs = packSdk(work);
    const app = join(work, 'app');
    mkdirSync(app);
    const { dependencies, lock } = offlineLock(
      join(ROOT, 'package-lock.json'),
      tarballs.map((t) => ({ path: join(work, t.filename), name: t.name, version: t.version })),
    );
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', type: 'module', dependencies }));
    writeFileSync(join(app, 'package-lock.json'), JSON.stringify(lock));
    writeFileSync(join(app, 'app.mjs'), APP);
    // Offline: every dependency comes from npm's cache, as the repository's own install left it.
    execFileSync('npm', ['ci', '--offline', '--no-audit', '--no-fund'], {
      cwd: app,
      env: PLAIN_ENV,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    loopback = await startLoopback({ che: true });
  });
  after(async () => {
    const server = await serving?.catch(() => undefined);
    server?.child.kill('SIGTERM');
    await server?.exited;
    await loopback?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test('the tarballs hold built JavaScript and declarations, no TypeScript source and no tests', () => {
    for (const t of tarballs) {
      const paths = t.files.map((f) => f.path);
      const index = paths.filter((p) => p.startsWith('dist/index')).join(' ');
      assert.ok(
        paths.includes('dist/index.js') && paths.includes('dist/index.d.ts'),
        `${t.filename}: ${index}`,
      );
      const stray = paths.filter(
        (p) => (p.endsWith('.ts') && !p.endsWith('.d.ts')) || /test|fixture/.test(p),
      );
      assert.deepEqual(stray, [], t.filename);
    }
    const installed = join(work, 'app', 'node_modules', '@airlock', 'sdk');
    assert.ok(existsSync(join(installed, 'dist', 'region', 'index.d.ts')));
    const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    assert.equal(pkg.sideEffects, false);
    assert.deepEqual(pkg.dependencies, { '@airlock/core': '0.1.0' });
  });

  test('plain node runs a location check, warnings, the ledger and every subpath against the server', async () => {
    // Not spawnSync: the server answers from this process's event loop.
    const r = await run(process.execPath, ['app.mjs', loopback.server.url], join(work, 'app'));
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.error, null);
    assert.equal(out.coverage, 'full');
    assert.equal(out.source, 'network');
    assert.ok(out.zoneCount > 0, 'the Montreux sample has zones there');
    // The cell of the fix reaches across Lake Geneva: its answer names both countries.
    assert.deepEqual(out.countries, ['CH', 'FR']);
    assert.notEqual(out.status, 'unknown');
    assert.deepEqual(out.ledger, ['location_check']);
    // Without borders the fix's cell answers (cached: nothing more is sent); with them, the device.
    assert.deepEqual(out.cell, ['cell', ['CH', 'FR']]);
    assert.deepEqual(out.borders, ['gps', ['CH']]);
    assert.equal(out.alone, out.zoneCount);
    assert.deepEqual(out.kinds, ['function', 'function', 'function', 'function']);
    assert.equal(out.categories, 6);
  });

  test('examples/location-check, built against the tarballs, runs in Chromium beside the server', async (t) => {
    // Where the seconds go, in the test's output: `npm test` has little time to spare.
    let mark = performance.now();
    const step = (what: string) => {
      t.diagnostic(`${what}: ${Math.round(performance.now() - mark)} ms`);
      mark = performance.now();
    };
    // The example depends on exactly the tarballs installed above, by the same file: specs.
    const example = JSON.parse(readFileSync(join(ROOT, 'examples/location-check/package.json'), 'utf8'));
    const app = JSON.parse(readFileSync(join(work, 'app', 'package.json'), 'utf8'));
    assert.deepEqual(example.dependencies, app.dependencies);
    const dir = copyExample('location-check', join(work, 'app'));
    const server = await serving!;
    step('airlock serve up (started in before)');
    // The zones around Montreux the form starts at, imported through the running server (as the
    // example's README does) while the app builds: its build script type-checks against the tarballs'
    // .d.ts, then vite bundles it.
    const data = airlockEnv({ AIRLOCK_DATA_DIR: join(work, 'airlock-data') });
    await Promise.all([
      runNode(ROOT, [BIN, 'import', CHE_SAMPLE, '--dataset', 'che'], data),
      runNode(dir, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.']).then(() =>
        runNode(dir, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error']),
      ),
    ]);
    step('import, tsc and vite build');
    const preview = await startPreview(dir, server.url);
    const browser = await launchChromium();
    step('vite preview and Chromium started');
    try {
      const { page, requests, errors } = await watchedPage(browser, preview.url);
      await page.goto('/');
      await page.getByRole('button', { name: 'Check location' }).click();
      await page.locator('#ledger tr').first().waitFor({ timeout: 15_000 });
      const check = await page.locator('#check').textContent();
      assert.match(check ?? '', /^\d+ zones around you, countries CH, FR, from the network/);
      const warnings = await page.locator('#warnings li').allTextContents();
      assert.ok(
        warnings.some((w) => /Montreux Concert Area|Lake Geneva Wildlife Preserve/.test(w)),
        warnings.join('\n'),
      );
      const ledger = await page.locator('#ledger tr').allTextContents();
      assert.equal(ledger.length, 1, ledger.join('\n'));
      assert.match(ledger[0], /location_checkGET \/v1\/location\/cells\/[\d.]+\d+200[0-9a-f]{12}…$/);
      // The page, its script and the check: nothing asked of any other host (the proxy is the app's own).
      const origins = new Set(requests.map((r) => new URL(r).origin));
      assert.deepEqual([...origins], [preview.url]);
      assert.ok(
        requests.some((r) => new URL(r).pathname.startsWith('/v1/location/')),
        requests.join('\n'),
      );
      assert.deepEqual(errors, []);
      step('page, check and assertions');
    } finally {
      await browser.close();
      preview.close();
    }
  });
});
