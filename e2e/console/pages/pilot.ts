// A pilot's own pages, as a pilot would use them: sign up, upload a PX4 ULog (file chooser) and an
// ArduPilot DataFlash log (dropped), compare them, see each flight's map and charts, share one by link
// and revoke it, delete one, change the password, sign out and in again, delete the account. Every
// request is recorded (none may leave for another host), no console error (CSP refusals are console
// errors), axe-core finds no serious or critical violation on any page. Screenshots go to a temp
// folder named in the output.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { TestServer } from '../../../packages/server/src/testing/test-server.ts';
import { seriousViolations, type WatchedPage, watchedPage } from '../../testing/console-browser.ts';
import { type ConsoleRun, NEW_PASSWORD, PILOT_PASSWORD } from '../console-fixtures.ts';

const LOGS = new URL('../../../../shared/data/flightlogs/', import.meta.url);
const ULOG = new URL('ulog/sample_px4_events.ulg', LOGS);
const DATAFLASH = new URL('dataflash/log171.bin', LOGS);

export function pilotTests(run: ConsoleRun): void {
  describe("a pilot's flights and account", () => {
    let t: TestServer;
    let browser: Browser;
    let w: WatchedPage;
    let page: Page;
    const shots = mkdtempSync(join(tmpdir(), 'airlock-console-shots-'));
    const started = performance.now();

    before(async () => {
      ({ t, browser } = run);
      w = await watchedPage(browser, t.url);
      page = w.page;
    });
    after(async () => {
      await w?.context.close();
      console.error(`console screenshots: ${shots} (${Math.round(performance.now() - started)} ms in all)`);
    });

    const shot = (name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
    const accessible = async (name: string) => assert.deepEqual(await seriousViolations(page), [], name);

    test('a pilot signs up, uploads two logs, sees map and charts, deletes one, changes password, signs out and in, deletes the account', async () => {
      await page.goto('/');
      await page.waitForURL('**/sign-in');
      await accessible('sign-in');
      await shot('1-sign-in');

      await page.getByRole('link', { name: 'Create an account' }).click();
      await page.getByLabel('E-mail').fill('console-pilot@example.org');
      await page.getByLabel('Password').fill(PILOT_PASSWORD);
      await accessible('sign-up');
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByText('No flights yet').waitFor();
      await accessible('flights, empty');

      await page.getByRole('link', { name: 'Upload logs' }).click();
      await page.locator('input[type=file]').setInputFiles(ULOG.pathname);
      await dropFile(page, DATAFLASH.pathname);
      const uploaded = page.getByText('Uploaded:');
      await uploaded.nth(1).waitFor({ timeout: 30_000 });
      await page.locator('input[type=file]').setInputFiles(ULOG.pathname);
      await page.getByText('Already uploaded:').waitFor();
      await accessible('upload');
      await shot('2-upload');

      await page.getByRole('link', { name: 'Flights', exact: true }).click();
      await assertRows(page, 2);
      await accessible('flights');
      await shot('3-flights');

      // Filtered and sorted by the server: by format, then by flight date, oldest first.
      await page.getByLabel('Format').selectOption('ulog');
      await page.getByRole('button', { name: 'Show' }).click();
      await page.locator('table.flights tbody tr').nth(1).waitFor({ state: 'detached' });
      await page.getByRole('row').filter({ hasText: 'PX4 ULog' }).waitFor();
      await page.getByLabel('Format').selectOption('');
      await page.getByLabel('Sort by').selectOption('start');
      await page.locator('select[name=order]').selectOption('asc');
      await page.getByRole('button', { name: 'Show' }).click();
      await assertRows(page, 2);
      await page.locator('table.flights tbody tr').first().filter({ hasText: 'log171.bin' }).waitFor();

      // Both flights on one map and one chart.
      for (const box of await page.getByRole('checkbox', { name: /^Compare the flight/ }).all())
        await box.check();
      await page.getByRole('link', { name: 'Compare 2 flights' }).click();
      await page.locator('.compare .map[data-state="drawn"]').waitFor({ timeout: 20_000 });
      assert.equal(
        await page.locator('.compare-chart .u-legend .u-series').count(),
        3,
        'time + one line per flight',
      );
      await accessible('compare');
      await shot('3b-compare');
      await page.getByRole('link', { name: 'Flights', exact: true }).click();
      await assertRows(page, 2);

      for (const [format, name] of [
        ['ArduPilot DataFlash', '4-flight-dataflash'],
        ['PX4 ULog', '5-flight-ulog'],
      ] as const) {
        await page.getByRole('row').filter({ hasText: format }).getByRole('link').click();
        await page.locator('.map[data-state="drawn"]').waitFor({ timeout: 20_000 });
        await page.getByText('1 airspace zone near the track, 1 crossed').waitFor();
        assert.ok((await chartPixels(page)) > 100, `${format}: the first chart has a line drawn`);
        await hoverChart(page);
        await recolourTrack(page);
        await accessible(format);
        await shot(name);
        if (format === 'PX4 ULog') {
          await reloadFlight(page, w.requests);
          break;
        }
        await page.getByRole('link', { name: 'Flights', exact: true }).click();
      }

      await shareFlight(browser, page, shots);

      await page.getByRole('button', { name: 'Delete this flight…' }).click();
      await page.getByRole('button', { name: 'Delete', exact: true }).click();
      await page.waitForURL('**/flights');
      await assertRows(page, 1);
      const remaining = await page.locator('table.flights tbody tr a').first().getAttribute('href');
      assert.match(remaining ?? '', /^\/flights\/[0-9a-f-]{36}$/);

      await page.getByRole('link', { name: 'console-pilot@example.org' }).click();
      await page.getByLabel('Current password').fill(PILOT_PASSWORD);
      await page.getByLabel('New password').fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByText('Password changed.').waitFor();
      await accessible('account');
      await shot('6-account');

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL('**/sign-in');
      // A flight opened directly with the hint of a session that has ended (signed out in another
      // tab): the console asks for the flight at once, is refused, signs in and then shows it.
      await page.evaluate(() => localStorage.setItem('airlock.signed-in', '1'));
      await page.goto(remaining!);
      await page.waitForURL(`**/sign-in?next=${encodeURIComponent(remaining!)}`);
      await page.getByLabel('E-mail').fill('console-pilot@example.org');
      await page.getByLabel('Password').fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(`**${remaining}`);
      await page.locator('.map[data-state="drawn"]').waitFor({ timeout: 20_000 });
      assert.ok((await chartPixels(page)) > 100, 'after signing in: the first chart has a line drawn');
      // The stale session's refusals (its check and the flight's answers asked for at once) are logged.
      const refused = w.errors.filter((e) => e.includes('status of 401'));
      assert.ok(refused.length > 0, 'the stale session was refused');
      for (const e of refused)
        assert.match(
          e,
          /\((http:[^)]+\/v1\/(accounts\/me|flightlogs\/[0-9a-f-]{36}(\/track|\/series|\/modes)?))\)$/,
        );
      w.errors.splice(0, w.errors.length, ...w.errors.filter((e) => !refused.includes(e)));
      await page.getByRole('link', { name: 'Flights', exact: true }).click();
      await assertRows(page, 1);

      // Fly replays the flight left (the ArduPilot log near Canberra) through the SDK: take-off at its
      // first fix, the drone moving along the log, checked by cell only.
      const checks: string[] = [];
      const onRequest = (r: { url: () => string }) => {
        if (r.url().includes('/v1/location/')) checks.push(r.url());
      };
      page.on('request', onRequest);
      await page.goto('/fly');
      await page.locator('.fly-map[data-state="drawn"]').waitFor({ timeout: 20_000 });
      const replay = page.getByLabel('Replay one of your flights');
      await replay.locator('option', { hasText: 'log171.bin' }).waitFor({ state: 'attached' });
      await replay.selectOption({ index: 1 });
      await page.getByText(/^Replaying log171\.bin from its first fix/).waitFor();
      await page.getByText(/Take-off point: -35\.36\d*, 149\.16\d*/).waitFor();
      await page.getByRole('button', { name: 'Take off' }).click();
      await page.getByText(/Flying: [1-9]\.\d s/).waitFor({ timeout: 15_000 });
      await page.getByRole('button', { name: 'Land' }).click();
      await accessible('fly, replay');
      page.off('request', onRequest);
      assert.ok(checks.length > 0, 'a location check left');
      assert.ok(
        checks.every((u) => u.includes('/v1/location/cells/') && !/149\.1|35\.3/.test(u)),
        checks.join(' '),
      );

      await page.goto('/account');
      await page.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Delete my account and all my data' }).click();
      await page.waitForURL('**/sign-in');
      const gone = await fetch(`${t.url}/v1/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'console-pilot@example.org', password: NEW_PASSWORD }),
      });
      assert.equal(gone.status, 401, 'the deleted account cannot sign in');

      const origin = new URL(t.url).origin;
      const elsewhere = w.requests.filter((u) => !u.startsWith('data:') && new URL(u).origin !== origin);
      assert.deepEqual(elsewhere, [], 'requests to hosts other than the server');
      assert.ok(
        w.requests.some((u) => /\/assets\/maplibre-gl-worker-[^/]+\.mjs$/.test(u)),
        'the map worker is a file',
      );
      assert.deepEqual(w.errors, [], 'console errors');
    });
  });
}

/** Drops a file on the upload area as a drag from the desktop would (a DataTransfer with the File). */
async function dropFile(page: Page, path: string): Promise<void> {
  const base64 = readFileSync(path).toString('base64');
  const name = path.split('/').pop() ?? 'log';
  await page.locator('.drop').evaluate(
    (el, [b64, fileName]) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], fileName));
      el.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      el.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    },
    [base64, name] as const,
  );
}

async function assertRows(page: Page, n: number): Promise<void> {
  await page
    .locator('table.flights tbody tr')
    .nth(n - 1)
    .waitFor();
  assert.equal(await page.locator('table.flights tbody tr').count(), n);
}

/** Pixels of the first chart's first line colour: uPlot draws on a 2D canvas, which can be read back. */
function chartPixels(page: Page): Promise<number> {
  return page
    .locator('.chart-slot canvas')
    .first()
    .evaluate((c: HTMLCanvasElement) => {
      const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i + 2] > 120 && data[i] < 80 && data[i + 3] > 0) n++;
      return n;
    });
}

/**
 * The track's colour follows the selector: the map's own paint property names the chosen value (read
 * back by the page into data-colour-by) and the legend its unit (flight modes: flight-details.ts).
 */
async function recolourTrack(page: Page): Promise<void> {
  const select = page.getByLabel('Colour the track by');
  const map = page.locator('.map[data-state="drawn"]');
  assert.equal(await map.getAttribute('data-colour-by'), 'alt');
  await page.locator('.legend').getByText('m above take-off').first().waitFor();
  assert.ok(await select.locator('option[value=mode]').isEnabled(), 'both test logs have flight modes');
  await select.selectOption('speed');
  await page.locator('.map[data-colour-by="speed"]').waitFor();
  await page.locator('.legend').getByText('m/s').first().waitFor();
  await select.selectOption('alt');
  await page.locator('.map[data-colour-by="alt"]').waitFor();

  // An event chosen in the list moves the charts' cursor (their legend shows values) to its moment.
  await page.getByText(/\d+ events? \(lines on the charts\)/).click();
  await page.locator('.events button').first().click();
  await page.locator('.u-legend .u-value').nth(1).filter({ hasNotText: '--' }).waitFor();
}

/**
 * The flight page opened directly (a reload, a bookmark): the console asks for the flight's four
 * answers as it starts, beside the session check, once each, and draws the same map and charts.
 */
async function reloadFlight(page: Page, requests: string[]): Promise<void> {
  const id = new URL(page.url()).pathname.split('/').pop();
  const asked = (suffix: string) =>
    requests.filter((u) => new URL(u).pathname === `/v1/flightlogs/${id}${suffix}`).length;
  const before = ['', '/track', '/series', '/modes'].map(asked);
  await page.reload();
  await page.locator('.map[data-state="drawn"]').waitFor({ timeout: 20_000 });
  assert.ok((await chartPixels(page)) > 100, 'after a reload: the first chart has a line drawn');
  await page.getByText('1 airspace zone near the track, 1 crossed').waitFor();
  assert.deepEqual(
    ['', '/track', '/series', '/modes'].map((s, i) => asked(s) - before[i]),
    [1, 1, 1, 1],
    'summary, track, series and modes asked for once each',
  );
}

/** Pointing into a chart moves the map's marker: the cursor is one moment shared by both. */
async function hoverChart(page: Page): Promise<void> {
  const over = page.locator('.chart-slot .u-over').first();
  await over.scrollIntoViewIfNeeded();
  const box = await over.boundingBox();
  assert.ok(box);
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
  await page.locator('.u-legend .u-value').nth(1).filter({ hasNotText: '--' }).waitFor();
  await page.mouse.move(0, 0);
}

/**
 * Share the open flight by link (track moved), open the link in a fresh context (no session: what
 * anyone with the link sees), then revoke it: the same link now says it does not work.
 */
async function shareFlight(browser: Browser, page: Page, shots: string): Promise<void> {
  await page.getByLabel(/Move the whole track/).check();
  await page.getByRole('button', { name: 'Create link' }).click();
  const link = await page.locator('input.share-link').inputValue();
  assert.match(link, /\/shared\/alf_[A-Za-z0-9_-]{22}$/);
  const stranger = await browser.newContext();
  try {
    const other = await stranger.newPage();
    await other.goto(link);
    await other.getByRole('heading', { name: /^Shared flight of/ }).waitFor();
    await other.locator('.shared-track polyline').first().waitFor();
    await other.locator('.chart-slot canvas').first().waitFor();
    assert.ok(
      !(await other.content()).includes('console-pilot@example.org'),
      'the e-mail on the shared page',
    );
    assert.deepEqual(await seriousViolations(other), [], 'shared page');
    await other.screenshot({ path: join(shots, '5b-shared.png'), fullPage: true });
    await page.getByRole('button', { name: 'Revoke' }).click();
    await page.locator('ul.shares li').waitFor({ state: 'detached' });
    await other.reload();
    await other.getByText('This link does not work').waitFor();
  } finally {
    await stranger.close();
  }
}
