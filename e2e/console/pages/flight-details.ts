// The flight page's modes and parameters, in Debian's Chromium: a PX4 ULog's five flight modes drawn as
// bands on every chart (each chart's root says how many bands its last draw painted), the track
// coloured by flight mode (read back from the map's own paint property), a mode change in the event
// list that moves the charts' cursor; log171.bin's parameters listed with a known value, filtered, and
// compared with another ArduCopter log (a changed parameter with both values). No request leaves for
// another host, no console error, and axe-core finds no serious or critical violation.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { TestServer } from '../../../packages/server/src/testing/test-server.ts';
import { seriousViolations, type WatchedPage, watchedPage } from '../../testing/console-browser.ts';
import { type ConsoleRun, PILOT_PASSWORD } from '../console-fixtures.ts';

const LOGS = new URL('../../../../shared/data/flightlogs/', import.meta.url);
const EMAIL = 'console-params@example.org';

export function flightDetailsTests(run: ConsoleRun): void {
  describe('flight modes and parameters in the console', () => {
    let t: TestServer;
    let browser: Browser;
    let w: WatchedPage;
    const ids: Record<string, string> = {};

    before(async () => {
      ({ t, browser } = run);
      const pilot = await t.pilot(EMAIL, PILOT_PASSWORD);
      for (const file of [
        'ulog/sample_px4_events.ulg',
        'dataflash/log171.bin',
        'dataflash/backend_log_80k.bin',
      ]) {
        const name = file.split('/')[1];
        const r = await fetch(`${t.url}/v1/flightlogs?filename=${name}`, {
          method: 'POST',
          headers: pilot.auth,
          body: readFileSync(new URL(file, LOGS)),
        });
        const body = await r.text();
        assert.equal(r.status, 201, body);
        ids[name] = JSON.parse(body).flightlog.id;
      }
      w = await watchedPage(browser, t.url);
      await signIn(w.page);
    });
    after(async () => {
      if (!w) return;
      await w.context.close();
      const origin = new URL(t.url).origin;
      const elsewhere = w.requests.filter((u) => !u.startsWith('data:') && new URL(u).origin !== origin);
      assert.deepEqual(elsewhere, [], 'requests to hosts other than the server');
      assert.deepEqual(w.errors, [], 'console errors');
    });

    test('modes: bands on every chart, the track coloured by mode, a mode change seeks the charts', async () => {
      const page = w.page;
      await page.goto(`/flights/${ids['sample_px4_events.ulg']}`);
      await page.locator('.map[data-state="drawn"]').waitFor({ timeout: 20_000 });
      const charts = page.locator('.chart-slot .uplot');
      await charts.first().waitFor();
      const bands = await charts.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.modeBands));
      assert.ok(bands.length >= 2, `${bands.length} charts`);
      assert.deepEqual(new Set(bands), new Set(['5']), 'AUTO_LOITER, TAKEOFF, LOITER, RTL, LOITER on each');
      await page.getByLabel('Colour the track by').selectOption('mode');
      await page.locator('.map[data-colour-by="mode"]').waitFor();
      const legend = page.getByRole('list', { name: 'Flight mode colours' });
      assert.deepEqual(await legend.getByRole('listitem').allInnerTexts(), [
        'AUTO_LOITER',
        'AUTO_TAKEOFF',
        'AUTO_RTL',
      ]);
      await page.locator('.events summary').click();
      await page.getByRole('button', { name: /s · Mode: AUTO_TAKEOFF/ }).click();
      await page.locator('.u-legend .u-value').nth(1).filter({ hasNotText: '--' }).waitFor();
      assert.deepEqual(await seriousViolations(page), [], 'flight page with modes');
    });

    test('parameters: a known value, the filter, and a diff with another flight', async () => {
      const page = w.page;
      await page.goto(`/flights/${ids['log171.bin']}`);
      await page.locator('.map[data-state="drawn"]').waitFor({ timeout: 20_000 });
      await page.locator('.parameters summary').click();
      const list = page.getByRole('tabpanel');
      await list.getByText('491 parameters').waitFor();
      await page.getByLabel('Filter parameters').fill('angle_m');
      const row = list.getByRole('row', { name: /ANGLE_MAX/ });
      await row.waitFor();
      assert.equal(await list.locator('tbody tr').count(), 1, 'only ANGLE_MAX matches');
      assert.match(await row.innerText(), /ANGLE_MAX\s+3,?500/);
      assert.deepEqual(await seriousViolations(page), [], 'parameters list');

      // Keyboard: the arrow key moves to the comparison tab.
      await page.getByRole('tab', { name: 'Parameters' }).focus();
      await page.keyboard.press('ArrowRight');
      assert.equal(
        await page.getByRole('tab', { name: 'Compare with another flight' }).getAttribute('aria-selected'),
        'true',
      );
      const choose = page.getByLabel('Flight to compare with');
      const option = await choose.locator('option', { hasText: 'backend_log_80k.bin' }).getAttribute('value');
      assert.equal(option, ids['backend_log_80k.bin']);
      assert.equal(await choose.locator('option', { hasText: 'sample_px4_events.ulg' }).count(), 1);
      await choose.selectOption(option!);
      const changed = page.getByRole('table', { name: 'Changed' });
      await changed.waitFor();
      assert.match(
        await changed.getByRole('row', { name: /ANGLE_MAX/ }).innerText(),
        /ANGLE_MAX\s+3,?500\s+4,?500/,
      );
      await page.getByRole('table', { name: 'Only in backend_log_80k.bin' }).waitFor();
      await page.getByRole('table', { name: 'Only in this flight' }).waitFor();
      assert.deepEqual(await seriousViolations(page), [], 'parameter diff');
    });
  });
}

async function signIn(page: Page): Promise<void> {
  await page.goto('/sign-in?next=%2Fflights');
  await page.getByLabel('E-mail').fill(EMAIL);
  await page.getByLabel('Password').fill(PILOT_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/flights');
}
