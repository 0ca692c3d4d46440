// The community gallery in the console, in Debian's Chromium: anyone sees the shared photos and videos
// (thumbnail, title, licence, the pilot's public name), an item page shows the stripped file (a video's
// metadata arrives by range requests), a signed-in pilot reports an item, and its owner deletes a share
// from "your shares", and the operator hides the reported item from the console's queue. No request leaves for another host, no console error, and axe-core finds no
// serious or critical violation on any of the pages.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { TestServer } from '../../../packages/server/src/testing/test-server.ts';
import { seriousViolations, type WatchedPage, watchedPage } from '../../testing/console-browser.ts';
import { MEDIA_DIR } from '../../testing/media-tools.ts';
import { type ConsoleRun, OPERATOR_TOKEN, PILOT_PASSWORD } from '../console-fixtures.ts';

export function galleryTests(run: ConsoleRun): void {
  describe('the gallery in the console', () => {
    let t: TestServer;
    let browser: Browser;
    const watched: WatchedPage[] = [];
    const items: Record<string, { id: string }> = {};

    before(async () => {
      ({ t, browser } = run);
      const owner = await t.pilot('gallery-owner@example.org', PILOT_PASSWORD);
      await t.pilot('gallery-reporter@example.org', PILOT_PASSWORD);
      const json = { ...owner.auth, 'content-type': 'application/json' };
      await fetch(`${t.url}/v1/media/profile`, {
        method: 'PUT',
        headers: json,
        body: JSON.stringify({ public_name: 'Lake pilot' }),
      });
      for (const [file, title] of [
        ['android-gps.mp4', 'Takeoff'],
        ['pixel-gps.jpg', 'Harbour at dawn'],
      ]) {
        const r = await fetch(`${t.url}/v1/media?title=${encodeURIComponent(title)}&licence=CC-BY-4.0`, {
          method: 'POST',
          headers: owner.auth,
          body: readFileSync(join(MEDIA_DIR, file)),
        });
        assert.equal(r.status, 201);
        items[title] = await r.json();
      }
    });
    after(async () => {
      const origin = t ? new URL(t.url).origin : '';
      for (const w of watched) await w.context.close();
      for (const w of watched) {
        const elsewhere = w.requests.filter((u) => !u.startsWith('data:') && new URL(u).origin !== origin);
        assert.deepEqual(elsewhere, [], 'requests to hosts other than the server');
        assert.deepEqual(w.errors, [], 'console errors');
      }
    });

    const open = async (): Promise<Page> => {
      const w = await watchedPage(browser, t.url);
      watched.push(w);
      return w.page;
    };
    const accessible = async (page: Page, name: string) =>
      assert.deepEqual(await seriousViolations(page), [], name);
    const signIn = async (page: Page, email: string, next: string) => {
      await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
      await page.getByLabel('E-mail').fill(email);
      await page.getByLabel('Password').fill(PILOT_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(`**${next}`);
    };

    test('anyone: the list, a photo, a video played by range requests', async () => {
      const page = await open();
      await page.goto('/gallery');
      await page.getByText('Harbour at dawn').waitFor();
      assert.equal(await page.getByText('by Lake pilot · CC BY 4.0').count(), 2);
      assert.equal(await page.locator('.media-card img').count(), 1, 'the photo has its thumbnail');
      await accessible(page, 'gallery');

      await page.getByRole('link', { name: 'Harbour at dawn' }).click();
      await page.getByRole('img', { name: 'Harbour at dawn' }).waitFor();
      await page.getByRole('link', { name: 'Sign in' }).waitFor();
      await accessible(page, 'photo page');

      await page.goto(`/gallery/${items.Takeoff.id}`);
      const duration = await page
        .locator('video')
        .evaluate(
          (v: HTMLVideoElement) =>
            new Promise<number>((resolve) =>
              v.readyState >= 1
                ? resolve(v.duration)
                : v.addEventListener('loadedmetadata', () => resolve(v.duration)),
            ),
        );
      assert.ok(duration > 0, `the browser read the video's metadata (${duration} s)`);
      await accessible(page, 'video page');
    });

    test('a signed-in pilot reports, the operator hides it from the queue; the owner deletes a share', async () => {
      const reporter = await open();
      await signIn(reporter, 'gallery-reporter@example.org', `/gallery/${items['Harbour at dawn'].id}`);
      await reporter.getByText('Report this item').click();
      await reporter.getByLabel('Why').selectOption('shows_location');
      await reporter.getByLabel('Anything the operator should know (optional)').fill('our house is in it');
      await accessible(reporter, 'report form');
      await reporter.getByRole('button', { name: 'Send the report' }).click();
      await reporter.getByText('the operator will look at it').waitFor();
      const queue = await (
        await fetch(`${t.url}/v1/admin/media/reports`, {
          headers: { authorization: `Bearer ${OPERATOR_TOKEN}` },
        })
      ).json();
      assert.deepEqual(queue.items[0].reports[0].note, 'our house is in it');

      // The operator's queue in the console: the item with its reason counted; hiding it answers 451.
      const operator = await open();
      await operator.goto('/operator/reports');
      await operator.getByLabel('Operator token').fill(OPERATOR_TOKEN);
      await operator.getByRole('button', { name: 'Sign in as operator' }).click();
      const row = operator.getByRole('row', { name: /Harbour at dawn/ });
      await row.getByText('It shows where someone lives or is: 1').waitFor();
      await row.getByText('“our house is in it”').waitFor();
      assert.equal(await row.locator('img').count(), 1, 'the thumbnail');
      await accessible(operator, 'operator media reports');
      await row.getByRole('button', { name: 'Hide Harbour at dawn' }).click();
      await operator.getByText('“Harbour at dawn”: hidden').waitFor();
      await operator.getByText('No open reports.').waitFor();
      assert.equal((await fetch(`${t.url}/v1/media/${items['Harbour at dawn'].id}`)).status, 451);

      const owner = await open();
      await signIn(owner, 'gallery-owner@example.org', '/gallery/mine');
      await owner.getByText('Takeoff').waitFor();
      await accessible(owner, 'your shares');
      const card = owner.locator('.media-card', { hasText: 'Takeoff' });
      await card.getByRole('button', { name: 'Delete' }).click();
      await card.getByRole('button', { name: 'Delete for good' }).click();
      await owner.locator('.media-card', { hasText: 'Takeoff' }).waitFor({ state: 'detached' });
      assert.equal((await fetch(`${t.url}/v1/media/${items.Takeoff.id}`)).status, 404);
    });
  });
}
