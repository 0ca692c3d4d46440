// Fly (the real SDK in the page, whose ledger must equal the bytes that left, as the browser's network
// saw them) and the operator's pages (token sign-in, datasets with an import's skipped-record report,
// replace, delete; the zone map; statistics, which count the Fly test's telemetry: the two run in this
// order, in one page). No request to another host, no console error, no serious axe violation, a
// screenshot of each page (the folder is named in the output).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { seriousViolations, type WatchedPage, watchedPage } from '../../testing/console-browser.ts';
import { type ConsoleRun, OPERATOR_TOKEN, openAirZurich } from '../console-fixtures.ts';

/** The paths the SDK sends to in this flight: location checks and the two telemetry categories. */
const SDK_PATHS = /^\/v1\/(location|telemetry)\//;

export function flyAndOperatorTests(run: ConsoleRun): void {
  describe('Fly and the operator pages', () => {
    let w: WatchedPage;
    let page: Page;
    const shots = mkdtempSync(join(tmpdir(), 'airlock-console-pages-'));

    before(async () => {
      w = await watchedPage(run.browser, run.t.url);
      page = w.page;
    });
    after(async () => {
      const origin = run.t ? new URL(run.t.url).origin : '';
      const elsewhere = w?.requests.filter((u) => !u.startsWith('data:') && new URL(u).origin !== origin);
      await w?.context.close();
      console.error(`console page screenshots: ${shots}`);
      assert.deepEqual(elsewhere ?? [], [], 'requests to hosts other than the server');
      // The refusals the operator test provokes on purpose are logged by Chromium as failed loads.
      const provoked = [
        /status of 401 .*\/v1\/admin\/stats\/requests/,
        /status of 422 .*\/v1\/admin\/datasets\/operator-test/,
      ];
      const errors = w?.errors.filter((e) => !provoked.some((p) => p.test(e)));
      assert.deepEqual(errors ?? [], [], 'console errors');
    });

    const shot = (name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
    const accessible = async (name: string) => assert.deepEqual(await seriousViolations(page), [], name);

    test('Fly: the SDK in the page warns on the device, and its ledger equals the bytes that left', async () => {
      const sent: { method: string; url: string; body: Buffer }[] = [];
      page.on('request', (r) => {
        if (SDK_PATHS.test(new URL(r.url()).pathname))
          sent.push({ method: r.method(), url: r.url(), body: r.postDataBuffer() ?? Buffer.alloc(0) });
      });
      // 25 m west of the test restriction's edge: the drone flies into it within seconds.
      await page.goto('/fly?lon=8.5449&lat=47.3977&zoom=16');
      await page.locator('.fly-map[data-state="drawn"]').waitFor({ timeout: 20_000 });
      await page.getByRole('button', { name: 'Take off' }).click();
      await page.getByText('Blocked: no flight here').waitFor({ timeout: 15_000 });
      await page.getByText(/Inside Test restriction Zurich/).waitFor();
      await page.getByRole('button', { name: 'Land' }).click();
      await accessible('fly');

      // A flight summary waits in the user-experience queue; switching the category off drops it.
      const uxQueue = page.locator('[data-queue="user_experience"]');
      await uxQueue.getByText('Queued: 1').waitFor();
      await page.getByLabel(/User experience data/).uncheck();
      await uxQueue.getByText('Queued: 0').waitFor();
      // App-performance data (feature counts, the check's timing) still goes, when asked to.
      await page.getByRole('button', { name: 'Send queued telemetry now' }).click();
      await page.locator('.ledger-table tbody tr', { hasText: 'app_performance' }).waitFor();
      await page.locator('.ledger-table [data-status=waiting]').first().waitFor({ state: 'detached' });
      await shot('fly');

      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Export the ledger (JSON)' }).click();
      const file = await (await download).path();
      const ledger = JSON.parse(readFileSync(file, 'utf8')) as {
        entries: {
          method: string;
          url: string;
          category: string;
          bytes: number;
          sha256: string;
          payload: string | null;
        }[];
      };
      const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
      assert.deepEqual(
        ledger.entries.map((e) => [e.method, e.url, e.bytes, e.sha256]),
        sent.map((r) => [r.method, r.url, r.body.length, sha(r.body)]),
        'every request that left is in the ledger, with its exact size and digest, and nothing else',
      );
      for (const [i, e] of ledger.entries.entries())
        if (e.payload !== null) assert.equal(e.payload, sent[i].body.toString('utf8'), `entry ${i}: payload`);
      const categories = new Set(ledger.entries.map((e) => e.category));
      assert.ok(
        categories.has('location_check') && categories.has('app_performance'),
        [...categories].join(),
      );
      assert.ok(!categories.has('user_experience'), 'nothing of the category switched off left');
      assert.ok(
        sent.filter((r) => r.url.includes('/v1/location/')).every((r) => !/8\.544|47\.397/.test(r.url)),
        'no location check names the position',
      );
    });

    test('Operator: token sign-in, datasets (import with its skipped-record report, replace, delete), zone map, statistics', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'airlock-operator-files-'));
      const partial = join(dir, 'partial.txt');
      const clean = join(dir, 'clean.txt');
      writeFileSync(partial, openAirZurich(3, 1));
      writeFileSync(clean, openAirZurich(2, 0, 'Replaced'));

      await page.goto('/operator');
      await page.getByLabel('Operator token').fill('not-the-token-at-all');
      await page.getByRole('button', { name: 'Sign in as operator' }).click();
      await page.getByRole('alert').getByText('operator token missing or wrong').waitFor();
      await page.getByLabel('Operator token').fill(OPERATOR_TOKEN);
      await page.getByRole('button', { name: 'Sign in as operator' }).click();
      await page.getByRole('heading', { name: 'Operator: Datasets' }).waitFor();
      await page.getByRole('rowheader', { name: /console-test/ }).waitFor();

      // One record in four unreadable: refused, with the report; accepted when the operator says so.
      await page.getByLabel('Dataset id').fill('operator-test');
      await page.locator('input[name=file]').setInputFiles(partial);
      await page.getByLabel('Format').selectOption('openair');
      await page.getByLabel('Licence').fill('CC0');
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await page.getByRole('heading', { name: 'Import refused' }).waitFor();
      await page.getByText('Records read: 4; skipped: 1.').waitFor();
      await page
        .locator('.issues li', { hasText: /^line \d+/ })
        .first()
        .waitFor();
      await page.getByLabel(/Store it even when/).check();
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await page.getByRole('heading', { name: 'Import report' }).waitFor();
      await page.getByRole('rowheader', { name: /operator-test/ }).waitFor();
      await accessible('operator datasets');
      await shot('operator-datasets');

      await page.getByLabel('Replace operator-test with a file').setInputFiles(clean);
      await page.getByText('Imported "operator-test".').waitFor();
      await page
        .getByRole('row', { name: /operator-test/ })
        // The zone count cell ("2: restricted 2"), not the import time beside it ("12:06 AM" holds "2:").
        .getByRole('cell', { name: /^2: / })
        .waitFor();

      await page.getByRole('link', { name: 'Zone map' }).click();
      await page.locator('.zone-map .map[data-state="drawn"]').waitFor({ timeout: 20_000 });
      await page.getByText(/^[1-9]\d* zones in view/).waitFor();
      await page.getByRole('checkbox', { name: 'operator-test' }).uncheck();
      await page.getByLabel('In force at (UTC; empty: all)').fill('2026-06-01T12:00');
      await accessible('operator zone map');
      await shot('operator-zones');

      await page.getByRole('link', { name: 'Datasets' }).click();
      page.once('dialog', (d) => void d.accept());
      await page.getByRole('button', { name: 'Delete operator-test' }).click();
      await page.getByText('Deleted "operator-test".').waitFor();
      await page.getByRole('rowheader', { name: /operator-test/ }).waitFor({ state: 'detached' });

      await page.getByRole('link', { name: 'Statistics' }).click();
      await page.getByText(/Any number made up of fewer than 1 reports/).waitFor();
      await shot('operator-stats');
      await page.getByRole('rowheader', { name: '/v1/location/cells/:cellId' }).waitFor();
      // The Fly test's telemetry, aggregated: a histogram per dimension (here the check's timing).
      await page.getByText('app_performance: timing:location.check').waitFor();
      await accessible('operator statistics');
    });
  });
}
